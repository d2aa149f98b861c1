import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';

/**
 * The catalogs agree with each other: each language has every English key and no other, each message
 * is valid ICU, and each takes the arguments its English one takes (a translation that drops
 * `{name}` or spells `{count}` as text would show the wrong words), and no <Trans> tag is named after an
 * element that holds nothing (<link>). Polish counts with one, few, many
 * and other: a message that counts in English must say each of those in Polish.
 */

const LOCALES_FOLDER = join(import.meta.dirname, 'locales');
const LANGUAGES = readdirSync(LOCALES_FOLDER);
const NAMESPACES = readdirSync(join(LOCALES_FOLDER, 'en')).map((file) => file.replace(/\.json$/, ''));

type Catalog = { [key: string]: string | Catalog };

function flatten(catalog: Catalog, prefix = ''): Map<string, string> {
  const messages = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    if (typeof value === 'string') messages.set(prefix + key, value);
    else for (const [inner, message] of flatten(value, `${prefix}${key}.`)) messages.set(inner, message);
  }
  return messages;
}

function readCatalog(language: string, namespace: string): Map<string, string> {
  return flatten(JSON.parse(readFileSync(join(LOCALES_FOLDER, language, `${namespace}.json`), 'utf8')) as Catalog);
}

/** Each argument a message reads, with how it reads it (plain, plural, select, number, date…). */
function argumentsOf(elements: MessageFormatElement[], found = new Map<string, string>()): Map<string, string> {
  for (const element of elements) {
    if ('value' in element && element.type !== TYPE.literal) found.set(String(element.value), TYPE[element.type]);
    if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    if (element.type === TYPE.tag) argumentsOf(element.children, found);
  }
  return found;
}

/**
 * HTML's void elements: react-i18next's <Trans> renders a tag so named as that element, which holds
 * nothing, so `<link>words</link>` shows an empty link with its words after it.
 */
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

function tagsOf(elements: MessageFormatElement[], found: string[] = []): string[] {
  for (const element of elements) {
    if (element.type === TYPE.tag) {
      found.push(element.value);
      tagsOf(element.children, found);
    }
    if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) tagsOf(option.value, found);
  }
  return found;
}

function pluralsOf(elements: MessageFormatElement[], found: Array<{ name: string; categories: string[] }> = []) {
  for (const element of elements) {
    if (element.type === TYPE.plural && element.pluralType !== 'ordinal') found.push({ name: element.value, categories: Object.keys(element.options) });
    if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) pluralsOf(option.value, found);
    if (element.type === TYPE.tag) pluralsOf(element.children, found);
  }
  return found;
}

describe.each(NAMESPACES)('the %s catalog', (namespace) => {
  const english = readCatalog('en', namespace);

  it.each(LANGUAGES)('in %s has the English keys, no other and none empty', (language) => {
    const catalog = readCatalog(language, namespace);
    expect([...catalog.keys()].sort()).toEqual([...english.keys()].sort());
    expect([...catalog].filter(([, message]) => message.trim() === '').map(([key]) => key)).toEqual([]);
  });

  it.each(LANGUAGES)('in %s is valid ICU with the English arguments', (language) => {
    const problems: string[] = [];
    for (const [key, message] of readCatalog(language, namespace)) {
      const source = english.get(key);
      if (source === undefined) continue;
      try {
        // The same names; how each is read may differ (French agrees "signés" with a count English does not plural).
        const expected = [...argumentsOf(parse(source)).keys()].sort();
        const actual = [...argumentsOf(parse(message)).keys()].sort();
        if (actual.join() !== expected.join()) problems.push(`${key}: takes {${actual.join('}, {')}}, English takes {${expected.join('}, {')}}`);
        for (const tag of tagsOf(parse(message))) if (VOID_ELEMENTS.has(tag)) problems.push(`${key}: <${tag}> is an HTML element that holds nothing; name the tag otherwise (<anchor>, <strong>…)`);
        const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
        for (const plural of pluralsOf(parse(message))) {
          const missing = categories.filter((category) => !plural.categories.includes(category) && category !== 'zero' && category !== 'two');
          if (missing.length > 0 && !plural.categories.includes('other')) problems.push(`${key}: {${plural.name}} has no "other"`);
          if (language === 'pl' && missing.length > 0) problems.push(`${key}: {${plural.name}} needs ${missing.join(', ')} in Polish`);
        }
      } catch (error) {
        problems.push(`${key}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
