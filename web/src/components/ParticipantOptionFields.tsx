import { MultiSelect, PasswordInput, Select, Switch, TextInput } from '@mantine/core';
import type { AuthenticationMethod, Participant, ProviderCapabilities, SignatureLevel } from '../types';
import { UNMOUNTED_WHEN_CLOSED } from './selectProps';

/** What the form keeps for the options of issue 8; empty strings and lists mean "the default". */
export interface ParticipantOptionsDraft {
  phone: string;
  /** Methods beyond the email link, which every participant has. */
  methods: AuthenticationMethod[];
  question: string;
  answer: string;
  eidScheme: string;
  signatureLevel: SignatureLevel | '';
  language: string;
  embedded: boolean;
  returnUrl: string;
}

export const EMPTY_OPTIONS: ParticipantOptionsDraft = {
  phone: '',
  methods: [],
  question: '',
  answer: '',
  eidScheme: '',
  signatureLevel: '',
  language: '',
  embedded: false,
  returnUrl: '',
};

/** A saved participant's options as the form keeps them; a secret's answer is never returned, so it starts empty. */
export function optionsDraftOf(participant: Participant): ParticipantOptionsDraft {
  const methods = participant.authentication.filter((method) => method.method !== 'email-link');
  const secret = methods.find((method) => method.method === 'secret');
  const eid = methods.find((method) => method.method === 'eid');
  return {
    phone: participant.phone ?? '',
    methods: methods.map((method) => method.method),
    question: secret && 'question' in secret ? secret.question : '',
    answer: '',
    eidScheme: eid && 'scheme' in eid ? eid.scheme : '',
    signatureLevel: participant.signatureLevel ?? '',
    language: participant.language ?? '',
    embedded: participant.delivery.mode === 'embedded',
    returnUrl: participant.delivery.mode === 'embedded' ? participant.delivery.returnUrl : '',
  };
}

const METHOD_LABELS: Record<AuthenticationMethod, string> = {
  'email-link': 'Email link',
  sms: 'SMS code',
  call: 'Code by phone call',
  secret: 'Secret question',
  eid: 'Electronic ID',
};
const LEVEL_LABELS: Record<SignatureLevel, string> = { basic: 'Basic', advanced: 'Advanced', qualified: 'Qualified' };

/** The request body's part for these options: only what differs from the defaults. */
export function optionsBody(options: ParticipantOptionsDraft): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (options.phone.trim()) body.phone = options.phone.trim();
  if (options.methods.length > 0) {
    body.authentication = options.methods.map((method) => {
      if (method === 'secret') return { method, question: options.question.trim(), answer: options.answer };
      if (method === 'eid') return { method, scheme: options.eidScheme };
      return { method };
    });
  }
  if (options.signatureLevel) body.signatureLevel = options.signatureLevel;
  if (options.language.trim()) body.language = options.language.trim();
  if (options.embedded) body.delivery = { mode: 'embedded', returnUrl: options.returnUrl.trim() };
  return body;
}

/**
 * Authentication, signature level, language and delivery, each offered only when the envelope's
 * provider can do it (its `capabilities` from GET /api/v1/providers). No capabilities known: nothing
 * beyond the basics is offered, and the server keeps the defaults.
 */
export function ParticipantOptionFields({
  capabilities,
  value,
  errors,
  onChange,
}: {
  capabilities: ProviderCapabilities | undefined;
  value: ParticipantOptionsDraft;
  errors: Record<string, string>;
  onChange: (value: ParticipantOptionsDraft) => void;
}) {
  if (!capabilities) return null;
  const set = <K extends keyof ParticipantOptionsDraft>(field: K, fieldValue: ParticipantOptionsDraft[K]) => onChange({ ...value, [field]: fieldValue });
  const methods = (capabilities.authenticationMethods ?? []).filter((method) => method !== 'email-link');
  const levels = capabilities.signatureLevels ?? [];
  const needsPhone = value.methods.includes('sms') || value.methods.includes('call');
  const methodError = Object.entries(errors).find(([path]) => path.startsWith('authentication'))?.[1];
  return (
    <>
      {methods.length > 0 && (
        <MultiSelect
          label="Extra identity check"
          description="Besides the link in their invitation."
          placeholder={value.methods.length === 0 ? 'None' : undefined}
          data={methods.map((method) => ({ value: method, label: METHOD_LABELS[method] }))}
          value={value.methods}
          onChange={(selected) => set('methods', selected as AuthenticationMethod[])}
          error={methodError}
          comboboxProps={UNMOUNTED_WHEN_CLOSED}
          style={{ gridColumn: '1 / -1' }}
        />
      )}
      {needsPhone && (
        <TextInput
          label="Phone"
          required
          placeholder="+48722722722"
          description="International format; the code is sent here."
          value={value.phone}
          onChange={(event) => set('phone', event.currentTarget.value)}
          error={errors.phone}
        />
      )}
      {value.methods.includes('secret') && (
        <>
          <TextInput label="Secret question" required value={value.question} onChange={(event) => set('question', event.currentTarget.value)} />
          <PasswordInput
            label="Answer"
            required
            description="Stored encrypted; never shown again."
            value={value.answer}
            onChange={(event) => set('answer', event.currentTarget.value)}
          />
        </>
      )}
      {value.methods.includes('eid') && (
        <Select
          label="Electronic ID scheme"
          required
          data={capabilities.eidSchemes ?? []}
          value={value.eidScheme || null}
          onChange={(scheme) => set('eidScheme', scheme ?? '')}
          comboboxProps={UNMOUNTED_WHEN_CLOSED}
        />
      )}
      {levels.length > 0 && (
        <Select
          label="Signature level"
          placeholder="Provider default"
          clearable
          data={levels.map((level) => ({ value: level, label: LEVEL_LABELS[level] }))}
          value={value.signatureLevel || null}
          onChange={(level) => set('signatureLevel', (level ?? '') as SignatureLevel | '')}
          error={errors.signatureLevel}
          comboboxProps={UNMOUNTED_WHEN_CLOSED}
        />
      )}
      {capabilities.participantLanguage && (
        <TextInput
          label="Language"
          placeholder="As the envelope"
          description="ISO code, e.g. en, fr"
          value={value.language}
          onChange={(event) => set('language', event.currentTarget.value)}
          error={errors.language}
        />
      )}
      {capabilities.embeddedSigning && (
        <>
          <Switch
            label="Sign in our application (embedded)"
            description="No invitation email; your application opens the signing page."
            checked={value.embedded}
            onChange={(event) => set('embedded', event.currentTarget.checked)}
            style={{ gridColumn: '1 / -1' }}
          />
          {value.embedded && (
            <TextInput
              label="Return URL"
              required
              placeholder="https://…"
              description="Where the participant goes after signing."
              value={value.returnUrl}
              onChange={(event) => set('returnUrl', event.currentTarget.value)}
              error={errors['delivery.returnUrl'] ?? errors.delivery}
              style={{ gridColumn: '1 / -1' }}
            />
          )}
        </>
      )}
    </>
  );
}
