/**
 * Where the tab runs: inside Teams (the SDK answers app.initialize) or in a plain browser
 * ("local mode"). Everything the tab needs from its host goes through this one interface, so the
 * rest of the tab never asks which it is.
 */
import { app, authentication } from '@microsoft/teams-js';

export type ThemeName = 'default' | 'dark' | 'contrast';

export interface Host {
  inTeams: boolean;
  theme: ThemeName;
  /** The recording a deep link points at: Teams' subPageId, or ?recording= in a browser. */
  recordingId?: string;
  /** The view a deep link opens: subPageId `organise` or `cpd` in Teams, or ?view= in a browser. */
  view?: LinkedView;
  /**
   * Local mode only (a browser, no SSO): whose CPD record to show, as ?officer= (the Agents
   * Playground user's aadObjectId). In Teams the record is always the signed-in officer's.
   */
  officerId?: string;
  /** Opens a web page outside Teams (Knowledge Hub cannot play inside Teams' frame). */
  openLink(url: string): Promise<void>;
  /** The Teams SSO token for our API; undefined outside Teams or when Teams gives none. */
  token(): Promise<string | undefined>;
  /** Calls `listener` whenever the theme changes (Teams' theme switch). */
  onThemeChange(listener: (theme: ThemeName) => void): void;
}

/** The deep links (Teams subPageIds) that open a view other than Recordings. */
export type LinkedView = 'organise' | 'cpd';
const linkedViews: readonly string[] = ['organise', 'cpd'] satisfies LinkedView[];
const isLinkedView = (value: string | null | undefined): value is LinkedView => !!value && linkedViews.includes(value);

/** How long to wait for Teams to answer before concluding the tab runs in a plain browser. */
const initializeTimeoutMs = 4000;

export async function connectToHost(location: Location = window.location): Promise<Host> {
  const params = new URLSearchParams(location.search);
  const forcedTheme = themeName(params.get('theme'));
  const linkedRecording = params.get('recording') ?? undefined;
  const askedView = params.get('view');
  const linkedView = isLinkedView(askedView) ? askedView : undefined;
  const officerId = params.get('officer')?.trim() || undefined;
  const listeners: Array<(theme: ThemeName) => void> = [];

  // A page that is neither framed nor opened by another window cannot be in Teams (desktop and
  // web both frame the tab): skip the SDK and its timeout.
  const framed = window.parent !== window || window.opener !== null;
  const teams = framed ? await initializeTeams() : undefined;
  if (!teams) {
    const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches;
    const contrast = window.matchMedia?.('(forced-colors: active)').matches;
    return {
      inTeams: false,
      theme: forcedTheme ?? (contrast ? 'contrast' : dark ? 'dark' : 'default'),
      ...(linkedRecording ? { recordingId: linkedRecording } : {}),
      ...(linkedView ? { view: linkedView } : {}),
      ...(officerId ? { officerId } : {}),
      openLink: async (url) => void window.open(url, '_blank', 'noopener'),
      token: async () => undefined,
      onThemeChange: (listener) => void listeners.push(listener),
    };
  }

  // Teams calls this handler when the user switches theme; listeners added later still hear it.
  app.registerOnThemeChangeHandler((theme) => listeners.forEach((l) => l(themeName(theme) ?? 'default')));
  // The sub-page is a view (Organise, My CPD) or a recording.
  const subPage = teams.page?.subPageId || undefined;
  const view = isLinkedView(subPage) ? subPage : linkedView;
  const recordingId = (!isLinkedView(subPage) ? subPage : undefined) || linkedRecording;
  return {
    inTeams: true,
    theme: forcedTheme ?? themeName(teams.app.theme) ?? 'default',
    ...(recordingId ? { recordingId } : {}),
    ...(view ? { view } : {}),
    openLink: (url) => app.openLink(url),
    token: async () => {
      try {
        return await authentication.getAuthToken();
      } catch {
        // No SSO set up for this app (local development inside Teams): the API decides.
        return undefined;
      }
    },
    onThemeChange: (listener) => void listeners.push(listener),
  };
}

async function initializeTeams(): Promise<app.Context | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), initializeTimeoutMs);
  });
  try {
    const context = await Promise.race([app.initialize().then(() => app.getContext()), timeout]);
    if (context) void app.notifySuccess();
    return context;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

function themeName(value: string | null | undefined): ThemeName | undefined {
  return value === 'default' || value === 'dark' || value === 'contrast' ? value : undefined;
}
