import { Alert, Badge, Button, Checkbox, Group, Modal, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
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
import { useFormSubmit } from '../../hooks/useFormSubmit';

/** Settings → API keys: keys for programs, each with scopes, shown once at creation, revocable. */
export function ApiKeysSettings() {
  const session = useSession();
  const keys = useApiData('/api/v1/keys');
  const users = useApiData(session.can('users:admin') ? '/api/v1/users' : null);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const ownerOf = (key: ApiKey) =>
    key.userId === null ? 'installation (owner-level)' : (users.data?.data.find((user) => user.id === key.userId)?.email ?? key.userId);

  const revoke = async (key: ApiKey) => {
    try {
      await api.POST('/api/v1/keys/{keyId}/revoke', { params: { path: { keyId: key.id } } });
      notifications.show({ color: 'green', title: 'Key revoked', message: `${key.name} no longer works.` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'The key was not revoked', message: describeError(error) });
    }
    setRevoking(null);
    await keys.reload();
  };

  const list = keys.data?.data ?? [];
  return (
    <Stack gap="md">
      <SectionHeader
        title="API keys"
        description={<>Programs send <code>Authorization: Bearer &lt;key&gt;</code>. A key acts for the person who made it and never does more than their role allows.</>}
        action={
          <Button leftSection={<PlusIcon size={16} />} onClick={() => setCreating(true)}>
            Create key
          </Button>
        }
      />
      {keys.error !== undefined && <ErrorAlert error={keys.error} title="The keys could not be loaded" onRetry={() => void keys.reload()} />}
      {keys.loading && !keys.data ? (
        <Skeleton height={160} radius="lg" />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" aria-label="API keys">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Key</Table.Th>
                <Table.Th>Acts for</Table.Th>
                <Table.Th>Scopes</Table.Th>
                <Table.Th>Last used</Table.Th>
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
                    <Text size="xs">{key.scopes === null ? 'all of its role' : key.scopes.join(', ')}</Text>
                  </Table.Td>
                  <Table.Td>{formatDateTime(key.lastUsedAt)}</Table.Td>
                  <Table.Td>
                    {key.revokedAt ? (
                      <Badge color="gray" variant="light">
                        revoked
                      </Badge>
                    ) : (
                      <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(key)} aria-label={`Revoke ${key.name}`}>
                        Revoke
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
      <Modal opened={created !== null} onClose={() => setCreated(null)} title={<Text fw={700} fz="lg">Your new API key</Text>} size="lg">
        {created && (
          <Stack>
            <Alert color="yellow" variant="light">
              Copy it now: it is shown only this once. Countersign keeps only its hash.
            </Alert>
            <CopyableCode label={`Key “${created.name}”`} value={created.secret} />
            <Group justify="flex-end">
              <Button onClick={() => setCreated(null)}>Done</Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title={<Text fw={700} fz="lg">Revoke this key?</Text>}>
        {revoking && (
          <Stack>
            <Text size="sm">Programs using “{revoking.name}” get 401 from now on. This cannot be undone.</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRevoking(null)}>
                Cancel
              </Button>
              <Button color="red" onClick={() => void revoke(revoking)}>
                Revoke key
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
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<Scope[]>((['envelopes:read', 'envelopes:write', 'documents:read', 'documents:write'] as const).filter((scope) => scopes.includes(scope)));
  const { submitting, error, fieldErrors, run } = useFormSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      onCreated(await api.POST('/api/v1/keys', { body: { name: name.trim(), scopes: chosen }, idempotencyKey: newIdempotencyKey() }));
      setName('');
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700} fz="lg">Create an API key</Text>} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {error !== undefined && !fieldErrors.name && <ErrorAlert error={error} title="No key was created" />}
          <TextInput label="Name" description="What uses it, e.g. CRM integration" required autoFocus value={name} onChange={(event) => setName(event.currentTarget.value)} error={fieldErrors.name} />
          <Checkbox.Group label="Scopes" description="Only what the program needs. You can give only scopes your own role has." value={chosen} onChange={(values) => setChosen(scopes.filter((scope) => values.includes(scope)))}>
            <Stack gap={6} mt="xs">
              {scopes.map((scope) => (
                <Checkbox key={scope} value={scope} label={scope} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={submitting} disabled={chosen.length === 0}>
              Create key
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
