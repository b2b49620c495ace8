/**
 * The Recordings tab over HTTP: the JSON API it reads (/api/recordings) and its built static
 * files (/tab/). Reads the request, asks the recording library, answers JSON; nothing else.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type restify from 'restify';
import { appRoot, type Config } from '../config.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { Queryable } from '../store/db.js';
import type { SsoSettings } from '../auth/teams-sso.js';
import { makeGate, sendFailure, sendJson } from './access.js';
import { RecordingLibrary } from '../recordings/recording-library.js';
import { parseRecordingQuery } from '../recordings/recording-query.js';
import type { ApiError } from '../recordings/wire.js';

export interface RecordingsRouteDeps {
  db: Queryable;
  logger: Logger;
  /** The app's clock: a recording is listed from its posting date on, by this clock. */
  clock: Clock;
  /** Folder holding the built tab (vite's output). */
  tabDir: string;
  /**
   * How callers prove who they are: Teams SSO settings; 'local' for no token (loopback-only
   * local mode); 'closed' when the server faces the network without SSO configured.
   */
  access: SsoSettings | 'local' | 'closed';
}

export function registerRecordingsRoutes(server: restify.Server, deps: RecordingsRouteDeps): void {
  const library = new RecordingLibrary(deps.db, deps.clock);
  const log = deps.logger.child({ area: 'recordings-api' });
  if (deps.access === 'closed') log.warn('the recordings API is closed: the server is not on loopback and TAB_APP_CLIENT_ID is not set');
  // The one body for every refusal: which check failed is for the log, not for the caller.
  const gate = makeGate(deps.access, log, 'Sign in through Microsoft Teams to see the recordings.');
  const admitted = async (req: restify.Request, res: restify.Response): Promise<boolean> => (await gate(req, res)) !== undefined;

  server.get('/api/recordings', async (req: restify.Request, res: restify.Response) => {
    try {
      if (!(await admitted(req, res))) return;
      const parsed = parseRecordingQuery(req.query ?? {});
      if (!parsed.ok) {
        sendJson(res, 400, { error: 'bad_request', message: `That search could not be read: ${parsed.problems.join('; ')}.` } satisfies ApiError);
        return;
      }
      sendJson(res, 200, await library.find(parsed.query));
    } catch (error) {
      failed(res, log, error);
    }
  });

  server.get('/api/recordings/:id', async (req: restify.Request, res: restify.Response) => {
    try {
      if (!(await admitted(req, res))) return;
      const id = String(req.params.id ?? '');
      const recording = id.length <= 200 ? await library.get(id) : undefined;
      if (!recording) {
        sendJson(res, 404, {
          error: 'not_found',
          message: 'That recording is not in the list (it may have been withdrawn, or not be posted yet).',
        } satisfies ApiError);
        return;
      }
      sendJson(res, 200, recording);
    } catch (error) {
      failed(res, log, error);
    }
  });

  server.get('/tab', async (_req: restify.Request, res: restify.Response) => {
    res.writeHead(301, { location: '/tab/' });
    res.end();
  });
  server.get('/tab/*', async (req: restify.Request, res: restify.Response) => {
    try {
      await serveTabFile(deps.tabDir, req, res);
    } catch (error) {
      failed(res, log, error);
    }
  });
}

function failed(res: restify.Response, log: Logger, error: unknown): void {
  sendFailure(res, log, error, 'recordings request');
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Teams shows the tab in a frame, so framing is allowed for Teams' and Microsoft 365's origins
 * only. Fluent UI writes its styles at run time, hence 'unsafe-inline' for styles (not scripts).
 */
const tabPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.microsoft.us https://*.cloud.microsoft https://*.office.com https://*.microsoft365.com",
].join('; ');

async function serveTabFile(tabDir: string, req: restify.Request, res: restify.Response): Promise<void> {
  const root = path.resolve(tabDir);
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://tab').pathname).replace(/^\/tab\/?/, '');
  const requested = path.resolve(root, pathname || 'index.html');
  // Nothing outside the build folder, whatever the path says (../, encoded or not).
  if (requested !== root && !requested.startsWith(root + path.sep)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found');
    return;
  }
  let file = requested;
  const found = await stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!found) {
    // Paths without an extension are the tab's own pages: the single page answers them all.
    if (path.extname(file) !== '') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    file = path.join(root, 'index.html');
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end('The Recordings tab has not been built yet: run "npm run build".');
    return;
  }
  const isPage = file.endsWith('.html');
  res.writeHead(200, {
    'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    // Vite names assets by content hash: they never change. The page itself is always revalidated.
    'cache-control': isPage || !file.includes(`${path.sep}assets${path.sep}`) ? 'no-cache' : 'public, max-age=31536000, immutable',
    ...(isPage ? { 'content-security-policy': tabPolicy, 'referrer-policy': 'no-referrer' } : {}),
  });
  res.end(body);
}

/** Where vite puts the tab: dist/tab under the app's root, beside the compiled server. */
export const builtTabDir = path.join(appRoot, 'dist', 'tab');

/** Who may read the recordings, from the settings: SSO when configured, else open on loopback only. */
export function recordingsAccess(config: Pick<Config, 'tabSso' | 'host'>): RecordingsRouteDeps['access'] {
  if (config.tabSso) return config.tabSso;
  return config.host === '127.0.0.1' ? 'local' : 'closed';
}
