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
  /** POSTs one activity to /api/messages; returns the HTTP status and body. */
  send(activity: Record<string, unknown>): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

export async function startApp(options: { now?: string; env?: Record<string, string> } = {}): Promise<RunningApp> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', PORT: '0', ...options.env });
  const database = await testDb();
  const connector = await new FakeConnector().start();
  const app = await composeApp(config, createLogger(config.logLevel), {
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
    async send(activity) {
      const response = await fetch(`${baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ serviceUrl: connector.serviceUrl, ...activity }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async stop() {
      app.server.close();
      await app.close();
      await connector.stop();
      await database.drop();
    },
  };
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
