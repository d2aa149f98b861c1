import { Card, SimpleGrid, Skeleton, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiData } from '../hooks/useApiData';
import { linkProps } from '../router';
import { formatNumber } from '../format';

/** Where "this week" starts: Monday 00:00 in the person's own time zone, as a calendar shows it. */
export function startOfWeek(now: Date): Date {
  const monday = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  monday.setDate(monday.getDate() - ((monday.getDay() + 6) % 7));
  return monday;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The section on top of the envelope list: what needs an eye today, each a number that opens the
 * list filtered to exactly those envelopes (the same filters the counts were asked with). A tile is
 * named by what it shows ("1 Waiting on others Sent, not finished"), so that a person who says
 * what they see reaches it by voice.
 */
export function EnvelopeDashboard({ refreshKey }: { refreshKey: number }) {
  const { t } = useTranslation('envelopes');
  // The moments are fixed when the page opens: a new one at each render would ask again and again.
  const [moments] = useState(() => {
    const now = new Date();
    return { weekStart: startOfWeek(now).toISOString(), expiringBefore: new Date(now.getTime() + WEEK_MS).toISOString() };
  });
  const all = useApiData('/api/v1/envelopes/counts', {});
  const completed = useApiData('/api/v1/envelopes/counts', { params: { query: { status: 'completed', updatedSince: moments.weekStart } } });
  const expiring = useApiData('/api/v1/envelopes/counts', { params: { query: { status: ['sending', 'sent'], expiresBefore: moments.expiringBefore } } });
  // After a sync or a bulk action the numbers are read again (the first reading is the mount's).
  const reloads = useRef([all.reload, completed.reload, expiring.reload]);
  reloads.current = [all.reload, completed.reload, expiring.reload];
  useEffect(() => {
    if (refreshKey > 0) for (const reload of reloads.current) void reload();
  }, [refreshKey]);

  const byStatus = all.data?.byStatus;
  const tiles = [
    {
      id: 'waiting',
      label: t('dashboard.waiting.label'),
      hint: t('dashboard.waiting.hint'),
      count: byStatus && byStatus.sending + byStatus.sent,
      href: '/envelopes?tab=in-progress',
    },
    {
      id: 'completed-this-week',
      label: t('dashboard.completedThisWeek.label'),
      hint: t('dashboard.completedThisWeek.hint'),
      count: completed.data?.total,
      href: `/envelopes?tab=completed&updatedSince=${encodeURIComponent(moments.weekStart)}`,
    },
    {
      id: 'expiring-soon',
      label: t('dashboard.expiringSoon.label'),
      hint: t('dashboard.expiringSoon.hint'),
      count: expiring.data?.total,
      href: `/envelopes?tab=in-progress&expiresBefore=${encodeURIComponent(moments.expiringBefore)}`,
    },
    { id: 'failed', label: t('dashboard.failed.label'), hint: t('dashboard.failed.hint'), count: byStatus?.failed, href: '/envelopes?tab=failed', alarm: true },
  ];

  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" component="section" aria-label={t('dashboard.label')}>
      {tiles.map((tile) => (
        <Card
          key={tile.id}
          component="a"
          {...linkProps(tile.href)}
          withBorder
          padding="sm"
          radius="md"
          className="dashboard-tile"
        >
          {tile.count === undefined ? (
            <Skeleton height={30} width={40} radius="sm" />
          ) : (
            <Text fz={28} fw={700} lh={1.1} c={tile.alarm && tile.count > 0 ? 'red.7' : undefined}>
              {formatNumber(tile.count)}
            </Text>
          )}
          <Text size="sm" fw={600} mt={4}>
            {tile.label}
          </Text>
          <Text size="xs" c="dimmed">
            {tile.hint}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}
