import { Button, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { AuthCard } from '../components/AuthCard';
import { ErrorAlert } from '../components/ErrorAlert';
import { NewPasswordFields, useNewPassword } from '../components/NewPasswordFields';
import type { SessionState } from '../types';
import { useFormSubmit } from '../hooks/useFormSubmit';

/** A fresh install without COUNTERSIGN_ADMIN_*: the first visitor creates the owner account (POST /api/v1/setup). */
export function SetupPage({ codeRequired, onSignedIn }: { codeRequired: boolean; onSignedIn: (state: SessionState) => void }) {
  const [email, setEmail] = useState('');
  const [setupCode, setSetupCode] = useState('');
  const newPassword = useNewPassword();
  const { submitting, error, fieldErrors, run } = useFormSubmit();
  const { t } = useTranslation('auth');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!newPassword.confirmed()) return;
    void run(async () => {
      onSignedIn(
        await api.POST('/api/v1/setup', {
          body: { email: email.trim(), password: newPassword.password, ...(codeRequired ? { setupCode: setupCode.trim() } : {}) },
          ignoreUnauthorized: true,
        }),
      );
    });
  };

  return (
    <AuthCard
      title={t('setup.title')}
      description={t('setup.description')}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {error !== undefined && <ErrorAlert error={error} title={t('setup.notCreated')} />}
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
          <NewPasswordFields state={newPassword} error={fieldErrors.password} />
          {codeRequired && (
            <TextInput
              label={t('setup.setupCode')}
              description={t('setup.setupCodeHint')}
              autoComplete="off"
              required
              value={setupCode}
              onChange={(event) => setSetupCode(event.currentTarget.value)}
              error={fieldErrors.setupCode}
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
