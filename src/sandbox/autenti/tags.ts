import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { checkVersion, loadOwnedProcess, saveProcess } from './access.js';
import type { SandboxContext } from './context.js';
import { problems } from './problems.js';

/**
 * Tags (seed 003, "Discovering tags available to user"). Every account sees the seed's two tags.
 * ORGANIZATION_IMPLICIT "cannot be explicitly added, will be added automatically upon sending".
 */

export const SANDBOX_TAGS = [
  { id: 'TAG:a1744c47235ff2bd81333333', name: 'Acme Co.', type: 'ORGANIZATION_IMPLICIT' },
  { id: 'TAG:5f744c47223ddf2bd8133306', name: 'Acme Co. - under NDA', type: 'ORGANIZATION_SHARED' },
] as const;

/** The ORGANIZATION_IMPLICIT tag, added when a process is sent. */
export const IMPLICIT_TAG_ID = SANDBOX_TAGS[0].id;

/** Tags as a process shows them: `{id, name, type}`. */
export function renderTags(tagIds: string[]) {
  return tagIds.map((id) => SANDBOX_TAGS.find((tag) => tag.id === id) ?? { id, name: id, type: 'UNKNOWN' });
}

/** Reads `[{"id":"TAG:…"}]` (the seed's PUT body and the `tags` member of PUT/PATCH). */
export function readTags(value: unknown, field = 'tags'): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw problems.badRequest(`${field} must be an array of {"id": "TAG:…"}.`, [{ field, message: 'must be an array' }]);
  const ids: string[] = [];
  value.forEach((item, index) => {
    const id = typeof item === 'string' ? item : (item as { id?: unknown } | null)?.id;
    const tag = SANDBOX_TAGS.find((known) => known.id === id);
    if (!tag) {
      throw problems.badRequest(`${field}[${index}].id ${JSON.stringify(id)} is not a tag available to this account (GET /api/v2/tags lists them).`, [
        { field: `${field}[${index}].id`, message: 'unknown tag' },
      ]);
    }
    if (tag.type === 'ORGANIZATION_IMPLICIT') {
      throw problems.badRequest(`${field}[${index}]: ${tag.id} is ORGANIZATION_IMPLICIT; it cannot be added explicitly, Autenti adds it when the document is sent.`, [
        { field: `${field}[${index}].id`, message: 'implicit tag' },
      ]);
    }
    if (!ids.includes(tag.id)) ids.push(tag.id);
  });
  return ids;
}

/** `GET /tags`, `PUT|DELETE /document-processes/{id}/tags` (and the seed's `/documents/{id}/tags` spelling of DELETE). */
export function tagRoutes(context: SandboxContext): FastifyPluginAsync {
  return async (api: FastifyInstance) => {
    api.get('/tags', async () => SANDBOX_TAGS);

    // Tags may change in any status, so the change waits for an action under way on the same process.
    const changeTags = (request: FastifyRequest, change: (current: string[]) => string[]) => {
      const { id } = loadOwnedProcess(context, request);
      return context.withProcessLock(id, async () => {
        const process = context.store.getProcess(id)!;
        checkVersion(process, request, false);
        process.tagIds = change(process.tagIds);
        saveProcess(context, process);
        return process.tagIds;
      });
    };
    const implicitOf = (tagIds: string[]) => tagIds.filter((id) => id === IMPLICIT_TAG_ID);

    api.put('/document-processes/:processId/tags', async (request) => {
      const requested = readTags(request.body);
      return renderTags(await changeTags(request, (current) => [...implicitOf(current), ...requested]));
    });

    const deleteTags = async (request: FastifyRequest, reply: FastifyReply) => {
      await changeTags(request, implicitOf);
      return reply.code(204).send();
    };
    api.delete('/document-processes/:processId/tags', deleteTags);
    // Seed 003 writes this one call as DELETE /api/v2/documents/{id}/tags; both spellings are answered.
    api.delete('/documents/:processId/tags', deleteTags);
  };
}
