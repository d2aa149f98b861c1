import { MultiSelect, PasswordInput, Select, Switch, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuthenticationMethod, Participant, ProviderCapabilities, SignatureLevel } from '../types';
import { pathIn, type FormPart } from '../hooks/useSchemaForm';
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

/** Each method's name in the catalog (`participantOptions.methods`). */
const METHOD_KEYS = { 'email-link': 'emailLink', sms: 'sms', call: 'call', secret: 'secret', eid: 'eid' } as const satisfies Record<AuthenticationMethod, string>;

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
 * beyond the basics is offered, and the server keeps the defaults. Bound through the form at `path`
 * (the participant's `options`); `value` is what is there now, for what to show.
 */
export function ParticipantOptionFields({
  form,
  path,
  capabilities,
  value,
}: {
  form: FormPart;
  path: string;
  capabilities: ProviderCapabilities | undefined;
  value: ParticipantOptionsDraft;
}) {
  const { t } = useTranslation('participants');
  if (!capabilities) return null;
  const input = (name: keyof ParticipantOptionsDraft) => form.getInputProps(pathIn(path, name));
  /** A choice that may be cleared, kept as '' (the default) rather than null: optionsBody leaves it out. */
  const choice = (name: 'eidScheme' | 'signatureLevel') => ({
    ...input(name),
    value: value[name] || null,
    onChange: (chosen: string | null) => form.setFieldValue(pathIn(path, name), chosen ?? ''),
  });
  const methods = (capabilities.authenticationMethods ?? []).filter((method) => method !== 'email-link');
  const levels = capabilities.signatureLevels ?? [];
  const needsPhone = value.methods.includes('sms') || value.methods.includes('call');
  return (
    <>
      {methods.length > 0 && (
        <MultiSelect
          label={t('participantOptions.extraCheck')}
          description={t('participantOptions.extraCheckDescription')}
          placeholder={value.methods.length === 0 ? t('participantOptions.none') : undefined}
          data={methods.map((method) => ({ value: method, label: t(`participantOptions.methods.${METHOD_KEYS[method]}`) }))}
          {...input('methods')}
          comboboxProps={UNMOUNTED_WHEN_CLOSED}
          style={{ gridColumn: '1 / -1' }}
        />
      )}
      {needsPhone && (
        <TextInput
          label={t('participantOptions.phone')}
          required
          placeholder="+48722722722"
          description={t('participantOptions.phoneDescription')}
          {...input('phone')}
        />
      )}
      {value.methods.includes('secret') && (
        <>
          <TextInput label={t('participantOptions.secretQuestion')} required {...input('question')} />
          <PasswordInput label={t('participantOptions.answer')} required description={t('participantOptions.answerDescription')} {...input('answer')} />
        </>
      )}
      {value.methods.includes('eid') && (
        <Select label={t('participantOptions.eidScheme')} required data={capabilities.eidSchemes ?? []} {...choice('eidScheme')} comboboxProps={UNMOUNTED_WHEN_CLOSED} />
      )}
      {levels.length > 0 && (
        <Select
          label={t('participantOptions.signatureLevel')}
          placeholder={t('participantOptions.providerDefault')}
          clearable
          data={levels.map((level) => ({ value: level, label: t(`participantOptions.levels.${level}`) }))}
          {...choice('signatureLevel')}
          comboboxProps={UNMOUNTED_WHEN_CLOSED}
        />
      )}
      {capabilities.participantLanguage && (
        <TextInput
          label={t('participantOptions.language')}
          placeholder={t('participantOptions.languagePlaceholder')}
          description={t('participantOptions.languageDescription')}
          {...input('language')}
        />
      )}
      {capabilities.embeddedSigning && (
        <>
          <Switch
            label={t('participantOptions.embedded')}
            description={t('participantOptions.embeddedDescription')}
            {...form.getInputProps(pathIn(path, 'embedded'), { type: 'checkbox' })}
            style={{ gridColumn: '1 / -1' }}
          />
          {value.embedded && (
            <TextInput
              label={t('participantOptions.returnUrl')}
              required
              placeholder={t('participantOptions.returnUrlPlaceholder')}
              description={t('participantOptions.returnUrlDescription')}
              {...input('returnUrl')}
              style={{ gridColumn: '1 / -1' }}
            />
          )}
        </>
      )}
    </>
  );
}
