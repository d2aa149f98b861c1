import { Button, Checkbox, Group, Modal, PasswordInput, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, newIdempotencyKey } from '../api';
import { usePhone } from '../hooks/usePhone';
import type { Connection, ProviderEntry } from '../types';
import { ErrorAlert } from './ErrorAlert';
import { UNMOUNTED_WHEN_CLOSED } from './selectProps';

const NAMED_ENVIRONMENTS = ['production', 'test', 'sandbox', 'custom'] as const;

/** An environment in words (Production, Test, Built-in sandbox, Custom URL); one the server adds later shows as itself. */
export function environmentLabel(environment: string, t: TFunction<'settings'>): string {
  return (NAMED_ENVIRONMENTS as readonly string[]).includes(environment) ? t(`environments.${environment as (typeof NAMED_ENVIRONMENTS)[number]}`) : environment;
}

const CUSTOM = 'custom';

/**
 * The guide's connector setup: API URL (Production, Test, the built-in sandbox or a URL of one's
 * own), the API client's credentials → *Save settings*. The credential fields come from the
 * provider catalog (GET /api/v1/providers), so their labels match the provider's own words.
 */
export function AddConnectionModal({
  opened,
  providers,
  hasDefault,
  onClose,
  onCreated,
}: {
  opened: boolean;
  providers: ProviderEntry[];
  hasDefault: boolean;
  onClose: () => void;
  onCreated: (connection: Connection) => void;
}) {
  const phone = usePhone();
  const { t } = useTranslation(['settings', 'common']);
  const [providerId, setProviderId] = useState('');
  const [name, setName] = useState('');
  const [environment, setEnvironment] = useState('test');
  const [customUrl, setCustomUrl] = useState('');
  const [credentials, setCredentials] = useState<Record<string, string>>({});
  const [makeDefault, setMakeDefault] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();

  const provider = providers.find((candidate) => candidate.id === providerId) ?? providers[0];

  useEffect(() => {
    if (!opened) return;
    const first = providers[0];
    setProviderId(first?.id ?? '');
    setName(first?.name ?? '');
    setEnvironment(first && 'test' in first.environments ? 'test' : (Object.keys(first?.environments ?? {})[0] ?? CUSTOM));
    setCustomUrl('');
    setCredentials({});
    setMakeDefault(!hasDefault);
    setIdempotencyKey(newIdempotencyKey());
    setError(undefined);
    setSaving(false);
  }, [opened, providers, hasDefault]);

  const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!provider) return;
    setSaving(true);
    setError(undefined);
    try {
      const trimmed = Object.fromEntries(
        provider.credentials.map((field) => [field.name, (credentials[field.name] ?? '').trim()]).filter(([, value], index) => value !== '' || provider.credentials[index]!.required),
      );
      const connection = await api.POST('/api/v1/connections', {
        body: {
          provider: provider.id,
          name: name.trim(),
          // A named environment is sent by name; the server resolves it (and the sandbox's address).
          baseUrl: environment === CUSTOM ? customUrl.trim() : environment,
          ...trimmed,
          makeDefault,
        },
        idempotencyKey,
      });
      onCreated(connection);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700} fz="lg">{t('connectionForm.addTitle')}</Text>} size="lg" fullScreen={phone} closeOnClickOutside={false}>
      {provider && (
        <form onSubmit={(event) => void save(event)} noValidate>
          <Stack gap="md">
            {providers.length > 1 && (
              <Select
                label={t('connectionForm.provider')}
                data={providers.map((entry) => ({ value: entry.id, label: entry.name }))}
                value={provider.id}
                allowDeselect={false}
                comboboxProps={UNMOUNTED_WHEN_CLOSED}
                onChange={(value) => {
                  const next = providers.find((entry) => entry.id === value);
                  if (next) {
                    setProviderId(next.id);
                    setName(next.name);
                  }
                }}
                error={fieldErrors.provider}
              />
            )}
            <TextInput
              label={t('connectionForm.name')}
              description={t('connectionForm.nameHint')}
              required
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              error={fieldErrors.name}
            />
            <Radio.Group
              label={t('connectionForm.apiUrl')}
              description={t('connectionForm.apiUrlHint', { provider: provider.name })}
              required
              value={environment}
              onChange={setEnvironment}
              error={environment !== CUSTOM ? fieldErrors.baseUrl : undefined}
            >
              <Stack gap="xs" mt="xs">
                {Object.entries(provider.environments).map(([key, url]) => (
                  <Radio
                    key={key}
                    value={key}
                    label={environmentLabel(key, t)}
                    description={key === 'sandbox' ? t('connectionForm.sandboxHint') : url}
                  />
                ))}
                <Radio value={CUSTOM} label={environmentLabel(CUSTOM, t)} description={t('connectionForm.customHint', { example: provider.urlExample })} />
              </Stack>
            </Radio.Group>
            {environment === CUSTOM && (
              <TextInput
                label={t('connectionForm.customUrl')}
                placeholder={provider.urlExample}
                required
                value={customUrl}
                onChange={(event) => setCustomUrl(event.currentTarget.value)}
                error={fieldErrors.baseUrl}
              />
            )}
            {provider.credentials.map((field) => {
              const Input = field.secret ? PasswordInput : TextInput;
              return (
                <Input
                  key={field.name}
                  label={field.label}
                  // An optional credential (Autenti's JWT audience) may stay empty: the server then uses its default.
                  required={field.required}
                  type={field.format === 'email' ? 'email' : undefined}
                  autoComplete="off"
                  value={credentials[field.name] ?? ''}
                  onChange={(event) => {
                    const value = event.currentTarget.value;
                    setCredentials((current) => ({ ...current, [field.name]: value }));
                  }}
                  error={fieldErrors[field.name]}
                  description={field.secret ? t('connectionForm.secretStored') : undefined}
                />
              );
            })}
            <Checkbox label={t('connectionForm.makeDefault')} checked={makeDefault} onChange={(event) => setMakeDefault(event.currentTarget.checked)} />
            {error !== undefined && <ErrorAlert error={error} title={t('connectionForm.notSaved')} />}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose}>
                {t('common:actions.cancel')}
              </Button>
              <Button type="submit" loading={saving}>
                {t('connectionForm.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
