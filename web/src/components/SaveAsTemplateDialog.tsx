import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api';
import { useFormSubmit } from '../hooks/useFormSubmit';
import { usePhone } from '../hooks/usePhone';
import { navigate } from '../router';
import type { Envelope } from '../types';
import { ErrorAlert } from './ErrorAlert';

/**
 * "Save as template": the envelope's documents, participants as roles to fill and their fields, kept
 * under a name (POST /api/v1/templates); the new template's page opens.
 */
export function SaveAsTemplateDialog({ envelope, opened, onClose }: { envelope: Envelope; opened: boolean; onClose: () => void }) {
  const phone = usePhone();
  const { t } = useTranslation(['templates', 'common']);
  const form = useFormSubmit();
  const [name, setName] = useState('');

  useEffect(() => {
    if (!opened) return;
    setName(envelope.title);
    form.reset();
  }, [opened]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const template = await api.POST('/api/v1/templates', { body: { name: name.trim(), envelopeId: envelope.id }, idempotencyKey: newIdempotencyKey() });
      notifications.show({ color: 'green', title: t('saveAsTemplateDialog.saved'), message: t('saveAsTemplateDialog.savedMessage', { count: template.roles.length }) });
      navigate(`/templates/${template.id}`);
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700} fz="lg">{t('saveAsTemplateDialog.title')}</Text>} fullScreen={phone}>
      <form onSubmit={save} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('saveAsTemplateDialog.text')}
          </Text>
          <TextInput label={t('saveAsTemplateDialog.name')} required value={name} onChange={(event) => setName(event.currentTarget.value)} error={form.fieldErrors.name} data-autofocus />
          {form.error !== undefined && <ErrorAlert error={form.error} title={t('saveAsTemplateDialog.notSaved')} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {t('saveAsTemplateDialog.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
