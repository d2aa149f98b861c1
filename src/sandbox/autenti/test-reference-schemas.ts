import { Type, type TSchema } from 'typebox';
import { Value } from 'typebox/value';

/**
 * What live Autenti answers, as Autenti's own Power Automate connector expects it
 * (../shared/references/autenti-power-automate/apiDefinition.swagger.json, read and restated here in the
 * project's words — not copied). Objects stay open: live answers carry more than a client reads.
 * Used by reference-contract.test.ts to check the sandbox's answers.
 */

const Text = Type.String();
const Open = { additionalProperties: true } as const;

export const LiveFile = Type.Object(
  {
    id: Text,
    filename: Text,
    version: Text,
    size: Type.Integer({ minimum: 0 }),
    filePurpose: Text,
    mimeType: Text,
  },
  Open,
);

const Contact = Type.Object({ type: Text, attributes: Type.Object({ email: Text }, Open) }, Open);

export const LiveParty = Type.Object(
  {
    party: Type.Object({ id: Text, firstName: Type.Optional(Text), lastName: Type.Optional(Text), name: Type.Optional(Text), contacts: Type.Array(Contact) }, Open),
    role: Text,
    participationStatus: Text,
    constraints: Type.Optional(Type.Array(Type.Object({ classifiers: Type.Array(Text) }, Open))),
    currentUser: Type.Boolean(),
    events: Type.Optional(Type.Array(Type.Object({ eventType: Text, timestamp: Text }, Open))),
  },
  Open,
);

export const LiveProcess = Type.Object(
  {
    id: Text,
    title: Text,
    description: Type.Union([Text, Type.Null()]),
    processLanguage: Text,
    status: Text,
    parties: Type.Array(LiveParty),
    files: Type.Array(LiveFile),
    tags: Type.Array(Type.Object({ id: Text, name: Text, type: Text, description: Type.Union([Text, Type.Null()]) }, Open)),
    flags: Type.Array(Text),
    createdAt: Text,
    modifiedAt: Text,
  },
  Open,
);

/** An entry of `GET /document-processes` (the connector reads ids and statuses from the list). */
export const LiveProcessListEntry = Type.Object({ id: Text, title: Text, status: Text }, Open);

/** A successful action: a JSON array of events (the connector wraps it as `{"body": [...]}`). */
export const LiveActionAnswer = Type.Array(
  Type.Object({ id: Text, eventType: Text, actor: Type.Object({ id: Text }, Open), object: Type.Object({ id: Text, type: Text }, Open), timestamp: Text }, Open),
  { minItems: 1 },
);

/** A challenge the connector decodes from X-CHALLENGE when it gets 403. */
export const LiveChallenge = Type.Object(
  {
    classifiers: Type.Array(Text),
    attributes: Type.Object({ options: Type.Optional(Type.Array(Type.Object({ id: Text, description: Text }, Open))) }, Open),
  },
  Open,
);

/** A delivery to a subscription: a JSON array of events. */
export const LiveNotification = Type.Array(
  Type.Object(
    {
      id: Type.String({ pattern: '^EVENT:' }),
      actor: Type.Object({ id: Text, type: Text }, Open),
      eventType: Text,
      object: Type.Object({ id: Type.String({ pattern: '^DOCUMENT_PROCESS:' }), type: Text }, Open),
      timestamp: Text,
    },
    Open,
  ),
  { minItems: 1 },
);

export const LiveSubscription = Type.Object(
  {
    id: Type.String({ pattern: '^CALLBACK:' }),
    callbackAdapterId: Type.Literal('CALLBACK_ADAPTER:API_V2'),
    callbackParameters: Type.Object({ callbackUrl: Text }, Open),
    createdAt: Text,
  },
  Open,
);

/** The first schema violation of `value`, as "path: message", or null when it conforms. */
export function schemaViolation(schema: TSchema, value: unknown): string | null {
  const error = [...Value.Errors(schema, value)][0];
  return error ? `${(error as { instancePath?: string; path?: string }).instancePath ?? (error as { path?: string }).path ?? ''}: ${error.message}` : null;
}
