import { Alert, Badge, Button, Group, Modal, NativeSelect, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { api, describeError } from '../../api';
import { ActionsColumnHeader } from '../../components/ActionsColumnHeader';
import { CopyableCode } from '../../components/CopyableCode';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PlusIcon } from '../../components/icons';
import { formatDateTime } from '../../format';
import { useApiData } from '../../hooks/useApiData';
import { useSession } from '../../session';
import type { InvitedUser, Role, User } from '../../types';
import { SectionHeader } from '../../components/SectionHeader';
import { useFormSubmit } from '../../hooks/useFormSubmit';

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'Owner — everything, including owners',
  admin: 'Admin — connections, API keys, users, every envelope',
  member: 'Member — own and shared envelopes and documents; send',
  viewer: 'Viewer — read own and shared envelopes and documents',
};

/** Settings → Users: invite people (the link is shown here, no mail is sent), change roles, remove. */
export function UsersSettings() {
  const session = useSession();
  const users = useApiData('/api/v1/users');
  const [inviting, setInviting] = useState(false);
  const [link, setLink] = useState<InvitedUser | null>(null);
  const [removing, setRemoving] = useState<User | null>(null);
  // Only owners may grant the owner role: the others do not see it offered.
  const roles = (Object.keys(ROLE_DESCRIPTIONS) as Role[]).filter((role) => role !== 'owner' || session.can('owners:admin'));

  const changeRole = async (user: User, role: Role) => {
    try {
      await api.PATCH('/api/v1/users/{userId}', { params: { path: { userId: user.id } }, body: { role } });
      notifications.show({ color: 'green', title: 'Role changed', message: `${user.email} is now ${role}. Their API keys follow.` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'The role was not changed', message: describeError(error) });
    }
    await users.reload();
  };

  const renew = async (user: User) => {
    try {
      setLink(await api.POST('/api/v1/users/{userId}/invitation', { params: { path: { userId: user.id } } }));
    } catch (error) {
      notifications.show({ color: 'red', title: 'No new link', message: describeError(error) });
    }
  };

  const list = users.data?.data ?? [];
  return (
    <Stack gap="md">
      <SectionHeader
        title="Users"
        description="People who sign in to this Countersign, and what their role lets them do."
        action={
          <Button leftSection={<PlusIcon size={16} />} onClick={() => setInviting(true)}>
            Invite user
          </Button>
        }
      />
      {users.error !== undefined && <ErrorAlert error={users.error} title="The users could not be loaded" onRetry={() => void users.reload()} />}
      {users.loading && !users.data ? (
        <Skeleton height={160} radius="lg" />
      ) : (
        <Table.ScrollContainer minWidth={680}>
          <Table verticalSpacing="sm" aria-label="Users">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Email</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Last sign-in</Table.Th>
                <ActionsColumnHeader />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((user) => {
                const mayManage = user.role !== 'owner' || session.can('owners:admin');
                return (
                  <Table.Tr key={user.id}>
                    <Table.Td>
                      {user.email}
                      {user.id === session.id && (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          (you)
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <NativeSelect
                        aria-label={`Role of ${user.email}`}
                        size="xs"
                        value={user.role}
                        disabled={!mayManage}
                        data={(mayManage ? roles : [user.role]).map((role) => ({ value: role, label: role }))}
                        onChange={(event) => void changeRole(user, event.currentTarget.value as Role)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Badge color={user.status === 'active' ? 'green' : 'yellow'} variant="light">
                        {user.status}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{formatDateTime(user.lastSignInAt)}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        {user.status === 'invited' && mayManage && (
                          <Button size="xs" variant="light" onClick={() => void renew(user)}>
                            New link
                          </Button>
                        )}
                        {mayManage && user.id !== session.id && (
                          <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(user)}>
                            Remove
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <InviteModal
        opened={inviting}
        roles={roles}
        onClose={() => setInviting(false)}
        onInvited={(invited) => {
          setInviting(false);
          setLink(invited);
          void users.reload();
        }}
      />
      <Modal opened={link !== null} onClose={() => setLink(null)} title={<Text fw={700} fz="lg">Invitation link</Text>} size="lg">
        {link && (
          <Stack>
            <Text size="sm">
              Send this link to <b>{link.user.email}</b> yourself (Countersign sends no mail). It works once, until{' '}
              {formatDateTime(link.invitation.expiresAt)}, and is shown only now.
            </Text>
            <CopyableCode label="Invitation link" value={link.invitation.url} />
            <Group justify="flex-end">
              <Button onClick={() => setLink(null)}>Done</Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={<Text fw={700} fz="lg">Remove this user?</Text>}>
        {removing && (
          <Stack>
            <Text size="sm">
              {removing.email} will be signed out everywhere and their API keys revoked. Their envelopes and documents stay.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRemoving(null)}>
                Cancel
              </Button>
              <Button
                color="red"
                onClick={async () => {
                  try {
                    await api.DELETE('/api/v1/users/{userId}', { params: { path: { userId: removing.id } } });
                    notifications.show({ color: 'green', title: 'User removed', message: removing.email });
                  } catch (error) {
                    notifications.show({ color: 'red', title: 'The user was not removed', message: describeError(error) });
                  }
                  setRemoving(null);
                  await users.reload();
                }}
              >
                Remove
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

function InviteModal({ opened, roles, onClose, onInvited }: { opened: boolean; roles: Role[]; onClose: () => void; onInvited: (invited: InvitedUser) => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const { submitting, error, fieldErrors, run } = useFormSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      onInvited(await api.POST('/api/v1/users', { body: { email: email.trim(), role } }));
      setEmail('');
      setRole('member');
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700} fz="lg">Invite a user</Text>}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {error !== undefined && !fieldErrors.email && <ErrorAlert error={error} title="Not invited" />}
          <TextInput label="Email" type="email" required autoFocus value={email} onChange={(event) => setEmail(event.currentTarget.value)} error={fieldErrors.email} />
          <NativeSelect
            label="Role"
            value={role}
            data={roles.map((value) => ({ value, label: ROLE_DESCRIPTIONS[value] }))}
            onChange={(event) => setRole(event.currentTarget.value as Role)}
          />
          <Alert variant="light" color="blue">
            You get a link to hand to them; they open it and choose a password.
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={submitting}>
              Invite
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
