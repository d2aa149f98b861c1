import '@mantine/core/styles.css';
import '@mantine/dropzone/styles.css';
import '@mantine/notifications/styles.css';
import './app.css';
// First: the language is chosen before any component asks for a word.
import './i18n';
import { localStorageColorSchemeManager, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode, Suspense, useMemo, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { App } from './App';
import { cssVariablesResolver, themeIn } from './theme';

/** Where the account menu's Light / Dark / Auto is kept; web/public/color-scheme.js reads it before the app loads. */
const COLOR_SCHEME_KEY = 'countersign-color-scheme';
// Light, dark or the system's (the default), as chosen in the account menu, remembered in this browser.
const colorSchemeManager = localStorageColorSchemeManager({ key: COLOR_SCHEME_KEY });

/** Mantine with the app's theme, its own words (a dialog's ×) in the app's language. */
function ThemeProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const theme = useMemo(() => themeIn({ close: t('actions.close') }), [t]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto" colorSchemeManager={colorSchemeManager}>
      {children}
    </MantineProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* Waits for the chosen language's words (fetched unless English) before the first page. */}
    <Suspense fallback={null}>
      <ThemeProvider>
        {/* Bottom: never over the header's menu or a page's action buttons, on a phone either. */}
        <Notifications position="bottom-right" limit={4} />
        <App />
      </ThemeProvider>
    </Suspense>
  </StrictMode>,
);
