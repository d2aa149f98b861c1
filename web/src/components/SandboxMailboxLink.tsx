import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session';
import type { Connection, ProviderEntry } from '../types';

/**
 * "Open the sandbox mailbox" for an envelope that went through one of the built-in sandboxes: the
 * participants' invitations land there instead of in real inboxes. Shown only to people the mailbox
 * lets in (it is a sandbox control route: `sandbox:control`), and nothing for a real provider.
 */
export function SandboxMailboxLink({ connection, provider }: { connection: Connection | undefined; provider: ProviderEntry | undefined }) {
  const session = useSession();
  const { t } = useTranslation('envelope');
  const mailbox = provider?.sandboxPages?.mailbox;
  if (connection?.environment !== 'sandbox' || !mailbox || !session.can('sandbox:control')) return null;
  // The catalog gives the page as a template for one address (`…/mailbox?to=EMAIL`); an envelope has
  // several participants, so the link opens the whole mailbox, newest first.
  const href = mailbox.split('?')[0];
  return (
    <Anchor href={href} target="_blank" rel="noreferrer" size="sm">
      {t('sandboxMailbox')}
    </Anchor>
  );
}
