import { Skeleton, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ShowOlderButton } from '../../components/ShowOlderButton';
import { formatFullDateTime } from '../../format';
import { useCursorList } from '../../hooks/useCursorList';
import { SectionHeader } from '../../components/SectionHeader';

/** Settings → Audit log: who did what administrative action, newest first. */
export function AuditLogSettings() {
  const { t } = useTranslation('settings');
  const log = useCursorList('/api/v1/audit-log', {}, { pageSize: 50 });
  return (
    <Stack gap="md">
      <SectionHeader
        title={t('auditLog.title')}
        description={t('auditLog.description')}
      />
      {log.error !== undefined && <ErrorAlert error={log.error} title={t('auditLog.loadFailed')} onRetry={() => void log.refresh()} />}
      {!log.loaded ? (
        <Skeleton height={160} radius="lg" />
      ) : log.items.length === 0 ? (
        <Text c="dimmed">{t('auditLog.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs" aria-label={t('auditLog.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('auditLog.columns.when')}</Table.Th>
                <Table.Th>{t('auditLog.columns.who')}</Table.Th>
                <Table.Th>{t('auditLog.columns.what')}</Table.Th>
                <Table.Th>{t('auditLog.columns.target')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.items.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>{formatFullDateTime(entry.occurredAt)}</Table.Td>
                  <Table.Td>
                    {entry.actor.name}
                    {entry.actor.type === 'key' && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        {t('auditLog.apiKey')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <code>{entry.action}</code>
                  </Table.Td>
                  <Table.Td>
                    {entry.targetName ?? ''}{' '}
                    <Text span size="xs" c="dimmed">
                      {entry.targetId ?? ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ShowOlderButton list={log} />
    </Stack>
  );
}
