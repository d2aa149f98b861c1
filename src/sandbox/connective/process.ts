import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { ConnectiveContext } from './context.js';
import { DEFAULT_BOX } from './documents.js';
import { refusals } from './errors.js';
import { asObject, checkEmail, firstOf, optionalBoolean, optionalNumber, optionalText, requiredText, type Body } from './fields.js';
import type { ActorType, SigningType, StoredActor, StoredPackage, StoredStakeholder } from './model.js';
import { changePackage } from './packages.js';

/**
 * Set Process Information (seed 001; `PUT /v3/packages/{id}/process` as the reference defines it, and
 * the public client's `PUT /v3.1/…` with `Locations[{Id}]` and `SigningTypes`): the stakeholders and
 * their actors, replacing whatever was set before. Draft only.
 */

const ACTOR_TYPES: ActorType[] = ['Signer', 'Receiver', 'Approver'];

function readSigningType(actor: Body, at: string): SigningType {
  const types = actor.SigningTypes;
  const single = optionalText(actor, 'SigningType', `${at}.SigningType`);
  const values: string[] = single ? [single] : [];
  if (types !== undefined && types !== null) {
    if (!Array.isArray(types)) throw refusals.invalid(`${at}.SigningTypes must be an array of {SigningType}.`);
    types.forEach((entry, index) => values.push(requiredText(asObject(entry, `${at}.SigningTypes[${index}]`), 'SigningType', `${at}.SigningTypes[${index}].SigningType`)));
  }
  if (values.length === 0) return 'manual';
  const chosen = new Set<SigningType>();
  for (const value of values) {
    if (value.toLowerCase() === 'manual') chosen.add('manual');
    else if (value.toLowerCase() === 'smsotp') chosen.add('SmsOtp');
    else throw refusals.invalid(`${at}: the sandbox signs with "manual" or "SmsOtp", not ${JSON.stringify(value)}.`);
  }
  // Offered both, the signer is asked the stronger one.
  return chosen.has('SmsOtp') ? 'SmsOtp' : 'manual';
}

function readLocationIds(actor: Body, at: string): string[] {
  const ids: string[] = [];
  if (actor.LocationIds !== undefined && actor.LocationIds !== null) {
    if (!Array.isArray(actor.LocationIds) || actor.LocationIds.some((id) => typeof id !== 'string')) throw refusals.invalid(`${at}.LocationIds must be an array of location ids.`);
    ids.push(...(actor.LocationIds as string[]));
  }
  if (actor.Locations !== undefined && actor.Locations !== null) {
    if (!Array.isArray(actor.Locations)) throw refusals.invalid(`${at}.Locations must be an array of {Id}.`);
    actor.Locations.forEach((entry, index) => ids.push(requiredText(asObject(entry, `${at}.Locations[${index}]`), 'Id', `${at}.Locations[${index}].Id`)));
  }
  return [...new Set(ids)];
}

function readActor(body: Body, at: string, knownLocations: Set<string>): StoredActor {
  const typeText = optionalText(body, 'Type', `${at}.Type`) ?? 'Signer';
  const type = ACTOR_TYPES.find((candidate) => candidate.toLowerCase() === typeText.toLowerCase());
  if (!type) throw refusals.invalid(`${at}.Type must be Signer, Receiver or Approver; got ${JSON.stringify(typeText)}.`);
  const orderIndex = optionalNumber(body, 'OrderIndex', `${at}.OrderIndex`);
  if (orderIndex === null && type !== 'Receiver') throw refusals.invalid(`${at}.OrderIndex is required for a ${type.toLowerCase()}.`);
  if (orderIndex !== null && (!Number.isInteger(orderIndex) || orderIndex < 0)) throw refusals.invalid(`${at}.OrderIndex must be a non-negative integer.`);
  const locationIds = type === 'Receiver' ? [] : readLocationIds(body, at);
  for (const id of locationIds) if (!knownLocations.has(id)) throw refusals.invalid(`${at}: location ${id} is not a location of this package's documents.`);
  const signingType = type === 'Signer' ? readSigningType(body, at) : 'manual';
  const phonenumber = optionalText(body, firstOf(body, ['Phonenumber', 'PhoneNumber']), `${at}.Phonenumber`);
  if (signingType === 'SmsOtp' && (phonenumber === null || !/^\+?[0-9 ]{6,20}$/.test(phonenumber))) {
    throw refusals.invalid(`${at}: SigningType SmsOtp needs Phonenumber (international format, e.g. +32470123456).`);
  }
  const redirect = optionalText(body, firstOf(body, ['RedirectURL', 'RedirectUrl']), `${at}.RedirectURL`);
  if (redirect !== null && !/^https?:\/\//i.test(redirect)) throw refusals.invalid(`${at}.RedirectURL must be an http(s) URL.`);
  return {
    id: randomUUID(),
    type,
    orderIndex,
    locationIds,
    signingType,
    phonenumber: phonenumber === null ? null : phonenumber.replace(/\s/g, ''),
    redirectUrl: redirect,
    sendNotifications: optionalBoolean(body, 'SendNotifications', `${at}.SendNotifications`) ?? true,
    status: 'Draft',
    token: randomBytes(24).toString('base64url'),
    completedBy: null,
    completedAt: null,
    reason: null,
    usedSigningType: null,
    otp: null,
  };
}

/** Reads the Stakeholders of Set Process Information (or of Create Instant Package, `knownLocations` from its document). */
export function readStakeholders(input: unknown, knownLocations: Set<string>): StoredStakeholder[] {
  if (!Array.isArray(input) || input.length === 0) throw refusals.invalid('Stakeholders must be a non-empty array.');
  return input.map((raw, index) => {
    const at = `Stakeholders[${index}]`;
    const body = asObject(raw, at);
    const type = optionalText(body, 'Type', `${at}.Type`) ?? 'Person';
    if (type !== 'Person') throw refusals.invalid(`${at}.Type ${JSON.stringify(type)} is not supported by the sandbox; send "Person".`);
    const actors = body.Actors;
    if (!Array.isArray(actors) || actors.length === 0) throw refusals.invalid(`${at}.Actors must be a non-empty array.`);
    return {
      id: randomUUID(),
      type: 'Person',
      email: checkEmail(requiredText(body, 'EmailAddress', `${at}.EmailAddress`), `${at}.EmailAddress`),
      firstName: requiredText(body, 'FirstName', `${at}.FirstName`),
      lastName: requiredText(body, 'LastName', `${at}.LastName`),
      language: optionalText(body, 'Language', `${at}.Language`),
      birthDate: optionalText(body, 'BirthDate', `${at}.BirthDate`),
      externalReference: optionalText(body, 'ExternalStakeholderReference', `${at}.ExternalStakeholderReference`),
      actors: actors.map((actor, actorIndex) => readActor(asObject(actor, `${at}.Actors[${actorIndex}]`), `${at}.Actors[${actorIndex}]`, knownLocations)),
    };
  });
}

/**
 * A signer needs a location, unless the package has none at all: then each signer gets one made by the
 * sandbox at the bottom right of the last page of the last document, stacked upwards.
 */
export function placeSigners(pkg: StoredPackage, stakeholders: StoredStakeholder[]): void {
  const hasLocations = pkg.documents.some((document) => document.locations.length > 0);
  const signers = stakeholders.flatMap((stakeholder) => stakeholder.actors.filter((actor) => actor.type === 'Signer').map((actor) => ({ stakeholder, actor })));
  if (hasLocations) {
    const without = signers.find(({ actor }) => actor.locationIds.length === 0);
    if (without) throw refusals.invalid(`The signer ${without.stakeholder.email} has no location; give it LocationIds (see GET packages/{id}/locations).`);
    return;
  }
  const document = pkg.documents.at(-1);
  if (!document) {
    if (signers.length > 0) throw refusals.invalid('The package has no document yet, so its signers have no location; add the documents first.');
    return;
  }
  const pageNumber = document.pages.length;
  const page = document.pages[pageNumber - 1]!;
  const margin = 36;
  signers.forEach(({ actor }, index) => {
    const width = Math.min(DEFAULT_BOX.width, page.width);
    const height = Math.min(DEFAULT_BOX.height, page.height);
    const top = Math.max(0, page.height - margin - height - index * (height + 10));
    const location = { id: randomUUID(), label: null, pageNumber, left: Math.max(0, page.width - margin - width), top, width, height, implicit: true };
    document.locations.push(location);
    actor.locationIds = [location.id];
  });
}

export function processRoutes(context: ConnectiveContext): FastifyPluginAsync {
  return async (app) => {
    app.put('/packages/:id/process', async (request) => {
      const body = asObject(request.body, 'The body');
      await changePackage(context, request, (request.params as { id: string }).id, (pkg) => {
        if (pkg.status !== 'Draft') throw refusals.invalidStatus(`Package ${pkg.id} is ${pkg.status}; its process can only be set while it is Draft.`);
        // Locations the sandbox made for an earlier process are dropped: this call replaces the process.
        for (const document of pkg.documents) document.locations = document.locations.filter((location) => !location.implicit);
        const known = new Set(pkg.documents.flatMap((document) => document.locations.map((location) => location.id)));
        const stakeholders = readStakeholders(body.Stakeholders, known);
        placeSigners(pkg, stakeholders);
        pkg.stakeholders = stakeholders;
        pkg.events.push({ at: context.now().toISOString(), type: 'ProcessSet', actorId: null, detail: `${stakeholders.length} stakeholder(s)` });
      });
      return {};
    });
  };
}
