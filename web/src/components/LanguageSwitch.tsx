import { Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLocale, LOCALES, setLocale } from '../i18n';
import { CheckIcon } from './icons';

/**
 * The app's language, as items of the account menu, each named in its own words (a person who cannot
 * read the current one still finds theirs). The choice is kept in this browser; until one is made, the
 * browser's own languages choose. Like the colour scheme's items, the chosen one has a check and
 * `aria-current`, and each carries its `lang` so that a screen reader says "Polski" in Polish.
 */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const chosen = currentLocale();
  return (
    <>
      <Menu.Label>{t('account.language')}</Menu.Label>
      {LOCALES.map(({ code, name }) => (
        <Menu.Item
          key={code}
          lang={code}
          onClick={() => void setLocale(code)}
          aria-current={code === chosen ? 'true' : undefined}
          rightSection={code === chosen ? <CheckIcon size={16} /> : undefined}
        >
          {name}
        </Menu.Item>
      ))}
    </>
  );
}
