import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { AuthCard } from '../components/AuthCard';
import { ErrorAlert } from '../components/ErrorAlert';
import type { SessionState } from '../types';

/** A fresh install without COUNTERSIGN_ADMIN_*: the first visitor creates the owner account (POST /api/v1/setup). */
export function SetupPage({ onSignedIn }: { onSignedIn: (state: SessionState) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();
  const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Checked here: the server only sees one password and cannot know it was mistyped.
    if (password !== confirmation) {
      setMismatch(true);
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      onSignedIn(await api.post<SessionState>('/api/v1/setup', { email: email.trim(), password }, { ignoreUnauthorized: true }));
    } catch (caught) {
      setError(caught);
      setSubmitting(false);
    }
  };

  return (
    <AuthCard
      title="Create the owner account"
      description="This Countersign has no account yet. The account you create now owns it: use it to sign in from now on."
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          {error !== undefined && <ErrorAlert error={error} title="The account was not created" />}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={fieldErrors.email}
          />
          <PasswordInput
            label="Password"
            description="At least 10 characters; a few unrelated words are easy to remember."
            autoComplete="new-password"
            required
            value={password}
            onChange={(event) => {
              setPassword(event.currentTarget.value);
              setMismatch(false);
            }}
            error={fieldErrors.password}
          />
          <PasswordInput
            label="Confirm password"
            autoComplete="new-password"
            required
            value={confirmation}
            onChange={(event) => {
              setConfirmation(event.currentTarget.value);
              setMismatch(false);
            }}
            error={mismatch ? 'The two passwords differ' : undefined}
          />
          <Button type="submit" loading={submitting} fullWidth mt="xs">
            Create account
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
