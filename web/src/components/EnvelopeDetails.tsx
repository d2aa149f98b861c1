import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDateTime } from '../format';
import type { Envelope } from '../types';

/** The envelope's own fields, for the few people who need them (support, integrators). */
export function EnvelopeDetails({ envelope }: { envelope: Envelope }) {
  const rows: [string, ReactNode][] = [
    ['Created', formatDateTime(envelope.createdAt)],
    ['Last change', formatDateTime(envelope.updatedAt)],
    ['Provider', envelope.provider ? providerName(envelope.provider) : 'Not sent yet'],
    ['Provider reference', envelope.providerReference ?? '—'],
    ['Expires', envelope.expiresAt ? formatDateTime(envelope.expiresAt) : 'Provider default'],
    ['Envelope id', envelope.id],
  ];
  if (envelope.externalRef) rows.push(['External reference', envelope.externalRef]);
  if (envelope.message) rows.push(['Message to participants', envelope.message]);
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="sm">
      {rows.map(([label, value]) => (
        <Stack gap={0} key={label}>
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text size="sm" className="break-anywhere">
            {value}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}

function providerName(id: string): string {
  return { autenti: 'Autenti', connective: 'Connective eSignatures', consigno: 'Notarius ConsignO Cloud' }[id] ?? id;
}
