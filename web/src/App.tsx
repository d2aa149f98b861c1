import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, describeError, onSessionEnded, setCsrfToken } from './api';
import { AppLayout } from './components/AppLayout';
import { ErrorAlert } from './components/ErrorAlert';
import { Routes } from './Routes';
import { SignInPage } from './pages/SignInPage';
import { SetupPage } from './pages/SetupPage';
import { SessionContext, type SessionValue } from './session';
import type { SessionState } from './types';

type Gate =
  | { kind: 'loading' }
  | { kind: 'unreachable'; error: unknown }
  | { kind: 'setup' }
  | { kind: 'signed-out'; notice?: string }
  | { kind: 'signed-in'; email: string };

/** Asks the server who is signed in, and shows the owner setup, the sign-in form or the app. */
export function App() {
  const [gate, setGate] = useState<Gate>({ kind: 'loading' });

  const accept = useCallback((state: SessionState) => {
    setCsrfToken(state.csrfToken);
    if (state.authenticated && state.account) setGate({ kind: 'signed-in', email: state.account.email });
    else if (state.setupRequired) setGate({ kind: 'setup' });
    else setGate({ kind: 'signed-out' });
  }, []);

  const check = useCallback(async () => {
    setGate({ kind: 'loading' });
    try {
      accept(await api.get<SessionState>('/api/v1/session'));
    } catch (error) {
      setGate({ kind: 'unreachable', error });
    }
  }, [accept]);

  useEffect(() => {
    void check();
  }, [check]);

  // Any 401 from the API means the session is over (idle too long, signed out in another tab).
  useEffect(
    () =>
      onSessionEnded(() => {
        setCsrfToken(undefined);
        setGate({ kind: 'signed-out', notice: 'Your session has ended. Sign in again to continue.' });
      }),
    [],
  );

  const signOut = useCallback(async () => {
    try {
      await api.delete('/api/v1/session', { ignoreUnauthorized: true });
      setCsrfToken(undefined);
      setGate({ kind: 'signed-out', notice: 'You have signed out.' });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not sign out', message: describeError(error) });
    }
  }, []);

  const email = gate.kind === 'signed-in' ? gate.email : '';
  const session = useMemo<SessionValue>(() => ({ email, signOut }), [email, signOut]);

  switch (gate.kind) {
    case 'loading':
      return (
        <Center h="100vh">
          <Stack align="center" gap="sm">
            <Loader />
            <Text c="dimmed">Loading Countersign…</Text>
          </Stack>
        </Center>
      );
    case 'unreachable':
      return (
        <Center h="100vh" p="md">
          <Stack maw={480}>
            <ErrorAlert error={gate.error} title="Countersign is not answering" />
            <Button onClick={() => void check()}>Try again</Button>
          </Stack>
        </Center>
      );
    case 'setup':
      return <SetupPage onSignedIn={accept} />;
    case 'signed-out':
      return <SignInPage onSignedIn={accept} notice={gate.notice} />;
    case 'signed-in':
      return (
        <SessionContext.Provider value={session}>
          <AppLayout>
            <Routes />
          </AppLayout>
        </SessionContext.Provider>
      );
  }
}
