import i18n, { type ParseKeys } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import ICU from 'i18next-icu';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';
import { NAMESPACES, resources } from './resources';

/**
 * The languages of the app: English and those of the providers' markets (Autenti: Polish;
 * Connective: Dutch and French; ConsignO: French). Each is named in its own words in the switch.
 */
export const LOCALES = [
  { code: 'en', name: 'English' },
  { code: 'pl', name: 'Polski' },
  { code: 'fr', name: 'Français' },
  { code: 'nl', name: 'Nederlands' },
] as const;

export type Locale = (typeof LOCALES)[number]['code'];

/** The catalogs of every language but English, each a chunk of its own, fetched when first needed. */
const OTHER_LANGUAGES = import.meta.glob<{ default: Record<string, unknown> }>(['./locales/*/*.json', '!./locales/en/*.json']);

/** Where the account menu's choice is kept in this browser; without one, the browser's languages decide. */
export const LOCALE_KEY = 'countersign-locale';

/** The locale the app speaks now: one for words, dates and numbers alike. */
export function currentLocale(): Locale {
  const language = i18n.resolvedLanguage ?? i18n.language;
  return LOCALES.some((locale) => locale.code === language) ? (language as Locale) : 'en';
}

/**
 * Changes the app's language and remembers the choice in this browser: every component that translates
 * re-renders. Only a choice is kept: a language the browser's settings gave is read again each visit.
 */
export async function setLocale(locale: Locale): Promise<void> {
  if (typeof localStorage !== 'undefined') localStorage.setItem(LOCALE_KEY, locale);
  await i18n.changeLanguage(locale);
}

/**
 * A table of words by value (`ROLE_LABELS.signer`), each read from the common catalog in the current
 * language when read: a table made at import keeps its shape while its words follow the language switch.
 */
export function wordsByValue<Value extends string>(values: readonly Value[], keyOf: (value: Value) => ParseKeys<'common'>): Readonly<Record<Value, string>> {
  const table = {} as Record<Value, string>;
  for (const value of values) Object.defineProperty(table, value, { get: () => i18n.t(keyOf(value)), enumerable: true });
  return table;
}

void i18n
  .use(LanguageDetector)
  .use(ICU)
  .use(initReactI18next)
  // English is in the bundle (every page needs it, and it is what a missing word falls back to); the
  // other languages are fetched as their own small chunks when chosen.
  .use(resourcesToBackend((language: string, namespace: string) => OTHER_LANGUAGES[`./locales/${language}/${namespace}.json`]!()))
  .init({
    resources,
    partialBundledLanguages: true,
    ns: NAMESPACES,
    defaultNS: 'common',
    fallbackLng: 'en',
    supportedLngs: LOCALES.map((locale) => locale.code),
    // "pl-PL" and "fr-CA" read the catalog of their language.
    load: 'languageOnly',
    nonExplicitSupportedLngs: true,
    detection: { order: ['localStorage', 'navigator'], lookupLocalStorage: LOCALE_KEY, caches: [] },
    // React escapes what it renders; escaping here too would show "&amp;" in a name.
    interpolation: { escapeValue: false },
    // English is at hand: ready at once, so that the first render (and a test in Node) has its words.
    initAsync: false,
    react: { useSuspense: true },
  });

// Screen readers, hyphenation and the browser's own controls follow the page's language.
const markDocumentLanguage = () => {
  if (typeof document !== 'undefined') document.documentElement.setAttribute('lang', currentLocale());
};
i18n.on('languageChanged', markDocumentLanguage);
markDocumentLanguage();

export { i18n };
