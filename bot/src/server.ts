/**
 * The HTTP surface, built without listening so tests can run the whole app in-process.
 */
import restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';
import type { Db } from './store/db.js';
import type { Logger } from './log.js';

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  db: Db;
  logger: Logger;
  /** Routes (as registered) that take bodies up to `largeBodyBytes`: the catalog upload. */
  largeBodyRoutes?: readonly string[];
  largeBodyBytes?: number;
}

export interface AppServer {
  server: restify.Server;
  /** Turns still being processed; shutdown waits for them. */
  inFlight(): number;
}

export function makeServer(deps: ServerDeps): AppServer {
  // Ids in paths (a session's page, a recording) run to 200 characters; the router's default reads 100.
  const server = restify.createServer({ name: 'cpd-bot', handleUncaughtExceptions: false, maxParamLength: 256 });
  let busy = 0;
  // Bodies up to 256 KB (a Bot Framework activity is far smaller), except a catalog upload.
  const small = restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false });
  const large = restify.plugins.bodyParser({ maxBodySize: deps.largeBodyBytes ?? 256 * 1024, mapParams: false });
  server.use((req, res, next) => {
    const route = req.getRoute()?.path;
    runChain(route !== undefined && deps.largeBodyRoutes?.includes(String(route)) ? large : small, req, res, next);
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    busy += 1;
    try {
      await deps.adapter.process(req, res, (context) => deps.bot.run(context));
    } catch (error) {
      deps.logger.error({ err: error }, 'turn failed outside the bot');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    } finally {
      busy -= 1;
    }
  });

  server.get('/healthz', async (_req, res) => {
    try {
      await deps.db.query('select 1');
      res.send(200, { status: 'ok' });
    } catch (error) {
      deps.logger.error({ err: error }, 'health check: database unavailable');
      res.send(503, { status: 'unavailable' });
    }
  });

  server.on('restifyError', (req, _res, error, callback) => {
    // The route, not the URL: an .ics link's path is the officer's private token.
    deps.logger.warn({ err: error, route: req.getRoute()?.path ?? 'unrouted', method: req.method }, 'request error');
    // Restify words a too-large body for developers; the tab and organisers read this one.
    if ((error as { statusCode?: number }).statusCode === 413) {
      const limit = Math.round((deps.largeBodyRoutes?.includes(String(req.getRoute()?.path)) ? (deps.largeBodyBytes ?? 256 * 1024) : 256 * 1024) / 1024);
      const message =
        limit >= 1024 ? `That is larger than the app accepts (up to ${limit / 1024} MB).` : `That is larger than the app accepts (up to ${limit} KB).`;
      Object.assign(error, { toJSON: () => ({ error: 'too_large', message }) });
    }
    return callback();
  });

  return { server, inFlight: () => busy };
}

type Handler = restify.RequestHandler;

/** Runs restify handlers in order, as the server would for `use(...handlers)`. */
function runChain(handlers: Handler | Handler[], req: restify.Request, res: restify.Response, done: restify.Next): void {
  const list = Array.isArray(handlers) ? (handlers.flat() as Handler[]) : [handlers];
  const step = (i: number): void => {
    if (i >= list.length) return void done();
    list[i]!(req, res, ((error?: unknown) => (error === undefined || error === true ? step(i + 1) : done(error as Error))) as restify.Next);
  };
  step(0);
}
