import { Button, Group, Modal, PasswordInput, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { usePhone } from '../hooks/usePhone';
import { useSchemaForm } from '../hooks/useSchemaForm';
import type { Connection, ProviderEntry } from '../types';
import { environmentLabel } from './AddConnectionModal';
import { baseUrlOf, connectionFieldOf, CUSTOM, storedCredentials, type ConnectionFormValues } from './connectionForm';
import { ErrorAlert } from './ErrorAlert';

/** A connection as its change form opens: as stored, secrets left empty. */
function storedValues(connection: Connection | null, provider: ProviderEntry | undefined): ConnectionFormValues {
  if (!connection) return { name: '', environment: '', customUrl: '', credentials: {} };
  return {
    name: connection.name,
    environment: connection.environment,
    customUrl: connection.environment === CUSTOM ? connection.baseUrl : '',
    credentials: storedCredentials(provider, connection.settings),
  };
}

/** Whether the values name another API URL than the connection's: its secrets must then be typed again. */
function urlChangedFrom(connection: Connection, values: ConnectionFormValues): boolean {
  return values.environment !== connection.environment || (values.environment === CUSTOM && values.customUrl.trim() !== connection.baseUrl);
}

/**
 * Only what changed, as PATCH takes it: a secret typed is sent, one left empty is kept; the other
 * fields are sent when they differ from the connection's.
 */
function changesOf(connection: Connection, provider: ProviderEntry | undefined, values: ConnectionFormValues): Record<string, string> {
  const body: Record<string, string> = {};
  if (values.name.trim() !== connection.name) body.name = values.name.trim();
  if (urlChangedFrom(connection, values)) body.baseUrl = baseUrlOf(values);
  for (const field of provider?.credentials ?? []) {
    const value = (values.credentials[field.name] ?? '').trim();
    if (field.secret ? value !== '' : value !== (connection.settings[field.name] ?? '')) body[field.name] = value;
  }
  return body;
}

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
  const { form, submit, submitting, refusal, restart } = useSchemaForm({
    route: 'PATCH /api/v1/connections/{connectionId}',
    initialValues: storedValues(connection, provider),
    // Closed, there is nothing to check: the form is not shown.
    toBody: (values) => (connection ? changesOf(connection, provider, values) : {}),
    fieldOf: connectionFieldOf,
  });

  // Filled once per opening, from the connection as it was then; emptied when closed, so that a typed
  // secret is not kept. (restart is left out: a new function at each render.)
  useEffect(() => {
    restart(storedValues(connection, provider));
  }, [connection]);

  if (!connection) return <Modal opened={false} onClose={onClose} />;

  const values = form.values;
  const urlChanged = urlChangedFrom(connection, values);
  const fields = provider?.credentials ?? [];

  // Nothing changed: nothing to send (the server refuses an empty change), and the form closes as saved.
  const save = submit(
    async (body) => {
      onSaved(await api.PATCH('/api/v1/connections/{connectionId}', { params: { path: { connectionId: connection.id } }, body: body as { name?: string } }));
    },
    () => onSaved(connection),
  );

  return (
    <Modal opened onClose={onClose} title={<Text fw={700} fz="lg">{t('connectionForm.editTitle')}</Text>} size="lg" fullScreen={phone} closeOnClickOutside={false}>
      <form onSubmit={save} noValidate>
        <Stack gap="md">
          <TextInput label={t('connectionForm.name')} required {...form.getInputProps('name')} data-autofocus />
          {provider && (
            <Radio.Group
              label={t('connectionForm.apiUrl')}
              description={t('connectionForm.apiUrlHint', { provider: provider.name })}
              required
              {...form.getInputProps('environment')}
              // The URL's error belongs to the typed URL; while a named environment is chosen, the choice shows it.
              error={values.environment !== CUSTOM ? form.errors.customUrl : undefined}
            >
              <Stack gap="xs" mt="xs">
                {Object.entries(provider.environments).map(([key, url]) => (
                  <Radio key={key} value={key} label={environmentLabel(key, t)} description={key === 'sandbox' ? t('connectionForm.sandboxHintShort') : url} />
                ))}
                <Radio value={CUSTOM} label={environmentLabel(CUSTOM, t)} description={t('connectionForm.customHint', { example: provider.urlExample })} />
              </Stack>
            </Radio.Group>
          )}
          {values.environment === CUSTOM && (
            <TextInput label={t('connectionForm.customUrl')} placeholder={provider?.urlExample} required {...form.getInputProps('customUrl')} />
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
                {...form.getInputProps(`credentials.${field.name}`)}
                value={values.credentials[field.name] ?? ''}
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
          {refusal !== undefined && <ErrorAlert error={refusal} title={t('connectionForm.notChanged')} />}
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
