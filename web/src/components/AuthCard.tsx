import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Logo } from './Logo';

/** The frame of the pages seen before signing in. */
export function AuthCard({ title, description, children }: { title: string; description: ReactNode; children: ReactNode }) {
  useDocumentTitle(`${title} · Countersign`);
  return (
    <Center mih="100vh" p="md" component="main">
      <Stack w="100%" maw={420} gap="lg">
        <Center>
          <Logo size="xl" />
        </Center>
        <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }}>
          <Title order={1} fz={22} mb={4}>
            {title}
          </Title>
          <Text c="dimmed" size="sm" mb="lg">
            {description}
          </Text>
          {children}
        </Paper>
      </Stack>
    </Center>
  );
}
