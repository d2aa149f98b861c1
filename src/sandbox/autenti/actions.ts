import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import { loadVisibleProcess } from './access.js';
import {
  AUTENTI_PROVIDER_ID,
  actionFromOptionId,
  actionSelectionChallenge,
  consentChallenge,
  decodeAssertions,
  encodeChallenge,
  providerSelectionChallenge,
  rejectionReasonChallenge,
  reminderPartySelectionChallenge,
  uniqueTypeOf,
  type ActionType,
  type Assertion,
  type Challenge,
} from './challenges.js';
import type { SandboxContext } from './context.js';
import type { StoredProcess } from './model.js';
import { SandboxProblem, problems, sendProblem } from './problems.js';
import { authOf } from './tokens.js';
import { offeredActions, performAction, remindableParties } from './workflow.js';

/**
 * `POST /document-processes/{id}/actions`: the challenge–action–assertion exchange of seed 003.
 * Without assertions the caller gets 403 with an ACTION_SELECTION challenge listing what it may do;
 * once an action is selected, the further challenges it needs (provider + consent to sign; consent +
 * reason to refuse; parties to remind) come back together, and only those still unanswered are repeated.
 * The body is not read: clients send none (seed) or their own fields (the Power Automate connector's
 * `{"event_type": …}`), which are ignored.
 */

const CHALLENGE_DETAIL = 'Request to perform challenges described';

/** The 403 of the seed: one `X-CHALLENGE` header per challenge and the `/challenge` problem body. */
function sendChallenges(reply: FastifyReply, challenges: Challenge[], why?: string): FastifyReply {
  const problem = new SandboxProblem(403, '/challenge', 'Challenge requested', why ? `${CHALLENGE_DETAIL}: ${why}` : CHALLENGE_DETAIL, {
    headers: { 'x-challenge': challenges.map(encodeChallenge) },
  });
  return sendProblem(reply, problem);
}

interface Requirement {
  challenge: Challenge;
  /** Null when the assertion answers the challenge; otherwise why not. */
  check(assertion: Assertion | undefined): string | null;
}

function consentRequirement(type: 'SIGNATURE_CONSENT' | 'SIGNATURE_REJECTION_CONSENT', language: string): Requirement {
  const challenge = consentChallenge(type, language);
  const ids = (challenge.attributes.consents as { id: string }[]).map((consent) => consent.id);
  return {
    challenge,
    check: (assertion) => {
      if (!assertion) return `${type} not answered`;
      const missing = ids.filter((id) => !assertion.consentedIds.includes(id));
      return missing.length > 0 ? `${type} must consent to ${missing.join(', ')}` : null;
    },
  };
}

/** The challenges an action needs after ACTION_SELECTION. */
function requirementsOf(action: ActionType, process: StoredProcess): Requirement[] {
  switch (action) {
    case 'SIGNATURE_APPLICATION':
      return [
        {
          challenge: providerSelectionChallenge(),
          check: (assertion) => {
            if (!assertion) return 'PROVIDER_SELECTION not answered';
            return assertion.selectedIds.includes(AUTENTI_PROVIDER_ID) ? null : `PROVIDER_SELECTION must select ${AUTENTI_PROVIDER_ID}`;
          },
        },
        consentRequirement('SIGNATURE_CONSENT', process.processLanguage),
      ];
    case 'SIGNATURE_REJECTION':
      return [
        consentRequirement('SIGNATURE_REJECTION_CONSENT', process.processLanguage),
        {
          challenge: rejectionReasonChallenge(),
          check: (assertion) => (!assertion ? 'SIGNATURE_REJECTION_REASON not answered' : assertion.userInput?.trim() ? null : 'SIGNATURE_REJECTION_REASON needs a non-empty userInput'),
        },
      ];
    case 'DOCUMENT_REMINDER_SENT': {
      const options = remindableParties(process).map((party) => ({ id: party.id, description: `${party.name} / ${party.email}` }));
      return [
        {
          challenge: reminderPartySelectionChallenge(options),
          check: (assertion) => {
            if (!assertion) return 'DOCUMENT_REMINDER_PARTY_SELECTION not answered';
            if (assertion.selectedIds.length === 0) return 'DOCUMENT_REMINDER_PARTY_SELECTION must select at least one party';
            const unknown = assertion.selectedIds.filter((id) => !options.some((option) => option.id === id));
            return unknown.length > 0 ? `DOCUMENT_REMINDER_PARTY_SELECTION: ${unknown.join(', ')} cannot be reminded now` : null;
          },
        },
      ];
    }
    default:
      // Send, approve, view and withdraw need nothing beyond the selection (seed's send and withdrawal examples).
      return [];
  }
}

/** Route `POST /document-processes/{id}/actions` (relative to the API root). */
export function actionRoutes(context: SandboxContext): FastifyPluginAsync {
  return async (api: FastifyInstance) => {
    api.post('/document-processes/:processId/actions', async (request, reply) => {
      const process = loadVisibleProcess(context, request);
      const account = authOf(request).account;
      const assertions = decodeAssertions(request.headers['x-assertion']);
      const offered = offeredActions(process, account);
      if (offered.actions.length === 0) {
        throw problems.conflict(`No action is available to ${account} on ${process.id} now: ${offered.reason}.`, { currentStatus: process.status });
      }
      const byType = new Map(assertions.map((assertion) => [assertion.type, assertion]));
      const selection = byType.get('ACTION_SELECTION');
      const selectionChallenge = actionSelectionChallenge(offered.actions);
      if (!selection) return sendChallenges(reply, [selectionChallenge], assertions.length > 0 ? 'no ACTION_SELECTION assertion' : undefined);
      if (selection.selectedIds.length !== 1) return sendChallenges(reply, [selectionChallenge], 'ACTION_SELECTION must select exactly one option');
      const selectedId = selection.selectedIds[0]!;
      const action = actionFromOptionId(selectedId);
      if (!action || !offered.actions.includes(action)) {
        return sendChallenges(reply, [selectionChallenge], `${selectedId} is not offered to ${account} now`);
      }

      const requirements = requirementsOf(action, process);
      const failures = requirements
        .map((requirement) => ({ requirement, why: requirement.check(byType.get(uniqueTypeOf(requirement.challenge.classifiers)!)) }))
        .filter((entry) => entry.why !== null);
      if (failures.length > 0) {
        const answered = failures.filter((entry) => byType.has(uniqueTypeOf(entry.requirement.challenge.classifiers)!));
        const why = answered.length > 0 ? answered.map((entry) => entry.why).join('; ') : undefined;
        return sendChallenges(reply, failures.map((entry) => entry.requirement.challenge), why);
      }

      const events = await performAction(context, process.id, {
        account,
        action,
        ...(action === 'SIGNATURE_REJECTION' ? { comment: byType.get('SIGNATURE_REJECTION_REASON')?.userInput ?? '' } : {}),
        ...(action === 'DOCUMENT_REMINDER_SENT' ? { reminderPartyIds: byType.get('DOCUMENT_REMINDER_PARTY_SELECTION')?.selectedIds ?? [] } : {}),
      });
      // Live Autenti answers a JSON array of events (its own connector parses one); the seed shows the
      // single event object, which the shape knob `actionAnswer: "object"` brings back.
      return reply.type('application/json').send(context.faults.shapes().actionAnswer === 'object' ? events[0] : events);
    });
  };
}
