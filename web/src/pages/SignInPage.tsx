import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { AuthCard } from '../components/AuthCard';
import { ErrorAlert } from '../components/ErrorAlert';
import type { SessionState } from '../types';
import { useSchemaForm } from '../hooks/useSchemaForm';

/** Email and password → POST /api/v1/session. A wrong password (401) or a throttled email (429) shows the server's words. */
export function SignInPage({ onSignedIn, notice }: { onSignedIn: (state: SessionState) => void; notice?: string | undefined }) {
  const { form, submit, submitting, refusal: error } = useSchemaForm({
    route: 'POST /api/v1/session',
    initialValues: { email: '', password: '' },
    toBody: ({ email, password }) => ({ email: email.trim(), password }),
  });
  const { t } = useTranslation('auth');

  return (
    <AuthCard title={t('signIn.title')} description={t('signIn.description')}>
      <form
        onSubmit={submit(async (body) => {
          onSignedIn(await api.POST('/api/v1/session', { body, ignoreUnauthorized: true }));
        })}
        noValidate
      >
        <Stack>
          {notice && !error && (
            <Alert color="blue" variant="light">
              {notice}
            </Alert>
          )}
          {error !== undefined && <ErrorAlert error={error} title={titleFor(error, t)} />}
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="username"
            required
            autoFocus
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('fields.password')}
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={submitting} fullWidth mt="xs">
            {t('signIn.submit')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}

function titleFor(error: unknown, t: TFunction<'auth'>): string {
  if (error instanceof ApiError && error.status === 401) return t('signIn.errors.wrongCredentials');
  if (error instanceof ApiError && error.status === 429) return t('signIn.errors.tooManyAttempts');
  return t('signIn.errors.failed');
}
