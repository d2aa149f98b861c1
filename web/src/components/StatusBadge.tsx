import { Badge, type BadgeProps } from '@mantine/core';
import { envelopeStatusLook, participantStatusLook } from '../status';

export function StatusBadge({ status, ...props }: { status: string } & BadgeProps) {
  const look = envelopeStatusLook(status);
  return (
    <Badge color={look.color} {...props}>
      {look.label}
    </Badge>
  );
}

export function ParticipantStatusBadge({ status, ...props }: { status: string } & BadgeProps) {
  const look = participantStatusLook(status);
  return (
    <Badge color={look.color} {...props}>
      {look.label}
    </Badge>
  );
}
