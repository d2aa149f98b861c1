import { ActionIcon, Fieldset, Group, NumberInput, Select, SimpleGrid, TextInput, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ROLE_LABELS } from '../status';
import { PARTICIPANT_ROLES, type Participant, type ParticipantPatch, type ParticipantRole, type ProviderCapabilities } from '../types';
import { TrashIcon } from './icons';
import { pathIn, type FormPart } from '../hooks/useSchemaForm';
import { fieldDraftOf, fieldsBody, ParticipantFieldsEditor, type FieldDocument, type FieldDraft } from './ParticipantFieldsEditor';
import { EMPTY_OPTIONS, optionsBody, optionsDraftOf, ParticipantOptionFields, type ParticipantOptionsDraft } from './ParticipantOptionFields';
import { UNMOUNTED_WHEN_CLOSED } from './selectProps';

/** A type, not an interface: the participant dialog's form values are one of these (a record of fields). */
export type ParticipantDraft = {
  /** React's key only; never sent. */
  key: string;
  firstName: string;
  lastName: string;
  email: string;
  role: ParticipantRole;
  step: number;
  /** Authentication, signature level, language, delivery: offered by the provider's capabilities. */
  options: ParticipantOptionsDraft;
  /** Where they sign, when the provider takes fields. */
  fields: FieldDraft[];
};

let draftCounter = 0;
/** A blank participant at `step`, a signer by default. */
export function emptyParticipant(step: number): ParticipantDraft {
  draftCounter += 1;
  return { key: `participant-${draftCounter}`, firstName: '', lastName: '', email: '', role: 'signer', step, options: EMPTY_OPTIONS, fields: [] };
}

/** A saved participant as the form keeps it, for editing (a secret answer is never sent back: it stays empty). */
export function draftOfParticipant(participant: Participant): ParticipantDraft {
  draftCounter += 1;
  return {
    key: `participant-${draftCounter}`,
    firstName: participant.firstName,
    lastName: participant.lastName,
    email: participant.email,
    role: participant.role,
    step: participant.step,
    options: optionsDraftOf(participant),
    fields: participant.fields.map(fieldDraftOf),
  };
}

/** The request body for one participant: names trimmed, options and fields only where they differ from the defaults. */
export function participantBody({ key: _key, options, fields, ...participant }: ParticipantDraft) {
  return {
    ...participant,
    firstName: participant.firstName.trim(),
    lastName: participant.lastName.trim(),
    email: participant.email.trim(),
    ...optionsBody(options),
    ...fieldsBody(fields),
  };
}

/** What each option is when a body leaves it out: a change of a participant sends these to clear one. */
const OPTION_DEFAULTS = {
  phone: null,
  authentication: [{ method: 'email-link' as const }],
  signatureLevel: null,
  language: null,
  delivery: { mode: 'email' as const },
  fields: [],
};

/**
 * The body of a change to `saved`: only what differs from it, a cleared option as its default. An
 * unchanged identity check is left out, so its secret answer (never shown) is kept.
 */
export function participantPatch(saved: Participant, draft: ParticipantDraft): ParticipantPatch {
  const before: Record<string, unknown> = { ...OPTION_DEFAULTS, ...participantBody(draftOfParticipant(saved)) };
  const after: Record<string, unknown> = { ...OPTION_DEFAULTS, ...participantBody(draft) };
  // The values come from the same body as a create's participant; the server checks them against the schema.
  return Object.fromEntries(Object.entries(after).filter(([name, value]) => JSON.stringify(value) !== JSON.stringify(before[name]))) as ParticipantPatch;
}

/**
 * One participant of the guide's form: First name, Last name, Email, Role (Signer by default), and
 * the Step that orders signing (same step = at the same time), then what the provider offers beyond
 * that, and where they sign. A part of a form, bound through it at `path` (`participants.0` in the
 * create form, '' in the participant dialog); `value` is what is there now, for what to show.
 */
export function ParticipantFields({
  form,
  path,
  index,
  value,
  capabilities,
  documents,
  onRemove,
}: {
  form: FormPart;
  path: string;
  index: number;
  value: ParticipantDraft;
  /** The envelope's provider's capabilities; undefined: unknown, only the basics are offered. */
  capabilities?: ProviderCapabilities;
  /** The envelope's documents, for the fields. */
  documents: FieldDocument[];
  onRemove: (() => void) | null;
}) {
  const { t } = useTranslation('participants');
  const input = (name: keyof ParticipantDraft) => form.getInputProps(pathIn(path, name));
  // Made at each render, not once at import: the role names follow the language switch.
  const roleOptions = PARTICIPANT_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
  return (
    <Fieldset
      legend={
        <Group gap="xs" wrap="nowrap">
          <span>{t('participantFields.legend', { number: index + 1 })}</span>
          {onRemove && (
            <Tooltip label={t('participantFields.remove', { number: index + 1 })}>
              <ActionIcon variant="subtle" color="red" size="sm" onClick={onRemove} aria-label={t('participantFields.remove', { number: index + 1 })}>
                <TrashIcon size={14} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      }
      radius="md"
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
        <TextInput label={t('participantFields.firstName')} required autoComplete="off" {...input('firstName')} />
        <TextInput label={t('participantFields.lastName')} required autoComplete="off" {...input('lastName')} />
        <TextInput
          label={t('participantFields.email')}
          type="email"
          required
          autoComplete="off"
          description={t('participantFields.emailDescription')}
          {...input('email')}
          style={{ gridColumn: '1 / -1' }}
        />
        <Select
          label={t('participantFields.role')}
          required
          data={roleOptions}
          allowDeselect={false}
          {...input('role')}
          // No empty choice: a role is always chosen.
          onChange={(role) => role && form.setFieldValue(pathIn(path, 'role'), role)}
          comboboxProps={UNMOUNTED_WHEN_CLOSED}
        />
        <NumberInput
          label={t('participantFields.step')}
          description={t('participantFields.stepDescription')}
          min={1}
          max={100}
          allowDecimal={false}
          allowNegative={false}
          {...input('step')}
          // A step emptied is the first: the body's step is always a number.
          onChange={(step) => form.setFieldValue(pathIn(path, 'step'), typeof step === 'number' ? step : Number.parseInt(step, 10) || 1)}
        />
        <ParticipantOptionFields form={form} path={pathIn(path, 'options')} capabilities={capabilities} value={value.options} />
        <ParticipantFieldsEditor form={form} path={pathIn(path, 'fields')} capabilities={capabilities} documents={documents} value={value.fields} />
      </SimpleGrid>
    </Fieldset>
  );
}
