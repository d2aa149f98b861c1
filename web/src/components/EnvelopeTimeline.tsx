import { Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeEvent, describeOrigin, withoutRepeats } from '../events';
import { formatDateTime, formatFullDateTime } from '../format';
import type { EnvelopeEvent, Participant } from '../types';

const TONE_COLORS = { neutral: 'gray', good: 'green', bad: 'red' } as const;

/** The envelope's history, oldest first, each line in words with its time and where it came from. */
export function EnvelopeTimeline({ events, participants }: { events: EnvelopeEvent[]; participants: Participant[] }) {
  // The lines are described in the current language: translating here re-renders them when it changes.
  const { t } = useTranslation('participants');
  if (events.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('history.empty')}
      </Text>
    );
  }
  const ordered = withoutRepeats([...events].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt)));
  return (
    <Timeline active={ordered.length - 1} bulletSize={14} lineWidth={2}>
      {ordered.map((event) => {
        const described = describeEvent(event, participants);
        return (
          <Timeline.Item key={event.id} title={<Text size="sm" fw={600}>{described.title}</Text>} color={TONE_COLORS[described.tone]}>
            {described.note && (
              <Text size="sm" className="break-anywhere">
                {described.note}
              </Text>
            )}
            <Text size="xs" c="dimmed" mt={2}>
              <time dateTime={event.occurredAt} title={formatFullDateTime(event.occurredAt)}>
                {formatDateTime(event.occurredAt)}
              </time>{' '}
              · {describeOrigin(event)}
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
