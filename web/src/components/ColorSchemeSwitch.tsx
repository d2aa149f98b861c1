import { Menu, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CheckIcon } from './icons';

const CHOICES: MantineColorScheme[] = ['light', 'dark', 'auto'];

/**
 * Light, Dark or Auto (the system's setting, the default), as items of the account menu. Mantine's
 * colour scheme manager (main.tsx) keeps the choice in this browser. The chosen one has a check and
 * `aria-current`: a menu may hold only menu items (a radio group inside it breaks the menu for
 * assistive technology), and Mantine's items are always `menuitem`, which cannot carry `aria-checked`.
 */
export function ColorSchemeSwitch() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const { t } = useTranslation();
  return (
    <>
      <Menu.Label>{t('account.appearance')}</Menu.Label>
      {CHOICES.map((value) => (
        <Menu.Item
          key={value}
          onClick={() => setColorScheme(value)}
          aria-current={value === colorScheme ? 'true' : undefined}
          rightSection={value === colorScheme ? <CheckIcon size={16} /> : undefined}
          title={value === 'auto' ? t('account.colorSchemes.autoHint') : undefined}
        >
          {t(`account.colorSchemes.${value}`)}
        </Menu.Item>
      ))}
    </>
  );
}
