import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every word a person reads in the web app comes from a catalog (web/src/i18n/locales), so that it is
 * there in each language. This reads the app's source and finds words written into it instead: text
 * between JSX tags, string values of the attributes people read (label, title, placeholder,
 * aria-label…), and string values of object properties named so ({ label: 'Draft' }, a notification's
 * title and message). Not every way a word can reach the screen, but the ways this app uses.
 * One test per file: `npx vitest run web/src/i18n/words-in-code.test.ts -t EnvelopePage` checks one.
 */

const SOURCE = join(import.meta.dirname, '..');

/** The names whose string values people read: JSX attributes and object properties alike. */
const READ_BY_PEOPLE = new Set([
  'label',
  'title',
  'placeholder',
  'description',
  'aria-label',
  'ariaLabel',
  'aria-description',
  'alt',
  'message',
  'error',
  'notice',
  'confirmLabel',
  'heading',
  'tooltip',
  'blockedReason',
  'nothingFoundMessage',
  'emptyText',
  'hint',
]);

/** Names of products and formats, the same in every language. */
const THE_SAME_IN_EVERY_LANGUAGE = new Set(['Countersign', 'Autenti', 'Connective', 'ConsignO', 'PDF', 'CSV', 'ZIP', 'JSON', 'API', 'URL', 'HMAC', 'SHA-256']);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'i18n' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.(test|d)\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Whether a piece of text holds a word (two letters or more) that is not a name kept in every language. */
function holdsWords(text: string): boolean {
  const words = text.match(/\p{L}[\p{L}'’-]+/gu) ?? [];
  return words.some((word) => !THE_SAME_IN_EVERY_LANGUAGE.has(word));
}

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
  if (ts.isConditionalExpression(node)) return [literalText(node.whenTrue), literalText(node.whenFalse)].filter(Boolean).join(' ') || undefined;
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.BarBarToken || node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
    return literalText(node.right);
  }
  return undefined;
}

function propertyName(name: ts.Node): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return undefined;
}

/** The words written into one file, each with its line. */
export function wordsWrittenIn(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const report = (node: ts.Node, words: string) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    found.push(`line ${line + 1}: ${words.trim().replace(/\s+/g, ' ')}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && holdsWords(node.text)) report(node, node.text);
    else if (ts.isJsxExpression(node) && node.expression && ts.isJsxElement(node.parent)) {
      const words = literalText(node.expression);
      if (words !== undefined && holdsWords(words)) report(node, words);
    } else if (ts.isJsxAttribute(node) && node.initializer && READ_BY_PEOPLE.has(node.name.getText(file))) {
      const value = ts.isJsxExpression(node.initializer) ? node.initializer.expression : node.initializer;
      const words = value && literalText(value);
      if (words !== undefined && holdsWords(words)) report(node, words);
    } else if (ts.isPropertyAssignment(node) && READ_BY_PEOPLE.has(propertyName(node.name) ?? '')) {
      const words = literalText(node.initializer);
      if (words !== undefined && holdsWords(words)) report(node, words);
    } else if ((ts.isParameter(node) || ts.isBindingElement(node)) && node.initializer && READ_BY_PEOPLE.has(node.name.getText(file))) {
      // A default such as `{ title = 'Something went wrong' }`.
      const words = literalText(node.initializer);
      if (words !== undefined && holdsWords(words)) report(node, words);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('every word people read comes from a catalog', () => {
  for (const path of sourceFiles(SOURCE)) {
    it(relative(SOURCE, path), () => {
      expect(wordsWrittenIn(path), 'move these words into web/src/i18n/locales/<language>/<area>.json and read them with t()').toEqual([]);
    });
  }
});
