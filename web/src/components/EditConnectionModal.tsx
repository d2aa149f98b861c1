import { Button, Group, Modal, PasswordInput, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useFormSubmit } from '../hooks/useFormSubmit';
import { usePhone } from '../hooks/usePhone';
import type { Connection, ProviderEntry } from '../types';
import { environmentLabel } from './AddConnectionModal';
import { ErrorAlert } from './ErrorAlert';

const CUSTOM = 'custom';

/**
 * Changes a connection: its name, API URL and credentials (PATCH /api/v1/connections/{id}, only what
 * changed). Secrets are never shown: left empty they stay as stored, except that a new API URL needs
 * them typed again — the server never sends a stored secret to a new destination, and says so (422).
 */
export function EditConnectionModal({
  connection,
  provider,
  onClose,
  onSaved,
}: {
  /** null: closed. */
  connection: Connection | null;
  provider: ProviderEntry | undefined;
  onClose: () => void;
  onSaved: (connection: Connection) => void;
}) {
  const phone = usePhone();
  const { t } = useTranslation(['settings', 'common']);
  const form = useFormSubmit();
  const [name, setName] = useState('');
  const [environment, setEnvironment] = useState('');
  const [customUrl, setCustomUrl] = useState('');
  const [credentials, setCredentials] = useState<Record<string, string>>({});

  useEffect(() => {
    if (!connection) return;
    setName(connection.name);
    setEnvironment(connection.environment);
    setCustomUrl(connection.environment === CUSTOM ? connection.baseUrl : '');
    setCredentials({ ...connection.settings });
    form.reset();
    // Filled once per opening, from the connection as it was then.
  }, [connection]);

  if (!connection) return <Modal opened={false} onClose={onClose} />;

  const urlChanged = environment !== connection.environment || (environment === CUSTOM && customUrl.trim() !== connection.baseUrl);
  const fields = provider?.credentials ?? [];

  const save = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const body: Record<string, string> = {};
      if (name.trim() !== connection.name) body.name = name.trim();
      if (urlChanged) body.baseUrl = environment === CUSTOM ? customUrl.trim() : environment;
      for (const field of fields) {
        const value = (credentials[field.name] ?? '').trim();
        // A secret typed is sent; one left empty is kept. Other fields are sent when they changed.
        if (field.secret ? value !== '' : value !== (connection.settings[field.name] ?? '')) body[field.name] = value;
      }
      onSaved(
        Object.keys(body).length === 0
          ? connection
          : await api.PATCH('/api/v1/connections/{connectionId}', { params: { path: { connectionId: connection.id } }, body: body as { name?: string } }),
      );
    });
  };

  return (
    <Modal opened onClose={onClose} title={<Text fw={700} fz="lg">{t('connectionForm.editTitle')}</Text>} size="lg" fullScreen={phone} closeOnClickOutside={false}>
      <form onSubmit={save} noValidate>
        <Stack gap="md">
          <TextInput label={t('connectionForm.name')} required value={name} onChange={(event) => setName(event.currentTarget.value)} error={form.fieldErrors.name} data-autofocus />
          {provider && (
            <Radio.Group
              label={t('connectionForm.apiUrl')}
              description={t('connectionForm.apiUrlHint', { provider: provider.name })}
              required
              value={environment}
              onChange={setEnvironment}
              error={environment !== CUSTOM ? form.fieldErrors.baseUrl : undefined}
            >
              <Stack gap="xs" mt="xs">
                {Object.entries(provider.environments).map(([key, url]) => (
                  <Radio key={key} value={key} label={environmentLabel(key, t)} description={key === 'sandbox' ? t('connectionForm.sandboxHintShort') : url} />
                ))}
                <Radio value={CUSTOM} label={environmentLabel(CUSTOM, t)} description={t('connectionForm.customHint', { example: provider.urlExample })} />
              </Stack>
            </Radio.Group>
          )}
          {environment === CUSTOM && (
            <TextInput
              label={t('connectionForm.customUrl')}
              placeholder={provider?.urlExample}
              required
              value={customUrl}
              onChange={(event) => setCustomUrl(event.currentTarget.value)}
              error={form.fieldErrors.baseUrl}
            />
          )}
          {fields.map((field) => {
            const Input = field.secret ? PasswordInput : TextInput;
            return (
              <Input
                key={field.name}
                label={field.label}
                required={field.secret ? urlChanged : field.required}
                type={field.format === 'email' ? 'email' : undefined}
                autoComplete="off"
                value={credentials[field.name] ?? ''}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setCredentials((current) => ({ ...current, [field.name]: value }));
                }}
                error={form.fieldErrors[field.name]}
                description={
                  field.secret
                    ? urlChanged
                      ? t('connectionForm.secretRetype')
                      : t('connectionForm.secretKept')
                    : undefined
                }
              />
            );
          })}
          <Text size="sm" c="dimmed">
            {t('connectionForm.needsVerify')}
          </Text>
          {form.error !== undefined && <ErrorAlert error={form.error} title={t('connectionForm.notChanged')} />}
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
