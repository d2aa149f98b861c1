import { Switch, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, describeError } from '../api';
import { useSession } from '../session';

/**
 * Private (its creator and admins) or shared with everyone who may read. Only its creator or an
 * admin decides, so the switch is shown to them alone.
 */
export function SharingSwitch({
  kind,
  id,
  createdBy,
  visibility,
  onChanged,
}: {
  kind: 'envelopes' | 'documents';
  id: string;
  createdBy: string | null | undefined;
  visibility: 'private' | 'shared' | undefined;
  onChanged: (visibility: 'private' | 'shared') => void;
}) {
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation('envelope');
  if (visibility === undefined || !(session.can('envelopes:all') || (createdBy && createdBy === session.id))) return null;

  const change = async (shared: boolean) => {
    setBusy(true);
    try {
      const body = { visibility: shared ? 'shared' : 'private' } as const;
      const answer =
        kind === 'envelopes'
          ? await api.PUT('/api/v1/envelopes/{envelopeId}/visibility', { params: { path: { envelopeId: id } }, body })
          : await api.PUT('/api/v1/documents/{documentId}/visibility', { params: { path: { documentId: id } }, body });
      onChanged(answer.visibility);
    } catch (error) {
      notifications.show({ color: 'red', title: t('sharing.notChanged'), message: describeError(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Tooltip label={t('sharing.tooltip')} withArrow>
      <Switch
        size="sm"
        label={t('sharing.label')}
        checked={visibility === 'shared'}
        disabled={busy}
        onChange={(event) => void change(event.currentTarget.checked)}
      />
    </Tooltip>
  );
}
