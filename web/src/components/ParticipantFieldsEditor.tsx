import { ActionIcon, Button, Fieldset, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_TYPE_LABELS } from '../format';
import type { DocumentRecord, FieldPlacement, FieldType, ProviderCapabilities, SignatureField } from '../types';
import { PlusIcon, TrashIcon } from './icons';
import { pathIn, type FormPart } from '../hooks/useSchemaForm';
import { UNMOUNTED_WHEN_CLOSED } from './selectProps';

/** What a NumberInput holds: a number, or a string while empty or half typed ("-"). */
type NumberDraft = number | string;

/** One field as the form keeps it: the inputs of both placements, so switching between them loses nothing typed. */
export interface FieldDraft {
  /** React's key only; never sent. */
  key: string;
  placement: FieldPlacement;
  type: FieldType;
  documentId: string;
  page: NumberDraft;
  left: NumberDraft;
  top: NumberDraft;
  width: NumberDraft;
  height: NumberDraft;
  anchor: string;
  /** Pages the anchor is looked for on, as typed ("1, 3"); empty: every page. */
  pages: string;
  offsetX: NumberDraft;
  offsetY: NumberDraft;
}

/** A document fields can be placed on: an upload, or one of an envelope's documents (whose page count the envelope does not carry). */
export type FieldDocument = Pick<DocumentRecord, 'id' | 'filename'> & { pageCount?: number | null };

let fieldCounter = 0;
/** A new field: the provider's first placement and type, on the first document, a signature-sized box near the top left. */
function newField(capabilities: ProviderCapabilities, documents: FieldDocument[]): FieldDraft {
  fieldCounter += 1;
  return {
    key: `field-${fieldCounter}`,
    placement: capabilities.signatureFields[0] ?? 'box',
    type: capabilities.fieldTypes[0] ?? 'signature',
    documentId: documents[0]?.id ?? '',
    page: 1,
    left: 72,
    top: 72,
    width: 180,
    height: 50,
    anchor: '',
    pages: '',
    offsetX: '',
    offsetY: '',
  };
}

/** A saved field as the form keeps it, for editing a participant. */
export function fieldDraftOf(field: SignatureField): FieldDraft {
  fieldCounter += 1;
  const common = { key: `field-${fieldCounter}`, type: field.type, documentId: field.documentId };
  if ('anchor' in field) {
    return {
      ...common,
      placement: 'anchor',
      page: 1,
      left: 72,
      top: 72,
      width: 180,
      height: 50,
      anchor: field.anchor,
      pages: (field.pages ?? []).join(', '),
      offsetX: field.offsetX ?? '',
      offsetY: field.offsetY ?? '',
    };
  }
  return { ...common, placement: 'box', page: field.page, left: field.left, top: field.top, width: field.width, height: field.height, anchor: '', pages: '', offsetX: '', offsetY: '' };
}

/** The request body's `fields`, when there are any. */
export function fieldsBody(fields: FieldDraft[]): Record<string, unknown> {
  return fields.length > 0 ? { fields: fields.map(fieldBody) } : {};
}

function fieldBody(field: FieldDraft): Record<string, unknown> {
  const common = { type: field.type, documentId: field.documentId };
  if (field.placement === 'box') {
    return { ...common, ...filledNumbers({ page: field.page, left: field.left, top: field.top, width: field.width, height: field.height }) };
  }
  const pages = field.pages.split(/[\s,]+/).filter(Boolean);
  return {
    ...common,
    anchor: field.anchor.trim(),
    ...(pages.length > 0 ? { pages: pages.map(Number) } : {}),
    ...filledNumbers({ offsetX: field.offsetX, offsetY: field.offsetY }),
  };
}

/**
 * The numbers that are filled in. An empty one is left out (the server then says a required one "is
 * required"), and one that does not read as a number is sent as null, for the server to name.
 */
function filledNumbers(values: Record<string, NumberDraft>): Record<string, number> {
  const filled: Record<string, number> = {};
  for (const [name, value] of Object.entries(values)) if (value !== '') filled[name] = Number(value);
  return filled;
}

/**
 * Where the participant signs or fills in, as a plain list: each field a box by page and position in
 * PDF points, or a text anchor in the document. Only the placements and field types the provider
 * takes (`capabilities.signatureFields`, `fieldTypes`) are offered; none at all: nothing is shown.
 * Bound through the form at `path` (the participant's `fields`), whose errors name a field's members
 * (`fields.1.page`), a field as a whole (`fields.1`: a placement the provider does not take) or the list.
 */
export function ParticipantFieldsEditor({
  form,
  path,
  capabilities,
  documents,
  value,
}: {
  form: FormPart;
  path: string;
  capabilities: ProviderCapabilities | undefined;
  /** The envelope's documents, which fields can be placed on. */
  documents: FieldDocument[];
  value: FieldDraft[];
}) {
  const { t } = useTranslation('participants');
  const headingId = useId();
  if (!capabilities || capabilities.signatureFields.length === 0) return null;
  const listError = form.errors[path];
  return (
    <Stack gap={6} role="group" aria-labelledby={headingId} style={{ gridColumn: '1 / -1' }}>
      <Group justify="space-between">
        <div>
          <Text id={headingId} size="sm" fw={500}>
            {t('fieldsEditor.heading')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('fieldsEditor.hint')}
          </Text>
        </div>
        <Button
          variant="default"
          size="xs"
          leftSection={<PlusIcon size={14} />}
          onClick={() => form.insertListItem(path, newField(capabilities, documents))}
        >
          {t('fieldsEditor.add')}
        </Button>
      </Group>
      {listError && (
        <Text size="xs" c="red">
          {listError}
        </Text>
      )}
      {value.map((field, index) => (
        <FieldInputs
          key={field.key}
          form={form}
          path={pathIn(path, index)}
          index={index}
          capabilities={capabilities}
          documents={documents}
          value={field}
          onRemove={() => form.removeListItem(path, index)}
        />
      ))}
    </Stack>
  );
}

function FieldInputs({
  form,
  path,
  index,
  capabilities,
  documents,
  value,
  onRemove,
}: {
  form: FormPart;
  /** This field's: `participants.0.fields.1`. */
  path: string;
  index: number;
  capabilities: ProviderCapabilities;
  documents: FieldDocument[];
  value: FieldDraft;
  onRemove: () => void;
}) {
  const { t } = useTranslation('participants');
  const whole = form.errors[path];
  const input = (name: keyof FieldDraft) => form.getInputProps(pathIn(path, name));
  /** A choice that is never cleared: the lists offer no empty entry, and a document left unchosen is ''. */
  const choice = (name: 'placement' | 'type' | 'documentId') => ({
    ...input(name),
    value: value[name] || null,
    onChange: (chosen: string | null) => form.setFieldValue(pathIn(path, name), chosen ?? ''),
  });
  return (
    <Fieldset
      variant="filled"
      radius="md"
      legend={
        <Group gap="xs" wrap="nowrap">
          <span>{t('fieldsEditor.legend', { number: index + 1 })}</span>
          <Tooltip label={t('fieldsEditor.remove', { number: index + 1 })}>
            <ActionIcon variant="subtle" color="red" size="sm" onClick={onRemove} aria-label={t('fieldsEditor.remove', { number: index + 1 })}>
              <TrashIcon size={14} />
            </ActionIcon>
          </Tooltip>
        </Group>
      }
    >
      <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing="sm" verticalSpacing="sm">
        {capabilities.signatureFields.length > 1 && (
          <Select
            label={t('fieldsEditor.placement')}
            data={capabilities.signatureFields.map((placement) => ({ value: placement, label: t(`fieldsEditor.placements.${placement}`) }))}
            allowDeselect={false}
            {...choice('placement')}
            comboboxProps={UNMOUNTED_WHEN_CLOSED}
          />
        )}
        {capabilities.fieldTypes.length > 1 && (
          <Select
            label={t('fieldsEditor.type')}
            data={capabilities.fieldTypes.map((type) => ({ value: type, label: FIELD_TYPE_LABELS[type] }))}
            allowDeselect={false}
            {...choice('type')}
            comboboxProps={UNMOUNTED_WHEN_CLOSED}
          />
        )}
        <Select
          label={t('fieldsEditor.document')}
          required
          data={documents.map((document) => ({
            value: document.id,
            label: document.pageCount ? t('fieldsEditor.documentWithPages', { filename: document.filename, count: document.pageCount }) : document.filename,
          }))}
          allowDeselect={false}
          {...choice('documentId')}
          comboboxProps={UNMOUNTED_WHEN_CLOSED}
        />
        {value.placement === 'box' ? (
          <>
            <NumberInput label={t('fieldsEditor.page')} required min={1} max={10000} allowDecimal={false} allowNegative={false} {...input('page')} />
            <NumberInput label={t('fieldsEditor.left')} required min={0} max={14400} allowNegative={false} {...input('left')} />
            <NumberInput label={t('fieldsEditor.top')} required min={0} max={14400} allowNegative={false} {...input('top')} />
            <NumberInput label={t('fieldsEditor.width')} required min={0} max={14400} allowNegative={false} {...input('width')} />
            <NumberInput label={t('fieldsEditor.height')} required min={0} max={14400} allowNegative={false} {...input('height')} />
          </>
        ) : (
          <>
            <TextInput
              label={t('fieldsEditor.anchor')}
              required
              placeholder={t('fieldsEditor.anchorPlaceholder')}
              description={t('fieldsEditor.anchorDescription')}
              {...input('anchor')}
            />
            {capabilities.anchorAdjustments && (
              <>
                <TextInput
                  label={t('fieldsEditor.pages')}
                  placeholder={t('fieldsEditor.pagesPlaceholder')}
                  description={t('fieldsEditor.pagesDescription')}
                  {...input('pages')}
                />
                <NumberInput label={t('fieldsEditor.offsetX')} min={-14400} max={14400} {...input('offsetX')} />
                <NumberInput label={t('fieldsEditor.offsetY')} min={-14400} max={14400} {...input('offsetY')} />
              </>
            )}
          </>
        )}
      </SimpleGrid>
      {value.placement === 'box' && (
        <Text size="xs" c="dimmed" mt={6}>
          {t('fieldsEditor.boxUnits')}
        </Text>
      )}
      {whole && (
        <Text size="xs" c="red" mt={6}>
          {whole}
        </Text>
      )}
    </Fieldset>
  );
}
