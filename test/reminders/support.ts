/**
 * One database, one catalog file and one connector stand-in, with the app started and stopped
 * on them at chosen CLOCK_NOW moments, as a deployment restarted through a week would be.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../../bot/src/config.js';
import { composeApp, type App, type Overrides } from '../../bot/src/composition.js';
import { fixedClock } from '../../bot/src/clock.js';
import { createLogger } from '../../bot/src/log.js';
import { FakeConnector, type FakeConnectorOptions, type SentActivity } from '../fakes/connector.js';
import { testDb, type TestDb } from '../support/db.js';
import { adaptiveCards, assertValidCard, assertValidInvokeResponse } from '../support/cards.js';
import { execute, personal, type TestOfficer } from '../organise/support.js';
import { postActivity, teamsMessage } from '../support/app.js';

export interface CatalogSession {
  id: string;
  title: string;
  starts: string;
  ends: string;
  capacity?: number;
  joinUrl?: string;
}

export interface CatalogRecording {
  id: string;
  session: string;
  title: string;
  url: string;
  postedAt: string;
}

export function catalogYaml(sessions: CatalogSession[], recordings: CatalogRecording[] = []): string {
  return stringify({ timeZone: 'Europe/London', sessions, ...(recordings.length > 0 ? { recordings } : {}) });
}

export interface RunningAt {
  app: App;
  now: Date;
  send(activity: Record<string, unknown>): Promise<{ status: number; body: any }>;
  /** Presses an Action.Execute button as the officer, in their personal chat; the invoke response. */
  press(who: TestOfficer, verb: string, data: Record<string, unknown>): Promise<any>;
  /** Types a message in the officer's personal chat. */
  say(who: TestOfficer, text: string): Promise<void>;
  stop(): Promise<void>;
}

export class Week {
  readonly connector: FakeConnector;
  private constructor(
    readonly database: TestDb,
    private readonly dir: string,
    readonly catalogFile: string,
    connector: FakeConnector,
  ) {
    this.connector = connector;
  }

  static async open(sessions: CatalogSession[], options: { connector?: FakeConnectorOptions } = {}): Promise<Week> {
    const dir = mkdtempSync(path.join(tmpdir(), 'reminders-'));
    const file = path.join(dir, 'catalog.yaml');
    writeFileSync(file, catalogYaml(sessions));
    return new Week(await testDb(), dir, file, await new FakeConnector(options.connector).start());
  }

  /** The app, started at `now` (a fixed clock: time does not move within the run). */
  async at(now: string, overrides: Omit<Overrides, 'db' | 'clock'> = {}): Promise<RunningAt> {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      PORT: '0',
      CATALOG_FILE: this.catalogFile,
      PUBLIC_BASE_URL: 'https://cpd.example.police.uk',
      CALENDAR_MODE: 'ics',
    });
    const clock = fixedClock(new Date(now));
    const app = await composeApp(config, createLogger(config.logLevel), { ...overrides, db: this.database.db, clock });
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const send = (activity: Record<string, unknown>) => postActivity(baseUrl, this.connector.serviceUrl, activity);
    return {
      app,
      now: clock.now(),
      send,
      async press(who, verb, data) {
        const { status, body } = await send(execute(verb, { verb, ...data }, personal(who)));
        assertValidInvokeResponse(body);
        if (status !== body.statusCode) throw new Error(`invoke answered ${status}, body says ${body.statusCode}`);
        return body;
      },
      async say(who, text) {
        const { status } = await send(teamsMessage(text, personal(who)));
        if (status !== 200) throw new Error(`message answered ${status}`);
      },
      async stop() {
        app.server.close();
        await app.close();
      },
    };
  }

  /** The app at `now` for as long as `work` takes, then stopped. */
  async during<T>(now: string, work: (running: RunningAt) => Promise<T>, overrides: Omit<Overrides, 'db' | 'clock'> = {}): Promise<T> {
    const running = await this.at(now, overrides);
    try {
      return await work(running);
    } finally {
      await running.stop();
    }
  }

  /** Replaces the catalog file (the next start publishes it as a new version). */
  writeCatalog(sessions: CatalogSession[], recordings: CatalogRecording[] = []): void {
    writeFileSync(this.catalogFile, catalogYaml(sessions, recordings));
  }

  async close(): Promise<void> {
    await this.connector.stop();
    await this.database.drop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Every card the bot sent to the officer's chat whose text matches, each checked as Teams would. */
export function cardsTo(connector: FakeConnector, who: TestOfficer, match: RegExp): any[] {
  return connector
    .to(who.personalChat)
    .flatMap((s: SentActivity) => adaptiveCards(s.activity))
    .filter((card) => match.test(JSON.stringify(card)))
    .map((card) => {
      assertValidCard(card);
      return card;
    });
}

/** Waits for the outbox to have nothing due left by the app's clock, then a little longer for stragglers. */
export async function settled(running: RunningAt, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await running.app.db.query<{ n: number }>(
      `select count(*)::int as n from jobs where state in ('pending', 'running') and run_after <= $1 and (expires_at is null or expires_at > $1)`,
      [running.now],
    );
    if (row?.n === 0) break;
    if (Date.now() > deadline) throw new Error(`outbox still busy after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => setTimeout(resolve, 150));
}

/** The reminder-like texts the officer's chat has received, in order (the lead line of each card). */
export function leads(connector: FakeConnector, who: TestOfficer): string[] {
  return connector
    .to(who.personalChat)
    .flatMap((s) => adaptiveCards(s.activity))
    .map((card) => String(card.body?.[0]?.text ?? ''));
}
