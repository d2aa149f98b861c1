import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Envelope } from '../types';
import { AlertIcon } from './icons';

/** The statuses that stop an envelope for a reason: each with its heading (statusReason.<status>) and colour. */
const HEADINGS = { failed: 'red', rejected: 'red', withdrawn: 'orange', expired: 'yellow' } as const;

/** Why the envelope stopped, in the provider's (or the withdrawer's) words, when there is a reason. */
export function StatusReasonAlert({ envelope }: { envelope: Envelope }) {
  const { t } = useTranslation('envelope');
  const status = envelope.status;
  if (!(status in HEADINGS)) return null;
  const stopped = status as keyof typeof HEADINGS;
  const rejectedBy = envelope.participants.find((participant) => participant.status === 'rejected');
  const reason = envelope.statusReason ?? rejectedBy?.rejectionReason ?? null;
  if (!reason && envelope.status !== 'failed' && envelope.status !== 'rejected') return null;
  return (
    <Alert color={HEADINGS[stopped]} variant="light" title={t(`statusReason.${stopped}`)} icon={<AlertIcon />} role="status">
      {envelope.status === 'rejected' && rejectedBy && (
        <Text size="sm">
          {t('statusReason.declinedBy', { name: `${rejectedBy.firstName} ${rejectedBy.lastName}`, email: rejectedBy.email })}
        </Text>
      )}
      <Text size="sm" className="break-anywhere">
        {reason ? t('statusReason.reason', { reason }) : t('statusReason.noReason')}
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
  const { t } = useTranslation('envelope');
  const failure = envelope.events.findLast((event) => event.type === 'envelope-failed');
  const attempts = typeof failure?.detail?.attempts === 'number' ? failure.detail.attempts : null;
  const stopped = attempts !== null && attempts > 1 ? t('statusReason.triedTimes', { attempts }) : t('statusReason.willNotResend');
  return (
    <>
      <Text size="sm" mt={6} fw={500}>
        {stopped}
      </Text>
      <Text size="sm" mt={4} c="dimmed">
        {t('statusReason.whatNext')}
      </Text>
    </>
  );
}
