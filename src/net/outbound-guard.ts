import { lookup as dnsLookup } from 'node:dns/promises';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { buildConnector, Dispatcher } from 'undici';

/**
 * The one guard for every URL a user gives Countersign to call (provider connections, sandbox callbacks,
 * webhook endpoints), against server-side request forgery:
 *
 * - when a URL is accepted, `checkOutboundUrl` refuses other schemes, credentials in the URL, IP
 *   literals of non-public addresses (the WHATWG parser already turns `127.1`, `2130706433` and
 *   `0x7f000001` into `127.0.0.1`), `localhost`, and plain http to anything the operator did not open;
 * - when a connection is opened, the dispatcher of `createOutboundDispatcher` resolves the name itself,
 *   refuses the connection if any address is not public, and connects to the address it checked, so a
 *   DNS answer that changes between the check and the connection (rebinding) gains nothing. Every
 *   connection goes through it, a redirect's too.
 *
 * The operator opens private destinations with an allow list (COUNTERSIGN_ALLOW_PRIVATE_URLS: host
 * names, addresses and CIDR ranges); those may then be reached over http too (an emulator, a receiver
 * on the private network). A caller may also trust exact origins (the server's own, for its built-in
 * sandbox): nothing else is opened by them.
 *
 * This folder imports nothing of the project: providers/, app/ and sandbox/ all use it.
 */

export type OutboundRefusalReason = 'invalid-url' | 'scheme' | 'credentials' | 'insecure-http' | 'private-address';

/** A destination the guard will not call. `message` says why and how to open it; it never holds a secret. */
export class OutboundRefusedError extends Error {
  readonly code = 'OUTBOUND_REFUSED';

  constructor(
    readonly reason: OutboundRefusalReason,
    /** The host refused (name or address), for messages. */
    readonly host: string,
    message: string,
  ) {
    super(message);
    this.name = 'OutboundRefusedError';
  }

  /** Whether `error`, or an error it wraps (undici wraps connector errors), is a refusal. */
  static find(error: unknown): OutboundRefusedError | undefined {
    for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
      if (current instanceof OutboundRefusedError) return current;
    }
    return undefined;
  }
}

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** What the operator opened: host names (exact, lower-case), and address ranges (a single address is a /32 or /128). */
export type AllowList = {
  readonly hosts: ReadonlySet<string>;
  readonly ranges: readonly Range[];
  /** The entries as given, for messages. */
  readonly entries: readonly string[];
};

export const ALLOW_LIST_VARIABLE = 'COUNTERSIGN_ALLOW_PRIVATE_URLS';

export const NOTHING_ALLOWED: AllowList = { hosts: new Set(), ranges: [], entries: [] };

const LOOPBACK = '127.0.0.0/8,::1,localhost';

/** Loopback only: the standalone sandbox (a local dev tool) calls back to programs on the same machine. */
export const LOOPBACK_ALLOWED: AllowList = parseAllowList(LOOPBACK);

/**
 * What a standalone sandbox run by hand may call back: this machine (loopback) and what the operator
 * opened with COUNTERSIGN_ALLOW_PRIVATE_URLS. Throws, naming the variable, on a bad entry.
 */
export function localToolAllowList(env: NodeJS.ProcessEnv = process.env): AllowList {
  return parseAllowList([LOOPBACK, env[ALLOW_LIST_VARIABLE] ?? ''].join(','));
}

export type OutboundPolicy = {
  readonly allow: AllowList;
  /**
   * Origins (`http://127.0.0.1:3000`) reached whatever they resolve to, over http or https: the server's
   * own, for its built-in sandbox. A function, because the server learns its address once it listens.
   */
  readonly trustedOrigins?: () => readonly string[];
  /** Name resolution; `dns.lookup` (all addresses) by default. A seam for tests and special resolvers. */
  readonly lookup?: (hostname: string) => Promise<readonly { address: string; family: number }[]>;
};

/**
 * Reads a comma-separated allow list: `127.0.0.1,10.0.0.0/8,::1,emulator.internal`. Throws an `Error`
 * naming every entry that is neither a host name, an IP address nor a CIDR range.
 */
export function parseAllowList(text: string | undefined): AllowList {
  const entries = (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const hosts = new Set<string>();
  const ranges: Range[] = [];
  const bad: string[] = [];
  for (const entry of entries) {
    const bare = entry.replace(/^\[(.*)\]$/, '$1');
    if (entry.includes('/')) {
      try {
        ranges.push(ipaddr.parseCIDR(entry));
      } catch {
        bad.push(entry);
      }
    } else if (ipaddr.isValid(bare) && isIP(bare) !== 0) {
      const address = ipaddr.parse(bare);
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else if (/^[\d.]+$/.test(entry) || /^0x/i.test(entry)) {
      // `127.1` or `0x7f000001` are addresses to the URL parser, never names: write them in full.
      bad.push(entry);
    } else if (/^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i.test(entry)) {
      hosts.add(entry.toLowerCase().replace(/\.$/, ''));
    } else {
      bad.push(entry);
    }
  }
  if (bad.length > 0) {
    throw new Error(
      `${ALLOW_LIST_VARIABLE} takes host names, IP addresses and CIDR ranges separated by commas (e.g. 127.0.0.1,10.0.0.0/8,emulator.internal); ${bad.map((entry) => `"${entry}"`).join(', ')} ${bad.length === 1 ? 'is' : 'are'} none of these.`,
    );
  }
  return { hosts, ranges, entries };
}

/**
 * Whether an IP address is public: global unicast, not loopback, private (RFC 1918), link-local,
 * CGNAT, unique-local, multicast, documentation, benchmarking, reserved or "this network". IPv4-mapped
 * (`::ffff:127.0.0.1`) and NAT64 (`64:ff9b::7f00:1`) addresses are judged by the IPv4 address they
 * carry; other tunnels (6to4, Teredo) are refused, since they can carry anything.
 */
const NAT64 = ipaddr.parseCIDR('64:ff9b::/96');
const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');

export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (!v6.match(NAT64)) {
      // Only global unicast (2000::/3) is routed on the internet; the rest is special or unassigned.
      return v6.match(GLOBAL_UNICAST) && v6.range() === 'unicast';
    }
    parsed = ipaddr.fromByteArray(v6.toByteArray().slice(12));
  }
  return parsed.range() === 'unicast';
}

/** Whether the allow list opens this host name, or this address. */
function allowed(allow: AllowList, hostname: string, address?: string): boolean {
  if (allow.hosts.has(hostname)) return true;
  const candidate = address ?? (ipaddr.isValid(hostname) && isIP(hostname) !== 0 ? hostname : undefined);
  if (candidate === undefined) return false;
  // process() turns `::ffff:10.0.0.1` into `10.0.0.1`, so IPv4 rules cover IPv4-mapped addresses too.
  const parsed = ipaddr.process(candidate);
  return allow.ranges.some(([range, bits]) => parsed.kind() === range.kind() && parsed.match(range, bits));
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

function originKey(protocol: string, hostname: string, port: string): string {
  return `${protocol}//${hostname.toLowerCase()}:${port || DEFAULT_PORTS[protocol] || ''}`;
}

function isTrustedOrigin(policy: OutboundPolicy, protocol: string, hostname: string, port: string): boolean {
  const origins = policy.trustedOrigins?.() ?? [];
  if (origins.length === 0) return false;
  const key = originKey(protocol, hostname, port);
  return origins.some((origin) => {
    try {
      const url = new URL(origin);
      return originKey(url.protocol, bare(url.hostname), url.port) === key;
    } catch {
      return false;
    }
  });
}

/** `[::1]` → `::1`: the URL parser keeps brackets on IPv6 hosts. */
function bare(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

const HOW_TO_OPEN = `An operator can open a private destination with ${ALLOW_LIST_VARIABLE} (comma-separated hosts and CIDR ranges, e.g. 127.0.0.1,10.0.0.0/8).`;

function privateRefusal(host: string, address?: string): OutboundRefusedError {
  const where = address === undefined || address === host ? host : `${host} (which resolves to ${address})`;
  return new OutboundRefusedError(
    'private-address',
    host,
    `${where} is a private, loopback or otherwise internal address, which Countersign does not call. ${HOW_TO_OPEN}`,
  );
}

/**
 * The checks that need no DNS, for a URL about to be accepted or called. Returns the parsed URL or
 * throws `OutboundRefusedError` saying what is wrong and how to fix it.
 */
export function checkOutboundUrl(input: string | URL, policy: OutboundPolicy): URL {
  let url: URL;
  try {
    url = input instanceof URL ? input : new URL(input);
  } catch {
    throw new OutboundRefusedError('invalid-url', '', 'is not an absolute URL such as https://api.example.com/.');
  }
  const hostname = bare(url.hostname);
  if (url.username !== '' || url.password !== '') {
    throw new OutboundRefusedError('credentials', hostname, 'must not carry a user name or password (user:password@host); give credentials in their own fields.');
  }
  checkTarget(policy, url.protocol, hostname, url.port);
  return url;
}

/** The DNS-free rules, shared by the URL check and the connector. */
function checkTarget(policy: OutboundPolicy, protocol: string, hostname: string, port: string): void {
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new OutboundRefusedError('scheme', hostname, `must be an https URL; ${protocol.replace(/:$/, '')} is not called.`);
  }
  if (isTrustedOrigin(policy, protocol, hostname, port)) return;
  const open = allowed(policy.allow, hostname);
  const literal = isIP(hostname) !== 0;
  const local = hostname === 'localhost' || hostname.endsWith('.localhost');
  if (((literal && !isPublicAddress(hostname)) || local) && !open) throw privateRefusal(hostname);
  if (protocol === 'http:' && !open) {
    throw new OutboundRefusedError(
      'insecure-http',
      hostname,
      `must be an https URL: plain http is only allowed to destinations the operator opened, and ${hostname} is not one. ${HOW_TO_OPEN}`,
    );
  }
}

async function defaultLookup(hostname: string): Promise<readonly { address: string; family: number }[]> {
  return dnsLookup(hostname, { all: true, verbatim: true });
}

/**
 * The address to connect to for `protocol//hostname:port`: resolved here, every answer checked.
 * Throws `OutboundRefusedError` when the destination is not allowed; DNS errors pass through.
 */
export async function resolveOutboundTarget(
  policy: OutboundPolicy,
  target: { protocol: string; hostname: string; port: string },
): Promise<{ address: string; family: number }> {
  const hostname = bare(target.hostname);
  checkTarget(policy, target.protocol, hostname, target.port);
  const literal = isIP(hostname);
  if (literal !== 0) return { address: hostname, family: literal };
  const addresses = await (policy.lookup ?? defaultLookup)(hostname);
  if (addresses.length === 0) throw Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' });
  const trusted = isTrustedOrigin(policy, target.protocol, hostname, target.port) || allowed(policy.allow, hostname);
  if (!trusted) {
    // Every answer, not only the first: a name with one private record among public ones is refused.
    const refused = addresses.find(({ address }) => !isPublicAddress(address) && !allowed(policy.allow, hostname, address));
    if (refused) throw privateRefusal(hostname, refused.address);
  }
  return addresses[0]!;
}

/**
 * An undici dispatcher that opens connections only to destinations the policy allows, to the very
 * address it checked. Use it for every request to a user-supplied URL.
 */
export function createOutboundDispatcher(
  policy: OutboundPolicy,
  options: { connectTimeoutMs?: number; /** CA certificates (PEM) trusted instead of the usual ones: a test's own. */ ca?: string } = {},
): Dispatcher {
  // Required here, not imported at the top: undici is some 110 modules that a server calling out to
  // no one (idle, or only serving its API) need not load (docs/operations.md "Memory").
  const { Agent, buildConnector } = createRequire(import.meta.url)('undici') as typeof import('undici');
  const timeout = options.connectTimeoutMs ?? 10_000;
  const connector = buildConnector({ timeout, ...(options.ca ? { ca: options.ca } : {}) });
  const connect: buildConnector.connector = (target, callback) => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`resolving ${target.hostname} took longer than ${timeout} ms`), { code: 'UND_ERR_CONNECT_TIMEOUT' })), timeout);
      timer.unref();
    });
    Promise.race([resolveOutboundTarget(policy, target), deadline]).then(
      ({ address }) => {
        clearTimeout(timer);
        // `host` (name:port) still gives TLS its server name and certificate check; only the socket's address changes.
        connector({ ...target, hostname: address }, callback);
      },
      (error: Error) => {
        clearTimeout(timer);
        callback(error, null);
      },
    );
  };
  return new Agent({ connect });
}
