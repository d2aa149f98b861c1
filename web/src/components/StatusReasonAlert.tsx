import { Alert, Text } from '@mantine/core';
import type { Envelope } from '../types';
import { AlertIcon } from './icons';

const HEADINGS: Partial<Record<Envelope['status'], { title: string; color: string; hint?: string }>> = {
  failed: {
    title: 'Sending failed',
    color: 'red',
    hint: 'Correct what the provider refused (or the connection in Settings), then press Send to participants again.',
  },
  rejected: { title: 'A participant rejected the envelope', color: 'red' },
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
          {rejectedBy.firstName} {rejectedBy.lastName} ({rejectedBy.email}) rejected it.
        </Text>
      )}
      <Text size="sm" className="break-anywhere">
        {reason ? `Reason: ${reason}` : 'No reason was given.'}
      </Text>
      {heading.hint && (
        <Text size="sm" mt={6} c="dimmed">
          {heading.hint}
        </Text>
      )}
    </Alert>
  );
}
