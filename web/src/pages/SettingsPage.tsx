import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader';
import { navigate } from '../router';
import { useSession } from '../session';
import type { Scope } from '../types';
import { ApiKeysSettings } from './settings/ApiKeysSettings';
import { ConnectionsSettings } from './settings/ConnectionsSettings';
import { AuditLogSettings } from './settings/AuditLogSettings';
import { UsersSettings } from './settings/UsersSettings';
import { WebhookDeliveryLog } from './settings/WebhookDeliveryLog';
import { WebhooksSettings } from './settings/WebhooksSettings';

export type SettingsSection = 'connections' | 'users' | 'api-keys' | 'webhooks' | 'audit-log';

/** Each section, its path, and the scope that shows it (the server refuses the rest anyway). */
const SECTIONS: Array<{ value: SettingsSection; labelKey: 'connections' | 'users' | 'apiKeys' | 'webhooks' | 'auditLog'; path: string; scope: Scope }> = [
  { value: 'connections', labelKey: 'connections', path: '/settings', scope: 'connections:read' },
  { value: 'users', labelKey: 'users', path: '/settings/users', scope: 'users:admin' },
  { value: 'api-keys', labelKey: 'apiKeys', path: '/settings/api-keys', scope: 'keys:admin' },
  { value: 'webhooks', labelKey: 'webhooks', path: '/settings/webhooks', scope: 'webhooks:admin' },
  { value: 'audit-log', labelKey: 'auditLog', path: '/settings/audit-log', scope: 'audit:read' },
];

/**
 * Settings, in tabs: Connections, and for admins Users, API keys, Webhooks and the audit log.
 * `webhookEndpointId` opens that endpoint's delivery log under Webhooks.
 */
export function SettingsPage({ section, webhookEndpointId }: { section: SettingsSection; webhookEndpointId?: string }) {
  const { can } = useSession();
  const { t } = useTranslation('settings');
  const visible = SECTIONS.filter((entry) => can(entry.scope));
  const current = visible.some((entry) => entry.value === section) ? section : 'connections';
  return (
    <>
      <PageHeader title={t('page.title')} description={t('page.description')} />
      <Tabs
        value={current}
        onChange={(value) => navigate(SECTIONS.find((entry) => entry.value === value)?.path ?? '/settings')}
        keepMounted={false}
      >
        <Tabs.List>
          {visible.map((entry) => (
            <Tabs.Tab key={entry.value} value={entry.value}>
              {t(`page.sections.${entry.labelKey}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {/* The section is the chosen tab's panel: the tab names it, and its aria-controls points at it. */}
        <Tabs.Panel value={current} pt="md">
          {current === 'connections' && <ConnectionsSettings />}
          {current === 'users' && <UsersSettings />}
          {current === 'api-keys' && <ApiKeysSettings />}
          {current === 'webhooks' && (webhookEndpointId ? <WebhookDeliveryLog key={webhookEndpointId} endpointId={webhookEndpointId} /> : <WebhooksSettings />)}
          {current === 'audit-log' && <AuditLogSettings />}
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
