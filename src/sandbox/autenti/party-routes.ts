import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { loadOwnedProcess, loadVisibleProcess, presentProcess, requireDraft, saveProcess } from './access.js';
import type { SandboxContext } from './context.js';
import type { StoredParty, StoredProcess } from './model.js';
import { readParties } from './parties.js';
import { problems } from './problems.js';
import { authOf } from './tokens.js';
import { signingPath } from './workflow.js';

/**
 * The parties of a process on their own (live Autenti; seed 003 changes them only through PUT/PATCH of
 * the whole process): `GET …/parties`, `POST …/parties` (one party, as Autenti's Power Automate connector
 * adds them), and `POST …/parties/{party}/action-links` (the link a party acts by).
 */

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The parties as a process read shows them (the implicit SENDER last). */
function renderedParties(context: SandboxContext, process: StoredProcess, viewer: string): { party: { id: string } }[] {
  return presentProcess(context, process, viewer).parties as { party: { id: string } }[];
}

/** A party named in a path: its id, or `PARTY-EMAIL:<email>` (live Autenti's way to name a party by address). */
function findParty(process: StoredProcess, raw: string): StoredParty {
  const name = decodeURIComponent(raw);
  const email = name.startsWith('PARTY-EMAIL:') ? name.slice('PARTY-EMAIL:'.length).toLowerCase() : null;
  const party = process.parties.find((candidate) => (email ? candidate.email === email : candidate.id === name));
  if (!party) throw problems.notFound(`No party ${name} in ${process.id} (name one by its id or as PARTY-EMAIL:<email>; parties: ${process.parties.map((p) => p.email).join(', ') || 'none'}).`);
  return party;
}

export function partyRoutes(context: SandboxContext): FastifyPluginAsync {
  return async (api: FastifyInstance) => {
    api.get('/document-processes/:processId/parties', async (request) => {
      const process = loadVisibleProcess(context, request);
      return renderedParties(context, process, authOf(request).account);
    });

    // Adds one party to a DRAFT (the sandbox does not change the parties of a process under way).
    api.post('/document-processes/:processId/parties', async (request, reply) => {
      const { id } = loadOwnedProcess(context, request);
      if (!isObject(request.body)) throw problems.badRequest('The body must be one party: {"party": {"firstName", "lastName", "contacts" or "email"}, "role": "SIGNER", "constraints": […]}.');
      const body = request.body;
      const added = await context.withProcessLock(id, async () => {
        const process = context.store.getProcess(id)!;
        requireDraft(process, 'Adding a party');
        const [party] = readParties([body], []);
        if (!party) return null; // an explicit SENDER party: the sending account is already there
        if (process.parties.some((existing) => existing.email === party.email)) {
          throw problems.conflict(`${party.email} is already a party of ${process.id}; one person takes one role (change it with PUT or PATCH).`);
        }
        process.parties.push(party);
        saveProcess(context, process);
        return { process, party };
      });
      if (!added) {
        const process = context.store.getProcess(id)!;
        return renderedParties(context, process, authOf(request).account).at(-1);
      }
      return reply.send(renderedParties(context, added.process, authOf(request).account).find((rendered) => rendered.party.id === added.party.id));
    });

    api.post('/document-processes/:processId/parties/:partyId/action-links', async (request: FastifyRequest) => {
      const process = loadOwnedProcess(context, request);
      if (process.status === 'DRAFT') throw problems.conflict(`${process.id} has not been sent: its parties have nothing to act on yet.`, { currentStatus: process.status });
      const party = findParty(process, (request.params as { partyId: string }).partyId);
      // The party's signing page: the same link its invitation mail carries.
      return { partyId: party.id, email: party.email, url: `${request.protocol}://${request.host}${signingPath(context, party)}` };
    });
  };
}
