/**
 * The tab's frame: Fluent UI with the theme Teams is in, following it live when it changes.
 */
import { useEffect, useMemo, useState } from 'react';
import { FluentProvider, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';
import type { Host, ThemeName } from './teams/host.js';
import { RecordingsApi } from './api/recordings-api.js';
import { RecordingsPage } from './features/recordings/recordings-page.js';

const themes: Record<ThemeName, Theme> = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

export function App({ host }: { host: Host }) {
  const [theme, setTheme] = useState<ThemeName>(host.theme);
  useEffect(() => host.onThemeChange(setTheme), [host]);
  const api = useMemo(() => new RecordingsApi(() => host.token()), [host]);
  useEffect(() => {
    // The page behind the provider (overscroll, short lists) takes the theme's background too.
    document.body.style.background = themes[theme].colorNeutralBackground1;
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <FluentProvider theme={themes[theme]} style={{ minHeight: '100vh' }}>
      <RecordingsPage api={api} host={host} />
    </FluentProvider>
  );
}
