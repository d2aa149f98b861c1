import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api';
import { usePhone } from '../hooks/usePhone';
import { useSchemaForm } from '../hooks/useSchemaForm';
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
  const { form, submit, submitting, refusal, restart } = useSchemaForm({
    route: 'POST /api/v1/templates',
    initialValues: { name: envelope.title },
    toBody: ({ name }) => ({ name: name.trim(), envelopeId: envelope.id }),
  });

  // Opened again: named after the envelope once more, nothing refused.
  useEffect(() => {
    if (opened) restart({ name: envelope.title });
  }, [opened]);

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700} fz="lg">{t('saveAsTemplateDialog.title')}</Text>} fullScreen={phone}>
      <form
        onSubmit={submit(async (body) => {
          const template = await api.POST('/api/v1/templates', { body, idempotencyKey: newIdempotencyKey() });
          notifications.show({ color: 'green', title: t('saveAsTemplateDialog.saved'), message: t('saveAsTemplateDialog.savedMessage', { count: template.roles.length }) });
          navigate(`/templates/${template.id}`);
        })}
        noValidate
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('saveAsTemplateDialog.text')}
          </Text>
          <TextInput label={t('saveAsTemplateDialog.name')} required data-autofocus {...form.getInputProps('name')} />
          {refusal !== undefined && <ErrorAlert error={refusal} title={t('saveAsTemplateDialog.notSaved')} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={submitting}>
              {t('saveAsTemplateDialog.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
