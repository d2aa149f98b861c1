import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import type { Envelope } from '../types';
import { ErrorAlert } from './ErrorAlert';
import { AlertIcon } from './icons';

type Decision = { decision: 'resend' } | { decision: 'mark-sent'; providerReference: string };

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
  const [reference, setReference] = useState('');
  const [working, setWorking] = useState<Decision['decision'] | null>(null);
  const [error, setError] = useState<unknown>();

  const decide = async (decision: Decision) => {
    setWorking(decision.decision);
    setError(undefined);
    try {
      onDecided(await api.POST('/api/v1/envelopes/{envelopeId}/send-decision', { params: { path: { envelopeId: envelope.id } }, body: decision }));
    } catch (caught) {
      setError(caught);
    } finally {
      setWorking(null);
    }
  };

  const referenceError = error instanceof ApiError ? error.fieldErrors().providerReference : undefined;
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
            value={reference}
            onChange={(event) => setReference(event.currentTarget.value)}
            error={referenceError}
            miw={280}
          />
          <Button
            onClick={() => void decide({ decision: 'mark-sent', providerReference: reference.trim() })}
            disabled={reference.trim() === '' || working === 'resend'}
            loading={working === 'mark-sent'}
          >
            {t('sendDecision.markSent')}
          </Button>
        </Group>
        <Group gap="sm" wrap="wrap">
          <Text size="sm">{t('sendDecision.notThere', { provider: providerName })}</Text>
          <Button variant="outline" color="orange" onClick={() => void decide({ decision: 'resend' })} disabled={working === 'mark-sent'} loading={working === 'resend'}>
            {t('sendDecision.sendAgain')}
          </Button>
        </Group>
        {error !== undefined && !referenceError && <ErrorAlert error={error} title={t('sendDecision.notRecorded')} />}
      </Stack>
    </Alert>
  );
}
