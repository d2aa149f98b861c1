import type { ApiClient } from './http.js';
import { waitUntil } from './waiting.js';

/**
 * Helpers of the end-to-end tests that drive a server's built-in sandboxes through the API: the
 * sandbox's control routes (which take the installation's API key), and following an envelope or a job
 * to the state a test waits for.
 */

/** One call to a built-in sandbox's control route; a refusal is answered, not thrown, so tests assert its status. */
export async function callBuiltInSandbox(sandboxUrl: string, apiKey: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${sandboxUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // Tests read the answers field by field, as the sandbox's own documentation describes them.
  return { status: response.status, body: (await response.json().catch(() => null)) as any };
}

/** The envelope once `done` holds for it, as GET /api/v1/envelopes/{id} answers it. */
export function waitForEnvelope(api: ApiClient, id: string, done: (envelope: any) => boolean, what: string) {
  return waitUntil(async () => (await api.get(`/api/v1/envelopes/${id}`)).body, done, { what: `envelope ${id}: ${what}` });
}

/** Follows a job to its end, as a client of the 202 answers does. */
export function waitForJob(api: ApiClient, id: string) {
  return waitUntil(
    async () => (await api.get(`/api/v1/jobs/${id}`)).body,
    (job) => job.state === 'completed' || job.state === 'dead',
    { what: `job ${id}` },
  );
}
