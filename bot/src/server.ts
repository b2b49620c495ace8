/**
 * The HTTP surface, built without listening so tests can run the whole app in-process.
 */
import restify from 'restify';
import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Db } from './store/db.js';
import type { Logger } from './log.js';
import { requestGuard } from './http/request-guard.js';
import { checkActivity, withDates } from './http/activity-shape.js';
import { sendJson } from './http/access.js';
import { distressGuard, textReadingOf } from './http/distress-guard.js';
import { EDGE_TEXT_READING } from './teams/activity.js';

/**
 * CloudAdapter with its turn runner callable: the server reads, checks and answers the request
 * itself (CloudAdapter.process would answer a refused token with the check that failed, and print
 * the error with its stack).
 */
export class BotAdapter extends CloudAdapter {
  runTurn(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export interface ServerDeps {
  adapter: BotAdapter;
  bot: ActivityHandler;
  db: Db;
  logger: Logger;
  /** Routes (as registered) that take bodies up to `largeBodyBytes`: the catalog upload. */
  largeBodyRoutes?: readonly string[];
  largeBodyBytes?: number;
  /** No Bot Framework authentication: replies go only to a loopback service URL (the default). */
  localMode?: boolean;
  /** How long a client may take to send a whole request (headers and body); 30 s unless set. */
  requestTimeoutMs?: number;
}

export interface AppServer {
  server: restify.Server;
  /** Turns still being processed; shutdown waits for them. */
  inFlight(): number;
}

export function makeServer(deps: ServerDeps): AppServer {
  // Ids in paths (a session's page, a recording) run to 200 characters; the router's default reads 100.
  const server = restify.createServer({ name: 'cpd-bot', handleUncaughtExceptions: false, maxParamLength: 256 });
  // A client that sends its headers (or its body) slowly, or stops, is cut off with a 408 rather
  // than holding a socket for Node's five minutes. Node checks on an interval: a fraction of the timeout.
  const timeout = deps.requestTimeoutMs ?? 30_000;
  Object.assign(server.server, { requestTimeout: timeout, headersTimeout: timeout, connectionsCheckingInterval: Math.min(1000, Math.max(25, timeout / 4)) });
  let busy = 0;
  // Bodies up to 256 KB (a Bot Framework activity is far smaller), except a catalog upload.
  server.use(requestGuard({ bytes: 256 * 1024, larger: { routes: deps.largeBodyRoutes ?? [], bytes: deps.largeBodyBytes ?? 256 * 1024 } }, deps.logger));
  server.use(restify.plugins.queryParser({ mapParams: false }));

  const log = deps.logger.child({ area: 'messages' });
  // A message in distress is read before anything logs: then nothing of it is logged at all.
  server.post('/api/messages', distressGuard(), async (req, res) => {
    const checked = checkActivity(req.body, { localMode: deps.localMode ?? true });
    if (!checked.ok) {
      if (checked.reason === 'shape') {
        log.warn({ problems: checked.problems }, 'activity refused: not an activity the bot can read');
        return sendJson(res, 400, { error: 'bad_request', message: 'That is not an activity the bot can read.' });
      }
      log.warn({ serviceHost: checked.host }, 'activity refused: service URL not on loopback in local mode');
      return sendJson(res, 400, {
        error: 'bad_request',
        message: 'In local mode the bot only replies to a channel on this machine (a loopback service URL).',
      });
    }
    busy += 1;
    try {
      const activity = withDates(checked.activity) as unknown as Activity;
      const reading = textReadingOf(req.body);
      const answer = await deps.adapter.runTurn(req.headers.authorization ?? '', activity, (context) => {
        if (reading) context.turnState.set(EDGE_TEXT_READING, reading);
        return deps.bot.run(context);
      });
      if (answer?.body === undefined) {
        res.writeHead(answer?.status ?? 200);
        res.end();
      } else sendJson(res, answer.status, answer.body);
    } catch (error) {
      if (error instanceof AuthenticationError) {
        // A bare 401: which check failed is for the log, not for the caller.
        log.warn({ reason: error.message }, 'activity refused: Bot Framework token not accepted');
        if (!res.headersSent) {
          res.writeHead(401, { 'www-authenticate': 'Bearer' });
          res.end();
        }
      } else {
        deps.logger.error({ err: error }, 'turn failed outside the bot');
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      }
    } finally {
      busy -= 1;
    }
  });
  // Browsers and the Agents Playground look at the endpoint with HEAD or GET on each page load:
  // a plain answer, not a warning in the log.
  const postOnly = async (req: restify.Request, res: restify.Response) => {
    log.debug({ method: req.method }, 'endpoint looked at without an activity');
    res.writeHead(405, { allow: 'POST', 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ error: 'method_not_allowed', message: "This is the bot's endpoint: the Bot Framework channel POSTs activities here." }));
  };
  server.head('/api/messages', postOnly);
  server.get('/api/messages', postOnly);

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
    return callback();
  });

  return { server, inFlight: () => busy };
}
