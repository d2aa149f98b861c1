import { Badge, type BadgeProps } from '@mantine/core';
import { envelopeStatusLook, participantStatusWords } from '../status';

export function StatusBadge({ status, ...props }: { status: string } & BadgeProps) {
  const look = envelopeStatusLook(status);
  return (
    <Badge color={look.color} {...props}>
      {look.label}
    </Badge>
  );
}

/** A participant's status in people's words, by role and by where the envelope is (`participantStatusWords`). */
export function ParticipantStatusBadge({
  participant,
  envelopeStatus,
  ...props
}: { participant: { role: string; status: string; step: number }; envelopeStatus?: string } & BadgeProps) {
  const look = participantStatusWords(participant, envelopeStatus);
  return (
    <Badge color={look.color} {...props}>
      {look.label}
    </Badge>
  );
}
