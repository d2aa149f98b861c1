/**
 * 127.0.0.0/8, ::1 (bracketed or not, also IPv4-mapped) and localhost: addresses only this machine
 * reaches. Decides whether the built-in sandboxes stay on by default (src/config.ts) and whether a
 * standalone sandbox may leave its control routes open (src/sandbox/autenti/index.ts).
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare) || /^::ffff:127\./.test(bare);
}
