import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import type { Envelope } from '../types';

/** The envelope's own fields, for the few people who need them (support, integrators). */
export function EnvelopeDetails({ envelope }: { envelope: Envelope }) {
  const { t } = useTranslation('envelope');
  const rows: [string, ReactNode][] = [
    [t('details.created'), formatDateTime(envelope.createdAt)],
    [t('details.lastChange'), formatDateTime(envelope.updatedAt)],
    [t('details.provider'), envelope.provider ? providerName(envelope.provider) : t('details.notSentYet')],
    [t('details.providerReference'), envelope.providerReference ?? '—'],
    [t('details.expires'), envelope.expiresAt ? formatDateTime(envelope.expiresAt) : t('details.providerDefault')],
    [t('details.envelopeId'), envelope.id],
  ];
  if (envelope.externalRef) rows.push([t('details.externalReference'), envelope.externalRef]);
  if (envelope.message) rows.push([t('details.message'), envelope.message]);
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
