import auth from './locales/en/auth.json';
import common from './locales/en/common.json';
import documents from './locales/en/documents.json';
import envelope from './locales/en/envelope.json';
import envelopes from './locales/en/envelopes.json';
import participants from './locales/en/participants.json';
import settings from './locales/en/settings.json';
import templates from './locales/en/templates.json';

/**
 * The English catalogs, bundled: the source of every key (typed through i18next.d.ts, so a key that
 * does not exist is a compile error) and what any other language falls back to.
 * One namespace per area of the app, so that each area's words live beside each other.
 */
export const resources = { en: { common, auth, documents, envelope, envelopes, participants, settings, templates } } as const;

export const NAMESPACES = Object.keys(resources.en) as Array<keyof (typeof resources)['en']>;
