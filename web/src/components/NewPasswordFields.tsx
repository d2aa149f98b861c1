import { PasswordInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export type NewPassword = ReturnType<typeof useNewPassword>;

/**
 * A new password typed twice. The two are compared here: the server sees only one and cannot know it
 * was mistyped. `confirmed()` is called on submit and flags the fields when they differ.
 */
export function useNewPassword() {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [mismatch, setMismatch] = useState(false);
  return {
    password,
    confirmation,
    mismatch,
    setPassword: (value: string) => {
      setPassword(value);
      setMismatch(false);
    },
    setConfirmation: (value: string) => {
      setConfirmation(value);
      setMismatch(false);
    },
    confirmed: (): boolean => {
      setMismatch(password !== confirmation);
      return password === confirmation;
    },
  };
}

/** The password and its confirmation, for creating an account or accepting an invitation. */
export function NewPasswordFields({ state, error, autoFocus = false }: { state: NewPassword; error?: string; autoFocus?: boolean }) {
  const { t } = useTranslation('auth');
  return (
    <>
      <PasswordInput
        label={t('fields.password')}
        description={t('newPassword.hint')}
        autoComplete="new-password"
        required
        autoFocus={autoFocus}
        value={state.password}
        onChange={(event) => state.setPassword(event.currentTarget.value)}
        error={error}
      />
      <PasswordInput
        label={t('newPassword.confirm')}
        autoComplete="new-password"
        required
        value={state.confirmation}
        onChange={(event) => state.setConfirmation(event.currentTarget.value)}
        error={state.mismatch ? t('newPassword.mismatch') : undefined}
      />
    </>
  );
}
