/**
 * A caller of a standalone sandbox's control routes (`<sandbox url>/_sandbox/...`, JSON in and out),
 * for adapter tests that set the sandbox up (clients, keys, fault and shape knobs, recorded calls).
 * A refusal throws with the status and the sandbox's answer.
 */
export type SandboxControl = <T>(method: string, path: string, body?: unknown) => Promise<T>;

export function sandboxControl(sandboxUrl: () => string): SandboxControl {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${sandboxUrl()}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`sandbox ${method} ${path}: HTTP ${response.status} ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  };
}
