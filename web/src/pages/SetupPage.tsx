import { Button, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { AuthCard } from '../components/AuthCard';
import { ErrorAlert } from '../components/ErrorAlert';
import { NewPasswordFields, passwordsMatch } from '../components/NewPasswordFields';
import type { SessionState } from '../types';
import { useSchemaForm } from '../hooks/useSchemaForm';

/** A fresh install without COUNTERSIGN_ADMIN_*: the first visitor creates the owner account (POST /api/v1/setup). */
export function SetupPage({ codeRequired, onSignedIn }: { codeRequired: boolean; onSignedIn: (state: SessionState) => void }) {
  const { form, submit, submitting, refusal: error } = useSchemaForm({
    route: 'POST /api/v1/setup',
    initialValues: { email: '', password: '', confirmation: '', setupCode: '' },
    toBody: ({ email, password, setupCode }) => ({ email: email.trim(), password, ...(codeRequired ? { setupCode: setupCode.trim() } : {}) }),
    check: passwordsMatch,
  });
  const { t } = useTranslation('auth');

  return (
    <AuthCard
      title={t('setup.title')}
      description={t('setup.description')}
    >
      <form
        onSubmit={submit(async (body) => {
          onSignedIn(await api.POST('/api/v1/setup', { body, ignoreUnauthorized: true }));
        })}
        noValidate
      >
        <Stack>
          {error !== undefined && <ErrorAlert error={error} title={t('setup.notCreated')} />}
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="username"
            required
            autoFocus
            {...form.getInputProps('email')}
          />
          <NewPasswordFields form={form} />
          {codeRequired && (
            <TextInput
              label={t('setup.setupCode')}
              description={t('setup.setupCodeHint')}
              autoComplete="off"
              required
              {...form.getInputProps('setupCode')}
            />
          )}
          <Button type="submit" loading={submitting} fullWidth mt="xs">
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
