import { Button, Checkbox, Group, Modal, PasswordInput, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api';
import { usePhone } from '../hooks/usePhone';
import { useSchemaForm } from '../hooks/useSchemaForm';
import type { Connection, ProviderEntry } from '../types';
import { baseUrlOf, connectionFieldOf, CUSTOM, type ConnectionFormValues } from './connectionForm';
import { ErrorAlert } from './ErrorAlert';
import { UNMOUNTED_WHEN_CLOSED } from './selectProps';

const NAMED_ENVIRONMENTS = ['production', 'test', 'sandbox', 'custom'] as const;

/** An environment in words (Production, Test, Built-in sandbox, Custom URL); one the server adds later shows as itself. */
export function environmentLabel(environment: string, t: TFunction<'settings'>): string {
  return (NAMED_ENVIRONMENTS as readonly string[]).includes(environment) ? t(`environments.${environment as (typeof NAMED_ENVIRONMENTS)[number]}`) : environment;
}

/** POST /api/v1/connections' body: one shape per provider, each with its own credentials. */
type NewConnectionBody = NonNullable<Parameters<typeof api.POST<'/api/v1/connections'>>[1]>['body'];

interface NewConnectionValues extends ConnectionFormValues {
  providerId: string;
  makeDefault: boolean;
}

/** A new connection's form as it opens: the first provider, named after it, on its test environment when it has one. */
function newConnectionValues(providers: ProviderEntry[], hasDefault: boolean): NewConnectionValues {
  const first = providers[0];
  return {
    providerId: first?.id ?? '',
    name: first?.name ?? '',
    environment: first && 'test' in first.environments ? 'test' : (Object.keys(first?.environments ?? {})[0] ?? CUSTOM),
    customUrl: '',
    credentials: {},
    makeDefault: !hasDefault,
  };
}

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
  const [idempotencyKey, setIdempotencyKey] = useState('');
  const providerOf = (values: NewConnectionValues) => providers.find((candidate) => candidate.id === values.providerId) ?? providers[0];
  const { form, submit, submitting, refusal, restart } = useSchemaForm({
    route: 'POST /api/v1/connections',
    initialValues: newConnectionValues(providers, hasDefault),
    toBody: (values) => {
      const chosen = providerOf(values);
      // An optional credential (Autenti's JWT audience) left empty is left out: the server then uses its default.
      const credentials: Record<string, string> = Object.fromEntries(
        (chosen?.credentials ?? [])
          .map((field) => ({ field, value: (values.credentials[field.name] ?? '').trim() }))
          .filter(({ field, value }) => value !== '' || field.required)
          .map(({ field, value }) => [field.name, value]),
      );
      // Which provider's shape this is is known when the form runs, not when it compiles: the route's schema checks it.
      return { provider: chosen?.id ?? '', name: values.name.trim(), baseUrl: baseUrlOf(values), ...credentials, makeDefault: values.makeDefault } as NewConnectionBody;
    },
    fieldOf: connectionFieldOf,
  });

  // Each opening starts from the first provider, with nothing typed, and is one creation for the server however often it is retried.
  useEffect(() => {
    if (!opened) return;
    restart(newConnectionValues(providers, hasDefault));
    setIdempotencyKey(newIdempotencyKey());
    // restart is left out: a new function at each render, and only an opening starts again.
  }, [opened, providers, hasDefault]);

  const values = form.values;
  const provider = providerOf(values);

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={<Text fw={700} fz="lg">{t('connectionForm.addTitle')}</Text>}
      size="lg"
      fullScreen={phone}
      closeOnClickOutside={false}
      // A typed secret is not kept once the dialog is gone (saved or not); forgotten after it fades, so nothing blanks while it does.
      onExitTransitionEnd={() => restart(newConnectionValues(providers, hasDefault))}
    >
      {provider && (
        <form
          onSubmit={submit(async (body) => {
            onCreated(await api.POST('/api/v1/connections', { body, idempotencyKey }));
          })}
          noValidate
        >
          <Stack gap="md">
            {providers.length > 1 && (
              <Select
                label={t('connectionForm.provider')}
                data={providers.map((entry) => ({ value: entry.id, label: entry.name }))}
                allowDeselect={false}
                comboboxProps={UNMOUNTED_WHEN_CLOSED}
                {...form.getInputProps('providerId')}
                value={provider.id}
                onChange={(value) => {
                  const next = providers.find((entry) => entry.id === value);
                  if (next) {
                    form.setFieldValue('providerId', next.id);
                    // A new provider's own name, as the form opened with the first one's.
                    form.setFieldValue('name', next.name);
                  }
                }}
              />
            )}
            <TextInput label={t('connectionForm.name')} description={t('connectionForm.nameHint')} required {...form.getInputProps('name')} />
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
            {values.environment === CUSTOM && (
              <TextInput label={t('connectionForm.customUrl')} placeholder={provider.urlExample} required {...form.getInputProps('customUrl')} />
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
                  {...form.getInputProps(`credentials.${field.name}`)}
                  value={values.credentials[field.name] ?? ''}
                  description={field.secret ? t('connectionForm.secretStored') : undefined}
                />
              );
            })}
            <Checkbox label={t('connectionForm.makeDefault')} {...form.getInputProps('makeDefault', { type: 'checkbox' })} />
            {refusal !== undefined && <ErrorAlert error={refusal} title={t('connectionForm.notSaved')} />}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose}>
                {t('common:actions.cancel')}
              </Button>
              <Button type="submit" loading={submitting}>
                {t('connectionForm.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
