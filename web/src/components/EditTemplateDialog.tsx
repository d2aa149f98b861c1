import { Button, Fieldset, Group, Modal, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useFormSubmit } from '../hooks/useFormSubmit';
import { usePhone } from '../hooks/usePhone';
import type { Template } from '../types';
import { ErrorAlert } from './ErrorAlert';

/**
 * Rename a template and change what its envelopes get: their title and expiry, and each role's label
 * and key (the key names its CSV columns, `tenant.email`). Sent whole with the roles as they are
 * otherwise (PATCH /api/v1/templates/{id}); the server's refusal marks each field by its path.
 */
export function EditTemplateDialog({ template, opened, onClose, onSaved }: { template: Template; opened: boolean; onClose: () => void; onSaved: (template: Template) => void }) {
  const phone = usePhone();
  const { t } = useTranslation(['templates', 'common']);
  const form = useFormSubmit();
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [expiryDays, setExpiryDays] = useState<number | string>('');
  const [roles, setRoles] = useState<Array<{ label: string; key: string }>>([]);

  useEffect(() => {
    if (!opened) return;
    setName(template.name);
    setTitle(template.title);
    setExpiryDays(template.expiryDays ?? '');
    setRoles(template.roles.map(({ label, key }) => ({ label, key })));
    form.reset();
  }, [opened]);

  const changeRole = (index: number, change: Partial<{ label: string; key: string }>) => setRoles((current) => current.map((role, at) => (at === index ? { ...role, ...change } : role)));

  const save = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const body = {
        name: name.trim(),
        title: title.trim(),
        expiryDays: typeof expiryDays === 'number' ? expiryDays : null,
        roles: template.roles.map((role, index) => ({ ...role, label: roles[index]!.label.trim(), key: roles[index]!.key.trim() })),
      };
      onSaved(await api.PATCH('/api/v1/templates/{templateId}', { params: { path: { templateId: template.id } }, body }));
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700} fz="lg">{t('editTemplateDialog.title')}</Text>} size="lg" fullScreen={phone} closeOnClickOutside={false}>
      <form onSubmit={save} noValidate>
        <Stack gap="md">
          <TextInput label={t('editTemplateDialog.name')} required value={name} onChange={(event) => setName(event.currentTarget.value)} error={form.fieldErrors.name} data-autofocus />
          <TextInput label={t('editTemplateDialog.envelopeTitle')} required value={title} onChange={(event) => setTitle(event.currentTarget.value)} error={form.fieldErrors.title} />
          <NumberInput
            label={t('editTemplateDialog.expiry')}
            description={t('editTemplateDialog.expiryDescription')}
            min={1}
            max={3650}
            value={expiryDays}
            onChange={setExpiryDays}
            error={form.fieldErrors.expiryDays}
          />
          {roles.map((role, index) => (
            <Fieldset key={template.roles[index]!.key} legend={template.roles[index]!.label}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput
                  label={t('editTemplateDialog.roleLabel', { role: template.roles[index]!.label })}
                  required
                  value={role.label}
                  onChange={(event) => changeRole(index, { label: event.currentTarget.value })}
                  error={form.fieldErrors[`roles[${index}].label`]}
                />
                <TextInput
                  label={t('editTemplateDialog.roleKey', { role: template.roles[index]!.label })}
                  description={t('editTemplateDialog.roleKeyDescription')}
                  required
                  value={role.key}
                  onChange={(event) => changeRole(index, { key: event.currentTarget.value })}
                  error={form.fieldErrors[`roles[${index}].key`]}
                />
              </SimpleGrid>
            </Fieldset>
          ))}
          {form.error !== undefined && <ErrorAlert error={form.error} title={t('editTemplateDialog.notChanged')} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
