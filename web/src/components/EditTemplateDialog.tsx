import { Button, Fieldset, Group, Modal, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { usePhone } from '../hooks/usePhone';
import { useSchemaForm } from '../hooks/useSchemaForm';
import type { Template } from '../types';
import { ErrorAlert } from './ErrorAlert';

/** What the dialog changes, as typed: an expiry left empty is `''` (none). */
type TemplateDetails = {
  name: string;
  title: string;
  expiryDays: number | string;
  roles: Array<{ label: string; key: string }>;
};

function detailsOf(template: Template): TemplateDetails {
  return { name: template.name, title: template.title, expiryDays: template.expiryDays ?? '', roles: template.roles.map(({ label, key }) => ({ label, key })) };
}

/**
 * Rename a template and change what its envelopes get: their title and expiry, and each role's label
 * and key (the key names its CSV columns, `tenant.email`). Sent whole with the roles as they are
 * otherwise (PATCH /api/v1/templates/{id}); the server's rules mark each field by its path
 * (`roles.0.key`) when it loses the focus, before anything is sent.
 */
export function EditTemplateDialog({ template, opened, onClose, onSaved }: { template: Template; opened: boolean; onClose: () => void; onSaved: (template: Template) => void }) {
  const phone = usePhone();
  const { t } = useTranslation(['templates', 'common']);
  const { form, submit, submitting, refusal, restart } = useSchemaForm({
    route: 'PATCH /api/v1/templates/{templateId}',
    initialValues: detailsOf(template),
    toBody: ({ name, title, expiryDays, roles }: TemplateDetails) => ({
      name: name.trim(),
      title: title.trim(),
      expiryDays: typeof expiryDays === 'number' ? expiryDays : null,
      // The roles are replaced whole: each keeps all it has, with its label and key as typed.
      roles: template.roles.map((role, index) => {
        const typed = roles[index] ?? role;
        return { ...role, label: typed.label.trim(), key: typed.key.trim() };
      }),
    }),
  });

  // Opened again: the template as it is now, nothing typed or refused kept.
  useEffect(() => {
    if (opened) restart(detailsOf(template));
  }, [opened]);

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700} fz="lg">{t('editTemplateDialog.title')}</Text>} size="lg" fullScreen={phone} closeOnClickOutside={false}>
      <form
        onSubmit={submit(async (body) => {
          onSaved(await api.PATCH('/api/v1/templates/{templateId}', { params: { path: { templateId: template.id } }, body }));
        })}
        noValidate
      >
        <Stack gap="md">
          <TextInput label={t('editTemplateDialog.name')} required data-autofocus {...form.getInputProps('name')} />
          <TextInput label={t('editTemplateDialog.envelopeTitle')} required {...form.getInputProps('title')} />
          <NumberInput
            label={t('editTemplateDialog.expiry')}
            description={t('editTemplateDialog.expiryDescription')}
            min={1}
            max={3650}
            {...form.getInputProps('expiryDays')}
          />
          {template.roles.map((role, index) => (
            <Fieldset key={role.key} legend={role.label}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput label={t('editTemplateDialog.roleLabel', { role: role.label })} required {...form.getInputProps(`roles.${index}.label`)} />
                <TextInput
                  label={t('editTemplateDialog.roleKey', { role: role.label })}
                  description={t('editTemplateDialog.roleKeyDescription')}
                  required
                  {...form.getInputProps(`roles.${index}.key`)}
                />
              </SimpleGrid>
            </Fieldset>
          ))}
          {refusal !== undefined && <ErrorAlert error={refusal} title={t('editTemplateDialog.notChanged')} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={submitting}>
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
