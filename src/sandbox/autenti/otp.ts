import { randomInt } from 'node:crypto';
import type { SandboxContext } from './context.js';
import type { StoredParty } from './model.js';
import { constraintType } from './parties.js';

/**
 * DOCUMENT_ACCESS_OTP_AUTHORIZATION (seed 003 "Constraints", with a PHONE_NUMBER constraint): the party
 * must key in a code sent by text message before the document opens to it — on the signing page, or
 * through the API as a USER_INPUT challenge. The sandbox's "phone" is its SMS outbox
 * (`GET /_sandbox/sms`, and shown on the signing page).
 */

const CODE_LIFETIME_MS = 10 * 60 * 1000;

/** Whether the party must prove an OTP before it sees the document. */
export function needsOtp(party: StoredParty): boolean {
  return party.constraints.some((constraint) => constraintType(constraint) === 'DOCUMENT_ACCESS_OTP_AUTHORIZATION') && !party.accessUnlockedAt;
}

/** The phone number of the party's PHONE_NUMBER constraint (digits, country code first). */
export function phoneOf(party: StoredParty): string {
  const constraint = party.constraints.find((candidate) => constraintType(candidate) === 'PHONE_NUMBER');
  return String(constraint?.attributes?.phoneNumber ?? '').replace(/^\+/, '');
}

/** The number as challenges show it: only its last three digits. */
export const maskedPhone = (phone: string) => `${'*'.repeat(Math.max(0, phone.length - 3))}${phone.slice(-3)}`;

/**
 * Sends the party a code unless one it received is still valid (`fresh`: always a new one, as a
 * CHALLENGE_RESTART or the page's "send a new code" asks). Saved without a new process version.
 */
export async function sendOtp(context: SandboxContext, processId: string, partyId: string, fresh: boolean): Promise<void> {
  await context.withProcessLock(processId, async () => {
    const process = context.store.getProcess(processId);
    const party = process?.parties.find((candidate) => candidate.id === partyId);
    if (!process || !party || !needsOtp(party)) return;
    const now = context.now();
    if (!fresh && party.otp && Date.parse(party.otp.expiresAt) > now.getTime()) return;
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    party.otp = { code, expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS).toISOString() };
    context.store.putProcess(process);
    context.store.sendSms(phoneOf(party), `Autenti: your code to open "${process.title}" is ${code}. It expires in 10 minutes.`, now.toISOString());
  });
}

/** Checks a code the party keyed in; on success the document opens to it. Answers why not otherwise. */
export async function proveOtp(context: SandboxContext, processId: string, partyId: string, code: string): Promise<string | null> {
  return context.withProcessLock(processId, async () => {
    const process = context.store.getProcess(processId);
    const party = process?.parties.find((candidate) => candidate.id === partyId);
    if (!process || !party) return 'unknown party';
    if (!needsOtp(party)) return null;
    if (!party.otp) return 'no code was sent yet; ask for one';
    if (Date.parse(party.otp.expiresAt) <= context.now().getTime()) return 'the code expired; ask for a new one (CHALLENGE_RESTART)';
    if (code.trim() !== party.otp.code) return 'the code does not match the last one sent';
    party.otp = null;
    party.accessUnlockedAt = context.now().toISOString();
    context.store.putProcess(process);
    return null;
  });
}
