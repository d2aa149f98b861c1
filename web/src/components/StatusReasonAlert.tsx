import { Alert, Text } from '@mantine/core';
import type { Envelope } from '../types';
import { AlertIcon } from './icons';

const HEADINGS: Partial<Record<Envelope['status'], { title: string; color: string }>> = {
  failed: { title: 'Sending failed', color: 'red' },
  rejected: { title: 'A participant declined the envelope', color: 'red' },
  withdrawn: { title: 'The envelope was withdrawn', color: 'orange' },
  expired: { title: 'The envelope expired', color: 'yellow' },
};

/** Why the envelope stopped, in the provider's (or the withdrawer's) words, when there is a reason. */
export function StatusReasonAlert({ envelope }: { envelope: Envelope }) {
  const heading = HEADINGS[envelope.status];
  if (!heading) return null;
  const rejectedBy = envelope.participants.find((participant) => participant.status === 'rejected');
  const reason = envelope.statusReason ?? rejectedBy?.rejectionReason ?? null;
  if (!reason && envelope.status !== 'failed' && envelope.status !== 'rejected') return null;
  return (
    <Alert color={heading.color} variant="light" title={heading.title} icon={<AlertIcon />} role="status">
      {envelope.status === 'rejected' && rejectedBy && (
        <Text size="sm">
          {rejectedBy.firstName} {rejectedBy.lastName} ({rejectedBy.email}) declined it.
        </Text>
      )}
      <Text size="sm" className="break-anywhere">
        {reason ? `Reason: ${reason}` : 'No reason was given.'}
      </Text>
      {envelope.status === 'failed' && <FailedSendHint envelope={envelope} />}
    </Alert>
  );
}

/**
 * What happens next to a failed send, truthfully: nothing by itself. The send job has stopped (after
 * its attempts, or at once for a refusal), and a failed envelope waits for a person: correct it, or
 * send it through another connection, and send it again — or make a corrected copy.
 */
function FailedSendHint({ envelope }: { envelope: Envelope }) {
  const failure = envelope.events.findLast((event) => event.type === 'envelope-failed');
  const attempts = typeof failure?.detail?.attempts === 'number' ? failure.detail.attempts : null;
  const stopped =
    attempts !== null && attempts > 1
      ? `Countersign tried ${attempts} times, then stopped: it will not send it again by itself.`
      : 'Countersign will not send it again by itself.';
  return (
    <>
      <Text size="sm" mt={6} fw={500}>
        {stopped}
      </Text>
      <Text size="sm" mt={4} c="dimmed">
        Correct what was refused — the envelope, or its connection below (choose another one, or fix it in Settings) — then press Send to participants. Or
        press Correct and resend to make a copy to correct.
      </Text>
    </>
  );
}
