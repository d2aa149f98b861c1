import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { checkVersion, loadOwnedProcess, saveProcess } from './access.js';
import type { SandboxContext } from './context.js';
import { problems } from './problems.js';
import { IMPLICIT_TAG_ID, readTags, renderTags, SANDBOX_TAGS } from './tag-catalog.js';

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
