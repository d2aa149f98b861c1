import { Button, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api';
import { AuthCard } from '../components/AuthCard';
import { ErrorAlert } from '../components/ErrorAlert';
import { NewPasswordFields, useNewPassword } from '../components/NewPasswordFields';
import type { Role, SessionState } from '../types';
import { useFormSubmit } from '../hooks/useFormSubmit';

/** Opened from an invitation link: says who it is for, then sets the password and signs in. */
export function InvitationPage({ token, onSignedIn }: { token: string; onSignedIn: (state: SessionState) => void }) {
  const [invitation, setInvitation] = useState<{ email: string; role: Role } | null>(null);
  const [unusable, setUnusable] = useState<unknown>();
  const newPassword = useNewPassword();
  const { submitting, error, fieldErrors, run } = useFormSubmit();

  useEffect(() => {
    api.POST('/api/v1/invitation/check', { body: { token }, ignoreUnauthorized: true }).then(setInvitation, setUnusable);
  }, [token]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!newPassword.confirmed()) return;
    void run(async () => {
      onSignedIn(await api.POST('/api/v1/invitation/accept', { body: { token, password: newPassword.password }, ignoreUnauthorized: true }));
    });
  };

  if (unusable !== undefined) {
    return (
      <AuthCard title="This invitation cannot be used" description="Invitation links work once, for 7 days.">
        <Stack>
          <ErrorAlert error={unusable} title="Invitation not valid" />
          <Button component="a" href="/" variant="light">
            Go to sign-in
          </Button>
        </Stack>
      </AuthCard>
    );
  }
  if (!invitation) {
    return (
      <AuthCard title="Accept your invitation" description="Checking the link…">
        <Loader />
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Accept your invitation"
      description={
        <>
          You are invited to Countersign as <b>{invitation.role}</b>. Choose a password to sign in with from now on.
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {error !== undefined && <ErrorAlert error={error} title="The password was not set" />}
          <TextInput label="Email" value={invitation.email} readOnly autoComplete="username" />
          <NewPasswordFields state={newPassword} error={fieldErrors.password} autoFocus />
          <Text size="xs" c="dimmed">
            The link stops working once you have set your password.
          </Text>
          <Button type="submit" loading={submitting} fullWidth mt="xs">
            Set password and sign in
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
