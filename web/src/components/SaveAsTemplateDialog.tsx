import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
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
      notifications.show({ color: 'green', title: 'Template saved', message: `${template.roles.length} role${template.roles.length === 1 ? '' : 's'} to fill, no people kept.` });
      navigate(`/templates/${template.id}`);
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700} fz="lg">Save as template</Text>} fullScreen={phone}>
      <form onSubmit={save} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            The template keeps this envelope’s documents, message, expiry, and each participant as a role to fill — their step, identity check and signature
            fields — but not the people themselves.
          </Text>
          <TextInput label="Template name" required value={name} onChange={(event) => setName(event.currentTarget.value)} error={form.fieldErrors.name} data-autofocus />
          {form.error !== undefined && <ErrorAlert error={form.error} title="The template was not saved" />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Save template
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
