import { openAsBlob } from 'node:fs';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A small client for tests: real HTTP, JSON in and out, the API key in the Authorization header. */
export function apiClient(baseUrl: string, apiKey: string | undefined) {
  async function call<T = any>(method: string, path: string, init: { json?: unknown; body?: FormData | string; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), ...init.headers };
    let body: FormData | string | undefined = init.body;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(new URL(path, baseUrl), { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text !== '') parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  return {
    call,
    get: <T = any>(path: string, headers?: Record<string, string>) => call<T>('GET', path, { headers }),
    post: <T = any>(path: string, json?: unknown, headers?: Record<string, string>) => call<T>('POST', path, { json: json ?? {}, headers }),
    patch: <T = any>(path: string, json: unknown) => call<T>('PATCH', path, { json }),
    delete: <T = any>(path: string) => call<T>('DELETE', path),
    async upload<T = any>(path: string, file: string | Blob, filename: string, headers?: Record<string, string>) {
      const form = new FormData();
      form.set('file', typeof file === 'string' ? await openAsBlob(file) : file, filename);
      return call<T>('POST', path, { body: form, headers });
    },
  };
}

export type ApiClient = ReturnType<typeof apiClient>;
