import { Alert, Badge, Button, Checkbox, Group, Modal, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { api, describeError, newIdempotencyKey } from '../../api';
import { ActionsColumnHeader } from '../../components/ActionsColumnHeader';
import { CopyableCode } from '../../components/CopyableCode';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PlusIcon } from '../../components/icons';
import { formatDateTime } from '../../format';
import { useApiData } from '../../hooks/useApiData';
import { useSession } from '../../session';
import type { ApiKey, CreatedApiKey, Scope } from '../../types';
import { SectionHeader } from '../../components/SectionHeader';
import { formPathOf, useSchemaForm } from '../../hooks/useSchemaForm';
import { refusedBesideFields } from '../../components/refusedBesideFields';

/** A new key's scopes as the form opens, as far as the person has them: reading and writing envelopes and documents, what most programs need. */
const FIRST_CHOSEN_SCOPES: readonly Scope[] = ['envelopes:read', 'envelopes:write', 'documents:read', 'documents:write'];

/** The header a program sends, the same in every language. */
const BEARER_HEADER = 'Authorization: Bearer <key>';

/** The header as code, placed by the sentence that names it (it takes no words from the sentence). */
function BearerHeader() {
  return <code>{BEARER_HEADER}</code>;
}

/** Settings → API keys: keys for programs, each with scopes, shown once at creation, revocable. */
export function ApiKeysSettings() {
  const session = useSession();
  const { t } = useTranslation(['settings', 'common']);
  const keys = useApiData('/api/v1/keys');
  const users = useApiData(session.can('users:admin') ? '/api/v1/users' : null);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const ownerOf = (key: ApiKey) =>
    key.userId === null ? t('apiKeys.installation') : (users.data?.data.find((user) => user.id === key.userId)?.email ?? key.userId);

  const revoke = async (key: ApiKey) => {
    try {
      await api.POST('/api/v1/keys/{keyId}/revoke', { params: { path: { keyId: key.id } } });
      notifications.show({ color: 'green', title: t('apiKeys.keyRevoked'), message: t('apiKeys.keyRevokedText', { name: key.name }) });
    } catch (error) {
      notifications.show({ color: 'red', title: t('apiKeys.notRevoked'), message: describeError(error) });
    }
    setRevoking(null);
    await keys.reload();
  };

  const list = keys.data?.data ?? [];
  return (
    <Stack gap="md">
      <SectionHeader
        title={t('apiKeys.title')}
        description={<Trans t={t} i18nKey="apiKeys.description" components={{ bearer: <BearerHeader /> }} />}
        action={
          <Button leftSection={<PlusIcon size={16} />} onClick={() => setCreating(true)}>
            {t('apiKeys.create')}
          </Button>
        }
      />
      {keys.error !== undefined && <ErrorAlert error={keys.error} title={t('apiKeys.loadFailed')} onRetry={() => void keys.reload()} />}
      {keys.loading && !keys.data ? (
        <Skeleton height={160} radius="lg" />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" aria-label={t('apiKeys.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('apiKeys.columns.name')}</Table.Th>
                <Table.Th>{t('apiKeys.columns.key')}</Table.Th>
                <Table.Th>{t('apiKeys.columns.actsFor')}</Table.Th>
                <Table.Th>{t('apiKeys.columns.scopes')}</Table.Th>
                <Table.Th>{t('apiKeys.columns.lastUsed')}</Table.Th>
                <ActionsColumnHeader />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((key) => (
                <Table.Tr key={key.id}>
                  <Table.Td>{key.name}</Table.Td>
                  <Table.Td>
                    <code>{key.prefix}…</code>
                  </Table.Td>
                  <Table.Td>{ownerOf(key)}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{key.scopes === null ? t('apiKeys.allOfRole') : key.scopes.join(', ')}</Text>
                  </Table.Td>
                  <Table.Td>{formatDateTime(key.lastUsedAt)}</Table.Td>
                  <Table.Td>
                    {key.revokedAt ? (
                      <Badge color="gray" variant="light">
                        {t('apiKeys.revoked')}
                      </Badge>
                    ) : (
                      <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(key)} aria-label={t('apiKeys.revokeLabel', { name: key.name })}>
                        {t('apiKeys.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <CreateKeyModal
        opened={creating}
        scopes={session.scopes}
        onClose={() => setCreating(false)}
        onCreated={(key) => {
          setCreating(false);
          setCreated(key);
          void keys.reload();
        }}
      />
      <Modal opened={created !== null} onClose={() => setCreated(null)} title={<Text fw={700} fz="lg">{t('apiKeys.newKeyTitle')}</Text>} size="lg">
        {created && (
          <Stack>
            <Alert color="yellow" variant="light">
              {t('apiKeys.copyNow')}
            </Alert>
            <CopyableCode label={t('apiKeys.keyLabel', { name: created.name })} value={created.secret} />
            <Group justify="flex-end">
              <Button onClick={() => setCreated(null)}>{t('common:actions.done')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title={<Text fw={700} fz="lg">{t('apiKeys.revokeTitle')}</Text>}>
        {revoking && (
          <Stack>
            <Text size="sm">{t('apiKeys.revokeText', { name: revoking.name })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRevoking(null)}>
                {t('common:actions.cancel')}
              </Button>
              <Button color="red" onClick={() => void revoke(revoking)}>
                {t('apiKeys.revokeConfirm')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

function CreateKeyModal({
  opened,
  scopes,
  onClose,
  onCreated,
}: {
  opened: boolean;
  scopes: readonly Scope[];
  onClose: () => void;
  onCreated: (key: CreatedApiKey) => void;
}) {
  const { t } = useTranslation(['settings', 'common']);
  const { form, submit, submitting, refusal, restart } = useSchemaForm({
    route: 'POST /api/v1/keys',
    initialValues: { name: '', scopes: FIRST_CHOSEN_SCOPES.filter((scope) => scopes.includes(scope)) },
    toBody: ({ name, scopes: chosen }) => ({ name: name.trim(), scopes: chosen }),
    // A refusal of one scope names `scopes[1]`: shown under the whole list.
    fieldOf: (path) => (path.startsWith('scopes[') ? 'scopes' : formPathOf(path)),
  });
  const chosen = form.values.scopes;

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700} fz="lg">{t('apiKeys.createTitle')}</Text>} size="lg">
      <form
        onSubmit={submit(async (body, values) => {
          onCreated(await api.POST('/api/v1/keys', { body, idempotencyKey: newIdempotencyKey() }));
          // The next key starts unnamed, with the scopes just chosen.
          restart({ ...values, name: '' });
        })}
        noValidate
      >
        <Stack>
          {refusal !== undefined && !refusedBesideFields(refusal, ['name']) && <ErrorAlert error={refusal} title={t('apiKeys.notCreated')} />}
          <TextInput label={t('apiKeys.name')} description={t('apiKeys.nameHint')} required autoFocus {...form.getInputProps('name')} />
          <Checkbox.Group
            label={t('apiKeys.scopes')}
            description={t('apiKeys.scopesHint')}
            {...form.getInputProps('scopes')}
            onChange={(values) => form.setFieldValue('scopes', scopes.filter((scope) => values.includes(scope)))}
          >
            <Stack gap={6} mt="xs">
              {scopes.map((scope) => (
                <Checkbox key={scope} value={scope} label={scope} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={submitting} disabled={chosen.length === 0}>
              {t('apiKeys.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
