import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
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
    <Alert color="orange" variant="light" title={`Did ${providerName} create it? Your decision is needed`} icon={<AlertIcon />} role="region" aria-label="Send decision">
      <Stack gap="sm">
        <Text size="sm" className="break-anywhere">
          {envelope.sendDecision.reason}
        </Text>
        <Text size="sm">
          Countersign cannot tell whether the envelope reached {providerName}, and will not send it again on its own: that could start a second signing. Look
          at {providerName} for “{envelope.title}”, then choose.
        </Text>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={`It is at ${providerName}: its id there`}
            description="Countersign checks the id with the provider, then follows that envelope."
            placeholder="e.g. 65a1f0c2e4b0a1b2c3d4e5f6"
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
            Mark as sent
          </Button>
        </Group>
        <Group gap="sm" wrap="wrap">
          <Text size="sm">It is not at {providerName} (or you deleted it there):</Text>
          <Button variant="outline" color="orange" onClick={() => void decide({ decision: 'resend' })} disabled={working === 'mark-sent'} loading={working === 'resend'}>
            Send again
          </Button>
        </Group>
        {error !== undefined && !referenceError && <ErrorAlert error={error} title="The decision was not recorded" />}
      </Stack>
    </Alert>
  );
}
