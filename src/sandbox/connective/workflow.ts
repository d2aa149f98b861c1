import { refusals } from './errors.js';
import type { ConnectiveContext } from './context.js';
import { actorsOf, fullName, isActing, type StoredActor, type StoredPackage, type StoredStakeholder, type SigningType } from './model.js';
import { signDocuments } from './files.js';
import { signingPath } from './views.js';

/**
 * The life of a package once it leaves Draft (seed 001, "Set Package Status", "Get Package Status",
 * "Skip Signers", "Expiry Time Stamp"): sequential steps by OrderIndex, the actors' statuses, the
 * invitations and reminders (sandbox mailbox), the callbacks, and the end states.
 */

const FINAL_ACTOR = new Set(['Finished', 'Rejected', 'Skipped', 'Failed']);

export function recordEvent(context: ConnectiveContext, pkg: StoredPackage, type: string, actorId: string | null, detail: string | null): void {
  pkg.events.push({ at: context.now().toISOString(), type, actorId, detail });
}

/** POSTs the package's status (and, for an actor's action, that actor's) to its CallBackUrl. */
export function notify(context: ConnectiveContext, pkg: StoredPackage, actor: StoredActor | null): void {
  context.callbacks.send(pkg.callbackUrl, {
    PackageId: pkg.id,
    PackageStatus: pkg.status,
    ExternalPackageReference: pkg.externalReference,
    ActorId: actor?.id ?? null,
    ActorStatus: actor?.status ?? null,
  });
}

/**
 * Makes the actors of the lowest open OrderIndex Available and the later ones Waiting; answers the
 * actors that just became Available (to be invited). Receivers wait until the package finishes.
 */
export function openNextStep(pkg: StoredPackage): Array<{ stakeholder: StoredStakeholder; actor: StoredActor }> {
  const open = actorsOf(pkg).filter(({ actor }) => isActing(actor) && !FINAL_ACTOR.has(actor.status));
  if (open.length === 0) return [];
  const step = Math.min(...open.map(({ actor }) => actor.orderIndex ?? 0));
  const opened: Array<{ stakeholder: StoredStakeholder; actor: StoredActor }> = [];
  for (const entry of open) {
    const next = (entry.actor.orderIndex ?? 0) === step ? 'Available' : 'Waiting';
    if (next === 'Available' && entry.actor.status !== 'Available') opened.push(entry);
    entry.actor.status = next;
  }
  return opened;
}

/** Mails an invitation (or reminder) to each actor that wants notifications. */
export function invite(
  context: ConnectiveContext,
  pkg: StoredPackage,
  entries: Array<{ stakeholder: StoredStakeholder; actor: StoredActor }>,
  kind: 'invitation' | 'reminder',
): void {
  for (const { stakeholder, actor } of entries) {
    if (!actor.sendNotifications) continue;
    const verb = actor.type === 'Approver' ? 'approve' : 'sign';
    context.mailbox.send({
      to: stakeholder.email,
      subject: kind === 'reminder' ? `Reminder: please ${verb} "${pkg.name}"` : `Please ${verb} "${pkg.name}"`,
      text: `Dear ${fullName(stakeholder)},\n\n${pkg.initiator ?? 'The sender'} asks you to ${verb} the documents of "${pkg.name}". Open the link to read and ${verb} them.`,
      link: signingPath(context, actor),
      linkText: 'Open the signing page',
      from: pkg.initiator,
    });
    recordEvent(context, pkg, kind === 'reminder' ? 'ReminderSent' : 'InvitationSent', actor.id, stakeholder.email);
  }
}

/** Draft → Pending (Set Package Status "Pending"): checks the package can start, opens step 1, invites it. */
export function startPackage(context: ConnectiveContext, pkg: StoredPackage): void {
  if (pkg.status !== 'Draft') throw refusals.invalidStatus(`Package ${pkg.id} is ${pkg.status}; only a Draft package can be set to Pending.`);
  if (pkg.documents.length === 0) throw refusals.invalidStatus(`Package ${pkg.id} has no document; add one before setting it to Pending.`);
  if (!actorsOf(pkg).some(({ actor }) => isActing(actor))) {
    throw refusals.invalidStatus(`Package ${pkg.id} has no signer or approver; set its process information before setting it to Pending.`);
  }
  if (pkg.expiryTimestamp && Date.parse(pkg.expiryTimestamp) <= context.now().getTime()) {
    throw refusals.invalidStatus(`Package ${pkg.id} expired at ${pkg.expiryTimestamp}; extend it (PUT expirytimestamp) first.`);
  }
  pkg.status = 'Pending';
  for (const { actor } of actorsOf(pkg)) actor.status = 'Waiting';
  recordEvent(context, pkg, 'PackagePending', null, null);
  invite(context, pkg, openNextStep(pkg), 'invitation');
}

/** Pending → Revoked: open actors keep their status, their links stop working. */
export function revokePackage(context: ConnectiveContext, pkg: StoredPackage): void {
  if (pkg.status !== 'Pending') throw refusals.invalidStatus(`Package ${pkg.id} is ${pkg.status}; only a Pending package can be revoked.`);
  pkg.status = 'Revoked';
  recordEvent(context, pkg, 'PackageRevoked', null, null);
}

/** A Pending package past its expiry becomes Expired (open actors keep their status). Answers whether it changed. */
export function expireIfDue(context: ConnectiveContext, pkg: StoredPackage): boolean {
  if (pkg.status !== 'Pending' || !pkg.expiryTimestamp || Date.parse(pkg.expiryTimestamp) > context.now().getTime()) return false;
  pkg.status = 'Expired';
  recordEvent(context, pkg, 'PackageExpired', null, pkg.expiryTimestamp);
  return true;
}

/** Expires every due Pending package (the timer's sweep); each change is saved and called back. */
export function expireDuePackages(context: ConnectiveContext): void {
  for (const pkg of context.store.expiredPending(context.now().toISOString())) {
    // Re-read: the list is a snapshot, an action may have finished the package since.
    const current = context.store.getPackage(pkg.id);
    if (current && expireIfDue(context, current)) {
      context.store.putPackage(current);
      notify(context, current, null);
    }
  }
}

/** Finishes the package: signs its documents, marks receivers Finished and mails them the result. */
async function finishPackage(context: ConnectiveContext, pkg: StoredPackage): Promise<void> {
  await signDocuments(context, pkg);
  pkg.status = 'Finished';
  recordEvent(context, pkg, 'PackageFinished', null, null);
  for (const { stakeholder, actor } of actorsOf(pkg)) {
    if (actor.type !== 'Receiver') continue;
    actor.status = 'Finished';
    actor.completedAt = context.now().toISOString();
    context.mailbox.send({
      to: stakeholder.email,
      subject: `Signed: "${pkg.name}"`,
      text: `Dear ${fullName(stakeholder)},\n\nEvery party has completed "${pkg.name}". The signed documents are attached (in the sandbox: download them through the API).`,
    });
  }
}

export interface ActorAction {
  action: 'sign' | 'reject';
  reason?: string | null;
  /** The signing type used; the actor's own by default. */
  usedSigningType?: SigningType;
}

/**
 * One actor acts (signing page, or the control route acting for a person): sign (or approve) or reject.
 * Saves the package and sends the callbacks: the actor's, then the package's when its status changed.
 */
export async function performAction(context: ConnectiveContext, packageId: string, actorId: string, input: ActorAction): Promise<StoredPackage> {
  return context.withPackageLock(packageId, async () => {
    const pkg = context.store.getPackage(packageId);
    if (!pkg) throw refusals.packageNotFound(packageId);
    if (expireIfDue(context, pkg)) {
      context.store.putPackage(pkg);
      notify(context, pkg, null);
    }
    const entry = actorsOf(pkg).find(({ actor }) => actor.id === actorId);
    if (!entry) throw refusals.notFound(`Package ${packageId} has no actor ${actorId}.`);
    const { stakeholder, actor } = entry;
    if (pkg.status !== 'Pending') throw refusals.invalidStatus(`Package ${pkg.id} is ${pkg.status}; nobody can act on it.`);
    if (actor.status !== 'Available') throw refusals.conflict('Actor.InvalidStatus', `The ${actor.type.toLowerCase()} ${stakeholder.email} is ${actor.status}, not Available.`);
    const before = pkg.status;
    actor.completedBy = fullName(stakeholder) || stakeholder.email;
    actor.completedAt = context.now().toISOString();
    actor.otp = null;
    if (input.action === 'reject') {
      const reason = (input.reason ?? '').trim();
      if (!reason) throw refusals.invalid('A reason is required to reject.');
      actor.status = 'Rejected';
      actor.reason = reason;
      pkg.status = 'Rejected';
      recordEvent(context, pkg, 'ActorRejected', actor.id, reason);
      recordEvent(context, pkg, 'PackageRejected', null, null);
    } else {
      actor.status = 'Finished';
      actor.usedSigningType = input.usedSigningType ?? actor.signingType;
      recordEvent(context, pkg, actor.type === 'Approver' ? 'ActorApproved' : 'ActorSigned', actor.id, `${actor.completedBy} <${stakeholder.email}> (${actor.usedSigningType})`);
      const opened = openNextStep(pkg);
      if (actorsOf(pkg).every(({ actor: other }) => !isActing(other) || FINAL_ACTOR.has(other.status))) await finishPackage(context, pkg);
      else invite(context, pkg, opened, 'invitation');
    }
    context.store.putPackage(pkg);
    notify(context, pkg, actor);
    if (pkg.status !== before) notify(context, pkg, null);
    return pkg;
  });
}

/** Skip Signers: every open actor becomes Skipped and the package Finished. */
export async function skipSigners(context: ConnectiveContext, pkg: StoredPackage): Promise<void> {
  if (pkg.status !== 'Pending') throw refusals.invalidStatus(`Package ${pkg.id} is ${pkg.status}; signers can only be skipped in a Pending package.`);
  for (const { actor } of actorsOf(pkg)) {
    if (!isActing(actor) || FINAL_ACTOR.has(actor.status)) continue;
    actor.status = 'Skipped';
    recordEvent(context, pkg, 'ActorSkipped', actor.id, null);
  }
  await finishPackage(context, pkg);
}

/** Send Package Reminders: mails every Available actor again. */
export function remind(context: ConnectiveContext, pkg: StoredPackage): void {
  if (pkg.status !== 'Pending') throw refusals.invalidStatus(`Package ${pkg.id} is ${pkg.status}; reminders are only sent for a Pending package.`);
  invite(
    context,
    pkg,
    actorsOf(pkg).filter(({ actor }) => actor.status === 'Available' && isActing(actor)),
    'reminder',
  );
}
