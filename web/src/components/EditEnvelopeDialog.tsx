import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useFormSubmit } from '../hooks/useFormSubmit';
import { usePhone } from '../hooks/usePhone';
import type { Envelope, ProviderCapabilities } from '../types';
import { ErrorAlert } from './ErrorAlert';

/** An ISO moment as a datetime-local input shows it: local time, no zone, to the minute. */
function localInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
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
  const form = useFormSubmit();
  const [title, setTitle] = useState('');
  const [message, setMessage] = useState('');
  const [expiresAt, setExpiresAt] = useState('');

  useEffect(() => {
    if (!opened) return;
    setTitle(envelope.title);
    setMessage(envelope.message ?? '');
    setExpiresAt(localInput(envelope.expiresAt));
    form.reset();
    // Filled once per opening: an envelope refreshed meanwhile must not overwrite what is being typed.
  }, [opened]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const body: { title?: string; message?: string | null; expiresAt?: string | null } = {};
      if (title.trim() !== envelope.title) body.title = title.trim();
      if ((message.trim() || null) !== envelope.message) body.message = message.trim() || null;
      if (expiresAt !== localInput(envelope.expiresAt)) body.expiresAt = expiresAt ? new Date(expiresAt).toISOString() : null;
      onSaved(Object.keys(body).length === 0 ? envelope : await api.PATCH('/api/v1/envelopes/{envelopeId}', { params: { path: { envelopeId: envelope.id } }, body }));
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700} fz="lg">{t('editDialog.title')}</Text>} size="lg" fullScreen={phone} closeOnClickOutside={false}>
      <form onSubmit={save} noValidate>
        <Stack gap="md">
          <TextInput label={t('editDialog.titleField')} required value={title} onChange={(event) => setTitle(event.currentTarget.value)} error={form.fieldErrors.title} data-autofocus />
          <Textarea
            label={t('editDialog.message')}
            description={t('editDialog.messageDescription')}
            autosize
            minRows={3}
            maxRows={8}
            value={message}
            onChange={(event) => setMessage(event.currentTarget.value)}
            error={form.fieldErrors.message}
          />
          {(capabilities?.expiry || envelope.expiresAt) && (
            <TextInput
              type="datetime-local"
              label={t('editDialog.expiry')}
              description={t('editDialog.expiryDescription')}
              value={expiresAt}
              onChange={(event) => setExpiresAt(event.currentTarget.value)}
              error={form.fieldErrors.expiresAt}
            />
          )}
          {form.error !== undefined && <ErrorAlert error={form.error} title={t('editDialog.notChanged')} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {t('common:actions.saveChanges')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
