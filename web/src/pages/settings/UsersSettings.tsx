import { Alert, Badge, Button, Group, Modal, NativeSelect, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
import { useSchemaForm } from '../../hooks/useSchemaForm';
import { refusedBesideFields } from '../../components/refusedBesideFields';

/** Every role, from the most allowed; each is named and described in the settings catalog (roles, users.roleDescriptions). */
export const ROLES: readonly Role[] = ['owner', 'admin', 'member', 'viewer'];

/** Settings → Users: invite people (the link is shown here, no mail is sent), change roles, remove. */
export function UsersSettings() {
  const session = useSession();
  const { t } = useTranslation(['settings', 'common']);
  const users = useApiData('/api/v1/users');
  const [inviting, setInviting] = useState(false);
  const [link, setLink] = useState<InvitedUser | null>(null);
  const [removing, setRemoving] = useState<User | null>(null);
  // Only owners may grant the owner role: the others do not see it offered.
  const roles = ROLES.filter((role) => role !== 'owner' || session.can('owners:admin'));

  const changeRole = async (user: User, role: Role) => {
    try {
      await api.PATCH('/api/v1/users/{userId}', { params: { path: { userId: user.id } }, body: { role } });
      notifications.show({ color: 'green', title: t('users.roleChanged'), message: t('users.roleChangedText', { email: user.email, role: t(`roles.${role}`) }) });
    } catch (error) {
      notifications.show({ color: 'red', title: t('users.roleNotChanged'), message: describeError(error) });
    }
    await users.reload();
  };

  const renew = async (user: User) => {
    try {
      setLink(await api.POST('/api/v1/users/{userId}/invitation', { params: { path: { userId: user.id } } }));
    } catch (error) {
      notifications.show({ color: 'red', title: t('users.noNewLink'), message: describeError(error) });
    }
  };

  const list = users.data?.data ?? [];
  return (
    <Stack gap="md">
      <SectionHeader
        title={t('users.title')}
        description={t('users.description')}
        action={
          <Button leftSection={<PlusIcon size={16} />} onClick={() => setInviting(true)}>
            {t('users.invite')}
          </Button>
        }
      />
      {users.error !== undefined && <ErrorAlert error={users.error} title={t('users.loadFailed')} onRetry={() => void users.reload()} />}
      {users.loading && !users.data ? (
        <Skeleton height={160} radius="lg" />
      ) : (
        <Table.ScrollContainer minWidth={680}>
          <Table verticalSpacing="sm" aria-label={t('users.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.columns.email')}</Table.Th>
                <Table.Th>{t('users.columns.role')}</Table.Th>
                <Table.Th>{t('users.columns.status')}</Table.Th>
                <Table.Th>{t('users.columns.lastSignIn')}</Table.Th>
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
                          {t('users.you')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <NativeSelect
                        aria-label={t('users.roleOf', { email: user.email })}
                        size="xs"
                        value={user.role}
                        disabled={!mayManage}
                        data={(mayManage ? roles : [user.role]).map((role) => ({ value: role, label: t(`roles.${role}`) }))}
                        onChange={(event) => void changeRole(user, event.currentTarget.value as Role)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Badge color={user.status === 'active' ? 'green' : 'yellow'} variant="light">
                        {t(`users.statuses.${user.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{formatDateTime(user.lastSignInAt)}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        {user.status === 'invited' && mayManage && (
                          <Button size="xs" variant="light" onClick={() => void renew(user)}>
                            {t('users.newLink')}
                          </Button>
                        )}
                        {mayManage && user.id !== session.id && (
                          <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(user)}>
                            {t('common:actions.remove')}
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
      <Modal opened={link !== null} onClose={() => setLink(null)} title={<Text fw={700} fz="lg">{t('users.invitationLink')}</Text>} size="lg">
        {link && (
          <Stack>
            <Text size="sm">
              <Trans
                t={t}
                i18nKey="users.sendLink"
                values={{ email: link.user.email, date: formatDateTime(link.invitation.expiresAt) }}
                components={{ b: <b /> }}
              />
            </Text>
            <CopyableCode label={t('users.invitationLink')} value={link.invitation.url} />
            <Group justify="flex-end">
              <Button onClick={() => setLink(null)}>{t('common:actions.done')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={<Text fw={700} fz="lg">{t('users.removeTitle')}</Text>}>
        {removing && (
          <Stack>
            <Text size="sm">
              {t('users.removeText', { email: removing.email })}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRemoving(null)}>
                {t('common:actions.cancel')}
              </Button>
              <Button
                color="red"
                onClick={async () => {
                  try {
                    await api.DELETE('/api/v1/users/{userId}', { params: { path: { userId: removing.id } } });
                    notifications.show({ color: 'green', title: t('users.removed'), message: removing.email });
                  } catch (error) {
                    notifications.show({ color: 'red', title: t('users.notRemoved'), message: describeError(error) });
                  }
                  setRemoving(null);
                  await users.reload();
                }}
              >
                {t('common:actions.remove')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

function InviteModal({ opened, roles, onClose, onInvited }: { opened: boolean; roles: Role[]; onClose: () => void; onInvited: (invited: InvitedUser) => void }) {
  const { t } = useTranslation(['settings', 'common']);
  const blank = { email: '', role: 'member' as Role };
  const { form, submit, submitting, refusal, restart } = useSchemaForm({
    route: 'POST /api/v1/users',
    initialValues: blank,
    toBody: ({ email, role }) => ({ email: email.trim(), role }),
  });

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700} fz="lg">{t('users.inviteTitle')}</Text>}>
      <form
        onSubmit={submit(async (body) => {
          onInvited(await api.POST('/api/v1/users', { body }));
          // The next invitation starts empty.
          restart(blank);
        })}
        noValidate
      >
        <Stack>
          {refusal !== undefined && !refusedBesideFields(refusal, ['email']) && <ErrorAlert error={refusal} title={t('users.notInvited')} />}
          <TextInput label={t('users.email')} type="email" required autoFocus {...form.getInputProps('email')} />
          <NativeSelect
            label={t('users.role')}
            data={roles.map((value) => ({ value, label: t(`users.roleDescriptions.${value}`) }))}
            {...form.getInputProps('role')}
          />
          <Alert variant="light" color="blue">
            {t('users.inviteHint')}
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={submitting}>
              {t('users.inviteSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
