import { CliError } from './client.js';

/**
 * The participant options of issue 8 as command-line text. One reading for `envelopes create
 * --participant "…"` and `envelopes participants add`, so both take the same words:
 * - a participant: `First,Last,email[,role[,step]]` then any `key=value` among `phone=+48…`,
 *   `auth=sms` (or `auth=sms+secret`, `auth=eid:itsme`), `question=…`, `answer=…`, `level=qualified`,
 *   `lang=fr`, `return-url=https://…` (embedded delivery);
 * - a field: `type=signature,doc=doc_…,page=1,left=72,top=700,width=180,height=50` or
 *   `type=signature,doc=doc_…,anchor=[[sign-1]][,pages=1+2][,offset-x=0][,offset-y=12]`, with
 *   `to=2` in `envelopes create` for the participant it belongs to (1-based; default 1).
 * The API checks the values; this only shapes them and names the part it cannot read.
 */

export type ParticipantBody = Record<string, unknown>;

/** The keys a `key=value` participant extra may use, with what they become in the request body. */
const PARTICIPANT_KEYS = ['phone', 'auth', 'question', 'answer', 'level', 'lang', 'return-url'] as const;
type ParticipantKey = (typeof PARTICIPANT_KEYS)[number];

export function parseParticipantSpec(spec: string, label: string): ParticipantBody {
  const parts = spec.split(',').map((part) => part.trim());
  const positional = parts.filter((part) => !part.includes('='));
  const extras = parseKeyValues(parts.filter((part) => part.includes('=')), PARTICIPANT_KEYS, label);
  const [firstName, lastName, email, role = 'signer', step] = positional;
  if (!firstName || !lastName || !email || positional.length > 5) {
    throw new CliError(
      `${label} "${spec}" must be "First,Last,email[,role[,step]]" and then key=value options, e.g. "James,Dawson,james@example.com,signer,1,auth=sms,phone=+48722722722".`,
    );
  }
  return { firstName, lastName, email, role, ...(step ? { step: Number(step) } : {}), ...participantOptions(extras, label) };
}

/** The flags of `participants add`, in the words of the participant extras. */
export function participantOptions(options: Partial<Record<ParticipantKey, string>>, label: string): ParticipantBody {
  const body: ParticipantBody = {};
  if (options.phone) body.phone = options.phone;
  if (options.auth) body.authentication = parseAuthentication(options.auth, options.question, options.answer, label);
  else if (options.question || options.answer) throw new CliError(`${label}: a question and answer go with auth=secret.`);
  if (options.level) body.signatureLevel = options.level;
  if (options.lang) body.language = options.lang;
  if (options['return-url']) body.delivery = { mode: 'embedded', returnUrl: options['return-url'] };
  return body;
}

/** `sms+secret`, `eid:itsme`: methods joined by `+`; the secret's question and answer come from their own keys. */
export function parseAuthentication(text: string, question: string | undefined, answer: string | undefined, label: string): object[] {
  return text.split('+').map((method) => {
    const [name, scheme] = method.split(':');
    if (name === 'eid') {
      if (!scheme) throw new CliError(`${label}: say which eID scheme, e.g. auth=eid:itsme.`);
      return { method: 'eid', scheme };
    }
    if (name === 'secret') {
      if (!question || !answer) throw new CliError(`${label}: auth=secret needs question=… and answer=… (the answer is stored encrypted and never shown again).`);
      return { method: 'secret', question, answer };
    }
    return { method: name };
  });
}

const FIELD_KEYS = ['to', 'type', 'doc', 'page', 'left', 'top', 'width', 'height', 'anchor', 'pages', 'offset-x', 'offset-y'] as const;

/** One `--field`; `participant` is the 0-based index it belongs to (from `to=`, default the first). */
export function parseFieldSpec(spec: string, label: string): { participant: number; field: Record<string, unknown> } {
  const values = parseKeyValues(spec.split(',').map((part) => part.trim()), FIELD_KEYS, label);
  const number = (key: (typeof FIELD_KEYS)[number]) => {
    const value = values[key];
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isFinite(parsed)) throw new CliError(`${label}: ${key} must be a number; got "${value}".`);
    return parsed;
  };
  if (!values.type || !values.doc) throw new CliError(`${label} "${spec}" needs type=… and doc=…, e.g. "type=signature,doc=doc_…,page=1,left=72,top=700,width=180,height=50".`);
  const field: Record<string, unknown> = { type: values.type, documentId: values.doc };
  if (values.anchor !== undefined) {
    field.anchor = values.anchor;
    if (values.pages) field.pages = values.pages.split('+').map(Number);
    if (values['offset-x'] !== undefined) field.offsetX = number('offset-x');
    if (values['offset-y'] !== undefined) field.offsetY = number('offset-y');
  } else {
    for (const key of ['page', 'left', 'top', 'width', 'height'] as const) {
      const value = number(key);
      if (value === undefined) throw new CliError(`${label} "${spec}" needs ${key}=… (or anchor=… to place it at a text).`);
      field[key] = value;
    }
  }
  return { participant: (number('to') ?? 1) - 1, field };
}

function parseKeyValues<Key extends string>(parts: string[], keys: readonly Key[], label: string): Partial<Record<Key, string>> {
  const values: Partial<Record<Key, string>> = {};
  for (const part of parts) {
    const at = part.indexOf('=');
    const key = part.slice(0, at).trim() as Key;
    if (!keys.includes(key)) throw new CliError(`${label}: unknown option "${key}"; use ${keys.join(', ')}.`);
    values[key] = part.slice(at + 1).trim();
  }
  return values;
}
