import { PasswordInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FormErrors, InputProps } from '../hooks/useSchemaForm';
import { i18n } from '../i18n';

/** A new password typed twice, as a form keeps it. */
export interface NewPasswordValues {
  password: string;
  confirmation: string;
}

/**
 * The form's own rule for a new password: the two must match. The server sees only one and cannot
 * know it was mistyped, so this is checked here, beside the server's rules.
 */
export function passwordsMatch({ password, confirmation }: NewPasswordValues): FormErrors {
  return password === confirmation ? {} : { confirmation: i18n.t('auth:newPassword.mismatch') };
}

/** The password and its confirmation, for creating an account or accepting an invitation. */
export function NewPasswordFields({
  form,
  autoFocus = false,
}: {
  form: { getInputProps: (path: keyof NewPasswordValues) => InputProps };
  autoFocus?: boolean;
}) {
  const { t } = useTranslation('auth');
  return (
    <>
      <PasswordInput
        label={t('fields.password')}
        description={t('newPassword.hint')}
        autoComplete="new-password"
        required
        autoFocus={autoFocus}
        {...form.getInputProps('password')}
      />
      <PasswordInput label={t('newPassword.confirm')} autoComplete="new-password" required {...form.getInputProps('confirmation')} />
    </>
  );
}
