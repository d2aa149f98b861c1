import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import { loadVisibleProcess } from './access.js';
import {
  AUTENTI_PROVIDER_ID,
  actionFromOptionId,
  actionSelectionChallenge,
  consentChallenge,
  decodeAssertions,
  encodeChallenge,
  INFOCERT_PROVIDER_ID,
  infocertAliasChallenge,
  infocertConsentChallenge,
  infocertPinChallenge,
  otpChallenge,
  providerSelectionChallenge,
  qualifiedProviderSelectionChallenge,
  qualifiedRedirectChallenge,
  SANDBOX_INFOCERT_PIN,
  rejectionReasonChallenge,
  reminderPartySelectionChallenge,
  uniqueTypeOf,
  type ActionType,
  type Assertion,
  type Challenge,
} from './challenges.js';
import type { SandboxContext } from './context.js';
import type { StoredParty, StoredProcess } from './model.js';
import { maskedPhone, needsOtp, phoneOf, proveOtp, sendOtp } from './otp.js';
import { constraintType } from './parties.js';
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

/** Whether the party's SIGNATURE_TYPE constraint requires a QUALIFIED signature. */
export function requiresQualified(party: StoredParty | undefined): boolean {
  return (party?.constraints ?? []).some(
    (constraint) => constraintType(constraint) === 'SIGNATURE_TYPE' && JSON.stringify(constraint.attributes?.requiredClassifiers ?? []).includes('SIGNATURE_TYPE:QUALIFIED'),
  );
}

const selectionRequirement = (challenge: Challenge, type: string): Requirement => {
  const ids = ((challenge.attributes.options ?? []) as { id: string }[]).map((option) => option.id);
  return {
    challenge,
    check: (assertion) => {
      if (!assertion) return `${type} not answered`;
      return assertion.selectedIds.length === 1 && ids.includes(assertion.selectedIds[0]!) ? null : `${type} must select one of ${ids.join(', ')}`;
    },
  };
};

/**
 * A qualified signature (seed 003's Infocert challenges): first the qualified PROVIDER_SELECTION, then
 * the Infocert consent, certificate alias and PIN. The PIN of every sandbox certificate is 12345678.
 */
function qualifiedRequirements(party: StoredParty): Requirement[] {
  const consents = infocertConsentChallenge();
  const consentIds = (consents.attributes.consents as { id: string }[]).map((consent) => consent.id);
  return [
    selectionRequirement(qualifiedProviderSelectionChallenge(), 'PROVIDER_SELECTION'),
    {
      challenge: consents,
      check: (assertion) => {
        if (!assertion) return 'SIGNATURE_CONSENT_INFOCERT not answered';
        const missing = consentIds.filter((id) => !assertion.consentedIds.includes(id));
        return missing.length > 0 ? `SIGNATURE_CONSENT_INFOCERT must consent to ${missing.join(', ')}` : null;
      },
    },
    selectionRequirement(infocertAliasChallenge(party.id), 'INFOCERT_ALIAS_SELECTION'),
    {
      challenge: infocertPinChallenge(),
      check: (assertion) => (!assertion ? 'INFOCERT_PIN not answered' : assertion.userInput === SANDBOX_INFOCERT_PIN ? null : 'INFOCERT_PIN is wrong (restart the challenge to try again)'),
    },
  ];
}

/** The challenges an action needs after ACTION_SELECTION. */
function requirementsOf(action: ActionType, process: StoredProcess, party: StoredParty | undefined): Requirement[] {
  switch (action) {
    case 'SIGNATURE_APPLICATION':
      if (requiresQualified(party)) return qualifiedRequirements(party!);
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

      const party = process.parties.find((candidate) => candidate.email === account);
      // CHALLENGE_RESTART (seed 003 "Restartable challenges"): the named challenge starts over — an
      // OTP gets a new code — and its answer in this request, if any, is not read.
      for (const restart of assertions.filter((assertion) => assertion.type === 'CHALLENGE_RESTART')) {
        if (restart.restarts === 'DOCUMENT_ACCESS_OTP_AUTHORIZATION' && party) await sendOtp(context, process.id, party.id, true);
        byType.delete(restart.restarts!);
      }

      // A party under DOCUMENT_ACCESS_OTP_AUTHORIZATION proves the texted code before anything else.
      if (party && action !== 'DOCUMENT_SENT' && action !== 'DOCUMENT_WITHDRAWAL' && action !== 'DOCUMENT_REMINDER_SENT' && needsOtp(party)) {
        const challenge = otpChallenge(maskedPhone(phoneOf(party)));
        const answer = byType.get('DOCUMENT_ACCESS_OTP_AUTHORIZATION');
        if (!answer?.userInput) {
          await sendOtp(context, process.id, party.id, false);
          return sendChallenges(reply, [challenge], answer ? 'DOCUMENT_ACCESS_OTP_AUTHORIZATION needs the code as input' : undefined);
        }
        const why = await proveOtp(context, process.id, party.id, answer.userInput);
        if (why) return sendChallenges(reply, [challenge], `DOCUMENT_ACCESS_OTP_AUTHORIZATION: ${why}`);
      }

      const requirements = requirementsOf(action, process, party);
      const failures = requirements
        .map((requirement) => ({ requirement, why: requirement.check(byType.get(uniqueTypeOf(requirement.challenge.classifiers)!)) }))
        .filter((entry) => entry.why !== null);
      if (failures.length > 0) {
        const answered = failures.filter((entry) => byType.has(uniqueTypeOf(entry.requirement.challenge.classifiers)!));
        const why = answered.length > 0 ? answered.map((entry) => entry.why).join('; ') : undefined;
        const qualified = failures[0]!.requirement.challenge.attributes.options !== undefined && JSON.stringify(failures[0]!.requirement.challenge).includes(INFOCERT_PROVIDER_ID);
        if (qualified) {
          // Until a qualified method is chosen, offer it with the way to finish in Autenti's pages instead.
          const signingPage = `${request.protocol}://${request.host}${context.prefix}/_sandbox/sign/${party!.signingToken}`;
          return sendChallenges(reply, [failures[0]!.requirement.challenge, qualifiedRedirectChallenge(signingPage)], why);
        }
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
