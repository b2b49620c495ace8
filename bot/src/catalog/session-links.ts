/**
 * Where a session lives on the web: https://<app host>/sessions/<id>. The same address opens the
 * session's page in a browser and, pasted into Teams, unfurls into its card; both read it here so
 * they always agree on which links are ours.
 */

/** Session ids as the catalog file allows them (letters, digits, "-", "_", "."), bounded. */
const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export const SESSION_PAGE_ROUTE = '/sessions/:id';

/** The session's page under the app's public base URL (no trailing slash). */
export function sessionPageUrl(publicBaseUrl: string, sessionId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/sessions/${encodeURIComponent(sessionId)}`;
}

/** A path segment as it arrived, decoded, if it can be a session id. */
export function sessionIdOf(segment: string): string | undefined {
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch {
    return undefined;
  }
  return SESSION_ID.test(id) ? id : undefined;
}

/**
 * The session a link points at, when it is one of this app's session pages: http(s), the app's
 * own host (and port), path /sessions/<id> under the base URL's path, with an optional trailing slash; a query or fragment
 * does not matter. Anything else is not ours.
 */
export function sessionIdFromLink(link: string, publicBaseUrl: string): string | undefined {
  let url: URL;
  let base: URL;
  try {
    url = new URL(link.trim());
    base = new URL(publicBaseUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.host.toLowerCase() !== base.host.toLowerCase()) return undefined;
  const prefix = `${base.pathname.replace(/\/+$/, '')}/sessions/`;
  if (!url.pathname.startsWith(prefix)) return undefined;
  const match = /^([^/]+)\/?$/.exec(url.pathname.slice(prefix.length));
  return match ? sessionIdOf(match[1]!) : undefined;
}
