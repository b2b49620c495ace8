/**
 * The tab's frame: Fluent UI with the theme Teams is in, following it live when it changes, and
 * a switch between Recordings, My CPD (the officer's own record) and, for organisers, Organise.
 */
import { useEffect, useMemo, useState } from 'react';
import { FluentProvider, makeStyles, Spinner, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, tokens, type Theme } from '@fluentui/react-components';
import { CalendarEdit20Regular, HatGraduation20Regular, Video20Regular } from '@fluentui/react-icons';
import type { Host, ThemeName } from './teams/host.js';
import { RecordingsApi } from './api/recordings-api.js';
import { OrganiserApi } from './api/organiser-api.js';
import { CpdApi } from './api/cpd-api.js';
import { CpdPage } from './features/cpd/cpd-page.js';
import { RecordingsPage } from './features/recordings/recordings-page.js';
import { OrganisePage } from './features/organise/organise-page.js';
import { TabBar } from './ui/tab-bar.js';

const themes: Record<ThemeName, Theme> = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

type View = 'recordings' | 'cpd' | 'organise';

const titles: Record<View, string> = {
  recordings: 'Recordings — CPD weeks of action',
  cpd: 'My CPD — CPD weeks of action',
  organise: 'Organise — CPD weeks of action',
};

const useStyles = makeStyles({
  bar: { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, backgroundColor: tokens.colorNeutralBackground2 },
  barInner: {
    boxSizing: 'border-box',
    maxWidth: '960px',
    margin: '0 auto',
    padding: `0 ${tokens.spacingHorizontalL}`,
    '@media (max-width: 480px)': { padding: `0 ${tokens.spacingHorizontalXS}` },
  },
  opening: { display: 'flex', justifyContent: 'center', padding: tokens.spacingVerticalXXXL },
});

export function App({ host }: { host: Host }) {
  const styles = useStyles();
  const [theme, setTheme] = useState<ThemeName>(host.theme);
  useEffect(() => host.onThemeChange(setTheme), [host]);
  const api = useMemo(() => new RecordingsApi(() => host.token()), [host]);
  const organiserApi = useMemo(() => new OrganiserApi(() => host.token()), [host]);
  const cpdApi = useMemo(() => new CpdApi(() => host.token(), host.officerId), [host]);
  const organiser = useOrganiser(organiserApi);
  const [view, setView] = useState<View>(host.view ?? 'recordings');
  // Views once opened stay mounted (hidden), so a search or a half-done edit survives the switch.
  const [opened, setOpened] = useState<ReadonlySet<View>>(() => new Set([view]));
  // A deep link to Organise waits for the answer to "who is asking"; anyone else sees Recordings.
  const showing: View | 'opening' = view === 'organise' ? (organiser === true ? 'organise' : organiser === undefined ? 'opening' : 'recordings') : view;

  useEffect(() => {
    // The page behind the provider (overscroll, short lists) takes the theme's background too.
    document.body.style.background = themes[theme].colorNeutralBackground1;
    document.documentElement.dataset.theme = theme;
    // The browser's own parts of controls (a date field's calendar button, a number field's
    // arrows, scroll bars, a select's list) are drawn for the theme's background, not dark on dark.
    document.documentElement.style.colorScheme = theme === 'default' ? 'light' : 'dark';
  }, [theme]);
  useEffect(() => {
    if (showing !== 'opening') document.title = titles[showing];
  }, [showing]);

  const open = (next: View) => {
    setView(next);
    setOpened((was) => (was.has(next) ? was : new Set([...was, next])));
  };

  // The Recordings page keeps its place in the tree whether or not the switch is shown: the
  // answer from /api/me never reloads it.
  const recordingsMounted = opened.has('recordings') || showing === 'recordings';
  return (
    <FluentProvider theme={themes[theme]} style={{ minHeight: '100vh' }}>
      <nav className={styles.bar} aria-label="Views">
        <div className={styles.barInner}>
          <TabBar
            label="Views"
            selected={showing === 'opening' ? 'recordings' : showing}
            onSelect={open}
            items={[
              {
                value: 'recordings',
                label: 'Recordings',
                icon: <Video20Regular />,
                id: 'view-tab-recordings',
                ...(recordingsMounted ? { controls: 'view-recordings' } : {}),
              },
              {
                value: 'cpd',
                label: 'My CPD',
                icon: <HatGraduation20Regular />,
                id: 'view-tab-cpd',
                ...(opened.has('cpd') ? { controls: 'view-cpd' } : {}),
              },
              ...(organiser === true
                ? [
                    {
                      value: 'organise' as const,
                      label: 'Organise',
                      icon: <CalendarEdit20Regular />,
                      id: 'view-tab-organise',
                      ...(opened.has('organise') ? { controls: 'view-organise' } : {}),
                    },
                  ]
                : []),
            ]}
          />
        </div>
      </nav>
      {showing === 'opening' && (
        <div className={styles.opening}>
          <Spinner label="Opening Organise…" />
        </div>
      )}
      <div id="view-recordings" hidden={showing !== 'recordings'} role="tabpanel" aria-labelledby="view-tab-recordings">
        {recordingsMounted && <RecordingsPage api={api} host={host} />}
      </div>
      {opened.has('cpd') && (
        <div role="tabpanel" id="view-cpd" aria-labelledby="view-tab-cpd" hidden={showing !== 'cpd'}>
          <CpdPage api={cpdApi} />
        </div>
      )}
      {organiser === true && opened.has('organise') && (
        <div role="tabpanel" id="view-organise" aria-labelledby="view-tab-organise" hidden={showing !== 'organise'}>
          <OrganisePage api={organiserApi} />
        </div>
      )}
    </FluentProvider>
  );
}

/** Whether the signed-in person is an organiser: undefined until the API says; a failure counts as no. */
function useOrganiser(api: OrganiserApi): boolean | undefined {
  const [organiser, setOrganiser] = useState<boolean>();
  useEffect(() => {
    const controller = new AbortController();
    api.me(controller.signal).then(
      (me) => !controller.signal.aborted && setOrganiser(me.organiser === true),
      () => !controller.signal.aborted && setOrganiser(false),
    );
    return () => controller.abort();
  }, [api]);
  return organiser;
}
