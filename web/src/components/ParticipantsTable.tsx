import { Group, List, Paper, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeField, formatDateTime, fullName } from '../format';
import { usePhone } from '../hooks/usePhone';
import { participantStatusWords, roleLabel } from '../status';
import type { EnvelopeDocument, Participant } from '../types';
import { ActionsColumnHeader } from './ActionsColumnHeader';
import { ParticipantStatusBadge } from './StatusBadge';

/**
 * Who takes part, in signing order, with where each one is and when it happened, and where they sign.
 * `actions`: buttons per participant (edit, remove) while the envelope can be edited.
 */
export function ParticipantsTable({
  participants,
  documents,
  envelopeStatus,
  actions,
}: {
  participants: Participant[];
  documents: EnvelopeDocument[];
  /** Where the envelope is: a withdrawn one's open participants read "Withdrawn". */
  envelopeStatus?: string;
  actions?: (participant: Participant) => ReactNode;
}) {
  const { t } = useTranslation('participants');
  const phone = usePhone();
  if (participants.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('participantsTable.empty')}
      </Text>
    );
  }
  const ordered = [...participants].sort((a, b) => a.step - b.step);
  if (phone) {
    return (
      <Stack gap="sm">
        {ordered.map((participant) => (
          <Paper key={participant.id} withBorder radius="md" p="sm">
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm" fw={600}>
                  {fullName(participant)}
                </Text>
                <Text size="xs" c="dimmed" className="break-anywhere">
                  {participant.email}
                </Text>
                <Text size="xs" mt={4}>
                  {t('participantsTable.roleAndStep', { role: roleLabel(participant.role), step: participant.step })}
                </Text>
                <HowTheySign participant={participant} />
                <Fields participant={participant} documents={documents} />
              </Stack>
              <Stack gap={6} align="flex-end" style={{ flexShrink: 0 }}>
                <ParticipantStatusBadge participant={participant} envelopeStatus={envelopeStatus} />
                {actions && <Group gap={4}>{actions(participant)}</Group>}
              </Stack>
            </Group>
            {participant.rejectionReason && (
              <Text size="xs" c="red" mt={4} className="break-anywhere">
                {t('participantsTable.reason', { reason: participant.rejectionReason })}
              </Text>
            )}
            <Stack mt={6} gap={0}>
              <Timestamps participant={participant} />
            </Stack>
          </Paper>
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('participantsTable.columns.name')}</Table.Th>
            <Table.Th>{t('participantsTable.columns.role')}</Table.Th>
            <Table.Th>{t('participantsTable.columns.step')}</Table.Th>
            <Table.Th>{t('participantsTable.columns.status')}</Table.Th>
            <Table.Th>{t('participantsTable.columns.progress')}</Table.Th>
            {actions && <ActionsColumnHeader />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ordered.map((participant) => (
            <Table.Tr key={participant.id}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {fullName(participant)}
                </Text>
                <Text size="xs" c="dimmed" className="break-anywhere">
                  {participant.email}
                </Text>
              </Table.Td>
              <Table.Td>
                {roleLabel(participant.role)}
                <HowTheySign participant={participant} />
                <Fields participant={participant} documents={documents} />
              </Table.Td>
              <Table.Td>{participant.step}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <ParticipantStatusBadge participant={participant} envelopeStatus={envelopeStatus} />
                {participant.rejectionReason && (
                  <Text size="xs" c="red" mt={4} className="break-anywhere" maw={260} style={{ whiteSpace: 'normal' }}>
                    {t('participantsTable.reason', { reason: participant.rejectionReason })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Timestamps participant={participant} />
              </Table.Td>
              {actions && (
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    {actions(participant)}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** What differs from the defaults: extra identity checks, signature level, language, embedded signing. */
function HowTheySign({ participant }: { participant: Participant }) {
  const { t } = useTranslation('participants');
  const parts = [
    ...(participant.authentication ?? []).map((method) => {
      switch (method.method) {
        case 'email-link':
          return null;
        case 'eid':
          return t('participantsTable.howTheySign.eid', { scheme: method.scheme });
        default:
          return t(`participantsTable.howTheySign.${method.method}`);
      }
    }),
    participant.signatureLevel ? t('participantsTable.howTheySign.signatureLevel', { level: participant.signatureLevel }) : null,
    participant.language ? t('participantsTable.howTheySign.language', { language: participant.language }) : null,
    participant.delivery?.mode === 'embedded' ? t('participantsTable.howTheySign.embedded') : null,
  ].filter((part): part is string => Boolean(part));
  if (parts.length === 0) return null;
  return (
    <Text size="xs" c="dimmed" mt={2}>
      {parts.join(' · ')}
    </Text>
  );
}

/** Where they sign, one line per field; none: the provider chooses the place. */
function Fields({ participant, documents }: { participant: Participant; documents: EnvelopeDocument[] }) {
  const { t } = useTranslation('participants');
  if (participant.fields.length === 0) return null;
  const filename = (documentId: string) => documents.find((document) => document.id === documentId)?.filename ?? documentId;
  return (
    <List size="xs" c="dimmed" mt={2} aria-label={t('participantsTable.fieldsOf', { name: fullName(participant) })}>
      {participant.fields.map((field, index) => (
        <List.Item key={index}>{describeField(field, filename(field.documentId))}</List.Item>
      ))}
    </List>
  );
}

function Timestamps({ participant }: { participant: Participant }) {
  const { t } = useTranslation('participants');
  const moments = [
    [t('participantsTable.moments.invited'), participant.notifiedAt],
    [t('participantsTable.moments.viewed'), participant.viewedAt],
    [participantStatusWords({ ...participant, status: 'completed' }).label, participant.completedAt],
    [t('participantsTable.moments.declined'), participant.rejectedAt],
  ].filter((moment): moment is [string, string] => Boolean(moment[1]));
  if (moments.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Stack gap={0}>
      {moments.map(([label, at]) => (
        <Text size="xs" key={label}>
          <Text span c="dimmed" size="xs">
            {label}
          </Text>{' '}
          {formatDateTime(at)}
        </Text>
      ))}
    </Stack>
  );
}
