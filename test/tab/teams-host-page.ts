/**
 * A stand-in for the Teams client: a page on the app's own origin that frames the tab and
 * answers the Teams JS SDK's messages (initialize, context, SSO token, open link) the way Teams
 * does, and can switch theme. teams-js accepts messages from its own origin, so no production
 * code knows about it.
 */
export function teamsHostPage(options: { tabPath: string; theme: string; subPageId?: string; token: string }): string {
  const runtime = {
    apiVersion: 4,
    hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
    isLegacyTeams: false,
    supports: { app: {}, appEntity: {}, authentication: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} }, teamsCore: {} },
  };
  const context = {
    locale: 'en-gb',
    theme: options.theme,
    entityId: 'recordings',
    subEntityId: options.subPageId ?? '',
    frameContext: 'content',
    hostClientType: 'web',
    tid: '11111111-1111-4111-8111-111111111111',
    userObjectId: '22222222-2222-4222-8222-222222222222',
    appSessionId: 'session-1',
    sessionId: 'session-1',
    teamsAppId: 'app-1',
  };
  return `<!doctype html><html lang="en"><head><title>Teams (test host)</title></head><body style="margin:0">
<iframe id="tab" title="Recordings" src="${options.tabPath}" style="border:0;width:100vw;height:100vh"></iframe>
<script>
  const frame = document.getElementById('tab');
  window.hostCalls = [];
  window.openedLinks = [];
  window.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow || typeof event.data?.func !== 'string') return;
    const m = event.data;
    window.hostCalls.push(m.func);
    const reply = (args) => frame.contentWindow.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args }, '*');
    if (m.func === 'initialize') reply(['content', 'web', ${JSON.stringify(JSON.stringify(runtime))}, '2.58.0']);
    else if (m.func === 'getContext') reply([${JSON.stringify(context)}]);
    else if (m.func === 'authentication.getAuthToken') reply([true, ${JSON.stringify(options.token)}]);
    else if (m.func === 'executeDeepLink') { window.openedLinks.push(m.args[0]); reply([true]); }
    else reply([true]);
  });
  window.switchTheme = (theme) => frame.contentWindow.postMessage({ func: 'themeChange', args: [theme] }, '*');
</script></body></html>`;
}
