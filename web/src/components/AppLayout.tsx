import { AppShell, Avatar, Burger, Group, Menu, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { linkProps, usePathname } from '../router';
import { useSession } from '../session';
import { ColorSchemeSwitch } from './ColorSchemeSwitch';
import { LanguageSwitch } from './LanguageSwitch';
import { ChevronDownIcon, EnvelopeIcon, FileIcon, LogoutIcon, SettingsIcon, TemplateIcon } from './icons';
import { Logo } from './Logo';

const NAVIGATION = [
  { href: '/documents', page: 'documents', icon: FileIcon },
  { href: '/envelopes', page: 'envelopes', icon: EnvelopeIcon },
  { href: '/templates', page: 'templates', icon: TemplateIcon },
  { href: '/settings', page: 'settings', icon: SettingsIcon },
] as const;

/** Header with the product name and account menu, the navigation (a burger menu below 768 px), and the page. */
export function AppLayout({ children }: { children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure(false);
  // Below 768 px the closed navigation is only moved off screen: make it unreachable by Tab too.
  const phone = useMediaQuery('(max-width: 48em)');
  const pathname = usePathname();
  const { email, signOut } = useSession();
  const { t } = useTranslation();

  return (
    <AppShell
      header={{ height: 60 }}
      // Mantine's `sm` breakpoint is 48em = 768 px: narrower screens get the burger menu.
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', sm: 'xl' }}
    >
      <a href="#main" className="skip-link">
        {t('layout.skipToMain')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? t('layout.closeNavigation') : t('layout.openNavigation')} />
            <a {...linkProps('/documents', close)} style={{ color: 'inherit', textDecoration: 'none' }} aria-label={t('layout.home')}>
              <Logo />
            </a>
          </Group>
          {/* No focus placeholder: a menu may hold only its items, and Mantine's is a bare focusable div. */}
          <Menu position="bottom-end" width={240} shadow="md" withInitialFocusPlaceholder={false}>
            <Menu.Target>
              {/* Named by its own words ("Account menu for" is read, not shown), so that the name holds
                  the email it shows; the avatar's initial is left out of it. At phone width the email
                  is read, not shown. */}
              <UnstyledButton style={{ borderRadius: 'var(--mantine-radius-md)' }} p={4}>
                <Group gap={8} wrap="nowrap">
                  <Avatar size={30} radius="xl" color="brand" aria-hidden="true">
                    {email.charAt(0).toUpperCase()}
                  </Avatar>
                  <span className="visually-hidden">{t('account.menuFor')} </span>
                  <Text size="sm" maw={220} truncate className={phone ? 'visually-hidden' : undefined}>
                    {email}
                  </Text>
                  <ChevronDownIcon size={14} />
                </Group>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{t('account.signedInAs', { email })}</Menu.Label>
              <ColorSchemeSwitch />
              <Menu.Divider />
              <LanguageSwitch />
              <Menu.Divider />
              <Menu.Item leftSection={<LogoutIcon size={16} />} onClick={() => void signOut()}>
                {t('account.signOut')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t('layout.mainNavigation')} inert={phone && !opened}>
        {/* No ScrollArea: three links never overflow, and its clipping would cut the keyboard focus ring. */}
        <AppShell.Section grow>
          {NAVIGATION.map(({ href, page, icon: Icon }) => {
            const active = pathname === href || pathname.startsWith(`${href}/`);
            return (
              <NavLink
                key={href}
                component="a"
                {...linkProps(href, close)}
                label={t(`layout.pages.${page}`)}
                leftSection={<Icon size={18} />}
                active={active}
                aria-current={active ? 'page' : undefined}
                variant="light"
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
                mb={4}
                fw={600}
              />
            );
          })}
        </AppShell.Section>
        <AppShell.Section>
          <Text size="xs" c="dimmed" px="sm" pb="xs">
            <a href="/api/v1/docs" target="_blank" rel="noreferrer" style={{ color: 'inherit' }}>
              {t('layout.apiReference')}
            </a>
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <div style={{ maxWidth: 1200, margin: '0 auto' }}>{children}</div>
      </AppShell.Main>
    </AppShell>
  );
}
