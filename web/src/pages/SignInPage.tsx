import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { AuthCard } from '../components/AuthCard';
import { ErrorAlert } from '../components/ErrorAlert';
import type { SessionState } from '../types';
import { useFormSubmit } from '../hooks/useFormSubmit';

/** Email and password → POST /api/v1/session. A wrong password (401) or a throttled email (429) shows the server's words. */
export function SignInPage({ onSignedIn, notice }: { onSignedIn: (state: SessionState) => void; notice?: string | undefined }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { submitting, error, fieldErrors, run } = useFormSubmit();
  const { t } = useTranslation('auth');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      onSignedIn(await api.POST('/api/v1/session', { body: { email: email.trim(), password }, ignoreUnauthorized: true }));
    });
  };

  return (
    <AuthCard title={t('signIn.title')} description={t('signIn.description')}>
      <form onSubmit={submit} noValidate>
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
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={fieldErrors.email}
          />
          <PasswordInput
            label={t('fields.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={fieldErrors.password}
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
