import { Button, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { api } from '../api';
import { AuthCard } from '../components/AuthCard';
import { ErrorAlert } from '../components/ErrorAlert';
import { NewPasswordFields, passwordsMatch } from '../components/NewPasswordFields';
import type { Role, SessionState } from '../types';
import { useSchemaForm } from '../hooks/useSchemaForm';

/** Opened from an invitation link: says who it is for, then sets the password and signs in. */
export function InvitationPage({ token, onSignedIn }: { token: string; onSignedIn: (state: SessionState) => void }) {
  const [invitation, setInvitation] = useState<{ email: string; role: Role } | null>(null);
  const [unusable, setUnusable] = useState<unknown>();
  const { form, submit, submitting, refusal: error } = useSchemaForm({
    route: 'POST /api/v1/invitation/accept',
    initialValues: { password: '', confirmation: '' },
    toBody: ({ password }) => ({ token, password }),
    check: passwordsMatch,
  });
  const { t } = useTranslation('auth');

  useEffect(() => {
    api.POST('/api/v1/invitation/check', { body: { token }, ignoreUnauthorized: true }).then(setInvitation, setUnusable);
  }, [token]);

  if (unusable !== undefined) {
    return (
      <AuthCard title={t('invitation.unusableTitle')} description={t('invitation.unusableDescription')}>
        <Stack>
          <ErrorAlert error={unusable} title={t('invitation.notValid')} />
          <Button component="a" href="/" variant="light">
            {t('invitation.goToSignIn')}
          </Button>
        </Stack>
      </AuthCard>
    );
  }
  if (!invitation) {
    return (
      <AuthCard title={t('invitation.title')} description={t('invitation.checking')}>
        <Loader />
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title={t('invitation.title')}
      description={<Trans t={t} i18nKey="invitation.invitedAs" values={{ role: invitation.role }} components={{ b: <b /> }} />}
    >
      <form
        onSubmit={submit(async (body) => {
          onSignedIn(await api.POST('/api/v1/invitation/accept', { body, ignoreUnauthorized: true }));
        })}
        noValidate
      >
        <Stack>
          {error !== undefined && <ErrorAlert error={error} title={t('invitation.passwordNotSet')} />}
          <TextInput label={t('fields.email')} value={invitation.email} readOnly autoComplete="username" />
          <NewPasswordFields form={form} autoFocus />
          <Text size="xs" c="dimmed">
            {t('invitation.linkStops')}
          </Text>
          <Button type="submit" loading={submitting} fullWidth mt="xs">
            {t('invitation.submit')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
