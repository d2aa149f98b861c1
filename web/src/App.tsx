import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, describeError, onSessionEnded, setCsrfToken } from './api';
import { AppLayout } from './components/AppLayout';
import { ErrorAlert } from './components/ErrorAlert';
import { newQueryClient } from './queryClient';
import { Routes } from './Routes';
import { SignInPage } from './pages/SignInPage';
import { SetupPage } from './pages/SetupPage';
import { InvitationPage } from './pages/InvitationPage';
import { SessionContext, type SessionValue } from './session';
import type { Role, Scope, SessionState } from './types';

type Gate =
  | { kind: 'loading' }
  | { kind: 'unreachable'; error: unknown }
  | { kind: 'setup'; codeRequired: boolean }
  | { kind: 'signed-out'; notice?: string }
  | { kind: 'invitation'; token: string }
  | { kind: 'signed-in'; id: string; email: string; role: Role; scopes: Scope[] };

/** An invitation link is `/invitation#<token>`: the token stays in the fragment, which browsers never send. */
function invitationToken(): string | null {
  return window.location.pathname === '/invitation' && window.location.hash.length > 1 ? window.location.hash.slice(1) : null;
}

/** Asks the server who is signed in, and shows the owner setup, the sign-in form or the app. */
export function App() {
  // Every page re-renders in the new language when it changes: words read outside components (status
  // words, dates) are read again too.
  const { t } = useTranslation();
  const [gate, setGate] = useState<Gate>(() => {
    const token = invitationToken();
    return token ? { kind: 'invitation', token } : { kind: 'loading' };
  });

  const accept = useCallback((state: SessionState) => {
    setCsrfToken(state.csrfToken);
    if (state.authenticated && state.account) {
      const { id, email, role, scopes } = state.account;
      setGate({ kind: 'signed-in', id, email, role, scopes });
    } else if (state.setupRequired) setGate({ kind: 'setup', codeRequired: state.setupCodeRequired ?? false });
    else setGate({ kind: 'signed-out' });
  }, []);

  const check = useCallback(async () => {
    setGate({ kind: 'loading' });
    try {
      accept(await api.GET('/api/v1/session'));
    } catch (error) {
      setGate({ kind: 'unreachable', error });
    }
  }, [accept]);

  useEffect(() => {
    if (!invitationToken()) void check();
  }, [check]);

  // Any 401 from the API means the session is over (idle too long, signed out in another tab).
  useEffect(
    () =>
      onSessionEnded(() => {
        setCsrfToken(undefined);
        setGate({ kind: 'signed-out', notice: t('session.ended') });
      }),
    [t],
  );

  const signOut = useCallback(async () => {
    try {
      await api.DELETE('/api/v1/session', { ignoreUnauthorized: true });
      setCsrfToken(undefined);
      setGate({ kind: 'signed-out', notice: t('session.signedOut') });
    } catch (error) {
      notifications.show({ color: 'red', title: t('session.signOutFailed'), message: describeError(error) });
    }
  }, [t]);

  const signedIn = gate.kind === 'signed-in' ? gate : null;
  // A new cache for each session: nothing one account read is shown after it signed out.
  const queryClient = useMemo(newQueryClient, [signedIn?.id, gate.kind]);
  const session = useMemo<SessionValue>(
    () => ({
      id: signedIn?.id ?? '',
      email: signedIn?.email ?? '',
      role: signedIn?.role ?? 'viewer',
      can: (scope: Scope) => signedIn?.scopes.includes(scope) ?? false,
      scopes: signedIn?.scopes ?? [],
      signOut,
    }),
    [signedIn, signOut],
  );

  switch (gate.kind) {
    case 'loading':
      return (
        <Center h="100vh">
          <Stack align="center" gap="sm">
            <Loader />
            <Text c="dimmed">{t('app.loading')}</Text>
          </Stack>
        </Center>
      );
    case 'unreachable':
      return (
        <Center h="100vh" p="md">
          <Stack maw={480}>
            <ErrorAlert error={gate.error} title={t('app.notAnswering')} />
            <Button onClick={() => void check()}>{t('actions.tryAgain')}</Button>
          </Stack>
        </Center>
      );
    case 'setup':
      return <SetupPage codeRequired={gate.codeRequired} onSignedIn={accept} />;
    case 'invitation':
      return (
        <InvitationPage
          token={gate.token}
          onSignedIn={(state) => {
            // The link is used up: leave it out of the address bar and history.
            window.history.replaceState(null, '', '/documents');
            accept(state);
          }}
        />
      );
    case 'signed-out':
      return <SignInPage onSignedIn={accept} notice={gate.notice} />;
    case 'signed-in':
      return (
        <QueryClientProvider client={queryClient}>
          <SessionContext.Provider value={session}>
            <AppLayout>
              <Routes />
            </AppLayout>
          </SessionContext.Provider>
        </QueryClientProvider>
      );
  }
}
