/**
 * The whole app, in-process, on a free loopback port, with a local connector to read replies.
 */
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from '../../bot/src/config.js';
import { composeApp, type App } from '../../bot/src/composition.js';
import { fixedClock } from '../../bot/src/clock.js';
import { createLogger } from '../../bot/src/log.js';
import { FakeConnector } from '../fakes/connector.js';
import { testDb, type TestDb } from './db.js';

export interface RunningApp {
  app: App;
  config: Config;
  connector: FakeConnector;
  baseUrl: string;
  database: TestDb;
  /** What the app logged, parsed, when started with `logLevel` (otherwise empty). */
  logs: Array<Record<string, any>>;
  /** POSTs one activity to /api/messages; returns the HTTP status and body. */
  send(activity: Record<string, unknown>): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/** `logLevel` keeps the app's log lines (from that level up) in `logs`, for tests of what is logged. */
export async function startApp(options: { now?: string; env?: Record<string, string>; logLevel?: string } = {}): Promise<RunningApp> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', PORT: '0', ...options.env });
  const database = await testDb();
  const connector = await new FakeConnector().start();
  const logs: Array<Record<string, any>> = [];
  const logger = options.logLevel
    ? createLogger(options.logLevel, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, any>) })
    : createLogger(config.logLevel);
  const app = await composeApp(config, logger, {
    db: database.db,
    ...(options.now ? { clock: fixedClock(new Date(options.now)) } : {}),
  });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  const port = (app.server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    config,
    connector,
    baseUrl,
    database,
    logs,
    send: (activity) => postActivity(baseUrl, connector.serviceUrl, activity),
    async stop() {
      app.server.close();
      await app.close();
      await connector.stop();
      await database.drop();
    },
  };
}

/** POSTs one activity to the app's /api/messages, replies going to `serviceUrl`; the HTTP status and body. */
export async function postActivity(baseUrl: string, serviceUrl: string, activity: Record<string, unknown>): Promise<{ status: number; body: any }> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ serviceUrl, ...activity }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

let counter = 0;
/** A Teams personal-chat message from an officer, as the channel sends it. */
export function teamsMessage(text: string, overrides: Record<string, any> = {}): Record<string, unknown> {
  counter += 1;
  return {
    type: 'message',
    id: `activity-${counter}`,
    channelId: 'msteams',
    timestamp: new Date().toISOString(),
    text,
    textFormat: 'plain',
    from: { id: '29:officer-1', name: 'PC Alex Morgan', aadObjectId: '00000000-0000-0000-0000-00000000a001' },
    recipient: { id: '28:cpd-bot', name: 'CPD sessions' },
    conversation: { id: 'a:personal-chat-1', conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    locale: 'en-GB',
    ...overrides,
  };
}
