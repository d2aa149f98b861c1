import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { usePhone } from '../hooks/usePhone';
import { useSchemaForm } from '../hooks/useSchemaForm';
import type { Envelope, ProviderCapabilities } from '../types';
import { ErrorAlert } from './ErrorAlert';

/** An ISO moment as a datetime-local input shows it: local time, no zone, to the minute. */
function localInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** The dialog's values, as its inputs keep them: the expiry as a datetime-local input gives it ('' for none). */
type EnvelopeDetails = { title: string; message: string; expiresAt: string };

function detailsOf(envelope: Envelope): EnvelopeDetails {
  return { title: envelope.title, message: envelope.message ?? '', expiresAt: localInput(envelope.expiresAt) };
}

/** The body of a change to `envelope`: only what differs from it, trimmed; an emptied message or expiry as null. */
function envelopePatch(envelope: Envelope, { title, message, expiresAt }: EnvelopeDetails) {
  const body: { title?: string; message?: string | null; expiresAt?: string | null } = {};
  if (title.trim() !== envelope.title) body.title = title.trim();
  if ((message.trim() || null) !== envelope.message) body.message = message.trim() || null;
  if (expiresAt !== localInput(envelope.expiresAt)) body.expiresAt = expiresAt ? new Date(expiresAt).toISOString() : null;
  return body;
}

/**
 * The envelope's own fields while it can be edited: title, the message to participants, and the
 * expiry when its provider takes one. Only what changed is sent (PATCH /api/v1/envelopes/{id}).
 */
export function EditEnvelopeDialog({
  envelope,
  opened,
  capabilities,
  onClose,
  onSaved,
}: {
  envelope: Envelope;
  opened: boolean;
  capabilities: ProviderCapabilities | undefined;
  onClose: () => void;
  onSaved: (envelope: Envelope) => void;
}) {
  const { t } = useTranslation(['envelope', 'common']);
  const phone = usePhone();
  const { form, submit, submitting, refusal, restart } = useSchemaForm({
    route: 'PATCH /api/v1/envelopes/{envelopeId}',
    initialValues: detailsOf(envelope),
    toBody: (details: EnvelopeDetails) => envelopePatch(envelope, details),
  });

  // Filled once per opening, before it is painted: an envelope refreshed meanwhile must not overwrite
  // what is being typed, and the last opening's values are never shown.
  useLayoutEffect(() => {
    if (opened) restart(detailsOf(envelope));
  }, [opened]);

  // Nothing changed sends nothing (the server takes no empty change): the envelope is as it was.
  const save = submit(
    async (body) => {
      onSaved(await api.PATCH('/api/v1/envelopes/{envelopeId}', { params: { path: { envelopeId: envelope.id } }, body }));
    },
    () => onSaved(envelope),
  );

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700} fz="lg">{t('editDialog.title')}</Text>} size="lg" fullScreen={phone} closeOnClickOutside={false}>
      <form onSubmit={save} noValidate>
        <Stack gap="md">
          <TextInput label={t('editDialog.titleField')} required {...form.getInputProps('title')} data-autofocus />
          <Textarea
            label={t('editDialog.message')}
            description={t('editDialog.messageDescription')}
            autosize
            minRows={3}
            maxRows={8}
            {...form.getInputProps('message')}
          />
          {(capabilities?.expiry || envelope.expiresAt) && (
            <TextInput
              type="datetime-local"
              label={t('editDialog.expiry')}
              description={t('editDialog.expiryDescription')}
              {...form.getInputProps('expiresAt')}
            />
          )}
          {refusal !== undefined && <ErrorAlert error={refusal} title={t('editDialog.notChanged')} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={submitting}>
              {t('common:actions.saveChanges')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
