import { Textarea } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { useSchemaForm } from '../hooks/useSchemaForm';
import { ConfirmActionDialog } from './ConfirmActionDialog';

/**
 * Asks before withdrawing: the provider cancels the signing for everyone, and it cannot be undone.
 * Where the provider's only cancellation is deleting (`capabilities.withdrawDeletes`), it says so.
 * The reason is checked with the withdrawal's rules when it loses the focus; the confirmation is the
 * caller's request (ConfirmActionDialog's), whose client refuses a reason the server would before
 * sending, and that refusal is shown under the reason too.
 */
export function WithdrawDialog({
  opened,
  deletesAt,
  title,
  text,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  /** Several at once (the list's bulk withdrawal): one question, one reason for all. */
  title?: string;
  text?: string;
  /** The provider's name when withdrawing deletes the envelope there (ConsignO Cloud). */
  deletesAt?: string;
  onClose: () => void;
  onConfirm: (reason: string | null) => Promise<void>;
}) {
  const { t } = useTranslation('envelope');
  const { form, restart } = useSchemaForm({
    route: 'POST /api/v1/envelopes/{envelopeId}/withdraw',
    initialValues: { reason: '' },
    toBody: ({ reason }) => ({ reason: reasonOf(reason) }),
  });
  // Opened again: a new question, no reason from the last one.
  useEffect(() => {
    if (opened) restart({ reason: '' });
  }, [opened]);

  return (
    <ConfirmActionDialog
      opened={opened}
      title={title ?? t('withdraw.title')}
      text={text ?? (deletesAt ? withdrawDeletesText(deletesAt, t) : t('withdraw.text'))}
      confirmLabel={deletesAt ? t('withdraw.deleteAt', { provider: deletesAt }) : t('withdraw.confirm')}
      failureTitle={t('withdraw.failure')}
      onClose={onClose}
      onConfirm={() => onConfirm(reasonOf(form.getValues().reason))}
    >
      {(error) => (
        <Textarea
          label={t('withdraw.reason')}
          description={t('withdraw.reasonDescription')}
          autosize
          minRows={2}
          maxLength={500}
          data-autofocus
          {...form.getInputProps('reason')}
          error={form.errors.reason ?? (error instanceof ApiError ? error.fieldErrors().reason : undefined)}
        />
      )}
    </ConfirmActionDialog>
  );
}

/** A reason of spaces is none. */
function reasonOf(typed: string): string | null {
  return typed.trim() || null;
}

/** The same words as the CLI's (src/cli/withdraw-warning.ts). */
export function withdrawDeletesText(providerName: string, t: TFunction<'envelope'>): string {
  return t('withdraw.deletesText', { provider: providerName });
}
