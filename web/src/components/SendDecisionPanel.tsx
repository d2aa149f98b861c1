import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useSchemaForm } from '../hooks/useSchemaForm';
import type { Envelope } from '../types';
import { ErrorAlert } from './ErrorAlert';
import { refusedBesideFields } from './refusedBesideFields';
import { AlertIcon } from './icons';

type Decision = { decision: 'resend' } | { decision: 'mark-sent'; providerReference: string };

/**
 * The decision a typed reference makes. Nothing typed is no answer yet ("Mark as sent" waits for one),
 * so it is checked as the other decision: leaving the empty field on the way to "Send again" marks
 * nothing, while a reference the server would refuse (too long) is said under it when it loses the focus.
 */
function decisionOf(typed: string): Decision {
  const providerReference = typed.trim();
  return providerReference === '' ? { decision: 'resend' } : { decision: 'mark-sent', providerReference };
}

/**
 * A send broke off where the provider may or may not have created the envelope (ConsignO Cloud has no
 * listing to look it up). Sending again blindly could start a second live signing, so the person who
 * can check at the provider chooses: it is there (its id), or it is not (send again).
 */
export function SendDecisionPanel({
  envelope,
  providerName,
  onDecided,
}: {
  envelope: Envelope & { sendDecision: NonNullable<Envelope['sendDecision']> };
  providerName: string;
  onDecided: (updated: Envelope) => void;
}) {
  const { t } = useTranslation('envelope');
  const { form, submit, submitting, refusal, restart } = useSchemaForm({
    route: 'POST /api/v1/envelopes/{envelopeId}/send-decision',
    initialValues: { providerReference: '' },
    toBody: ({ providerReference }) => decisionOf(providerReference),
  });
  // "Send again" needs nothing typed: its own request, beside the form's.
  const [resending, setResending] = useState(false);
  const [resendFailure, setResendFailure] = useState<unknown>();

  const decide = (body: Decision) => api.POST('/api/v1/envelopes/{envelopeId}/send-decision', { params: { path: { envelopeId: envelope.id } }, body });

  const markSent = submit(async (body) => onDecided(await decide(body)));

  const resend = async () => {
    // The other answer: what was said about the reference no longer applies.
    restart(form.getValues());
    setResendFailure(undefined);
    setResending(true);
    try {
      onDecided(await decide({ decision: 'resend' }));
    } catch (caught) {
      setResendFailure(caught);
    } finally {
      setResending(false);
    }
  };

  const failure = resendFailure ?? refusal;
  return (
    <Alert color="orange" variant="light" title={t('sendDecision.title', { provider: providerName })}
      icon={<AlertIcon />}
      role="region"
      aria-label={t('sendDecision.region')}
    >
      <Stack gap="sm">
        <Text size="sm" className="break-anywhere">
          {envelope.sendDecision.reason}
        </Text>
        <Text size="sm">
          {t('sendDecision.explanation', { provider: providerName, title: envelope.title })}
        </Text>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('sendDecision.reference', { provider: providerName })}
            description={t('sendDecision.referenceDescription')}
            placeholder={t('sendDecision.referencePlaceholder')}
            miw={280}
            {...form.getInputProps('providerReference')}
          />
          <Button
            onClick={() => {
              setResendFailure(undefined);
              markSent();
            }}
            disabled={form.values.providerReference.trim() === '' || resending}
            loading={submitting}
          >
            {t('sendDecision.markSent')}
          </Button>
        </Group>
        <Group gap="sm" wrap="wrap">
          <Text size="sm">{t('sendDecision.notThere', { provider: providerName })}</Text>
          <Button variant="outline" color="orange" onClick={() => void resend()} disabled={submitting} loading={resending}>
            {t('sendDecision.sendAgain')}
          </Button>
        </Group>
        {/* A refusal of the reference is said under it, not again here (nor once the reference is corrected). */}
        {failure !== undefined && !refusedBesideFields(failure, ['providerReference']) && <ErrorAlert error={failure} title={t('sendDecision.notRecorded')} />}
      </Stack>
    </Alert>
  );
}
