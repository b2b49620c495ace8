/**
 * One session's "starts in 15 minutes" fan-out from several app processes on one real
 * PostgreSQL, against the connector stand-in enforcing Teams' limits: for the cross-process test
 * (a few hundred officers) and the benchmark (10,000). The officers' bookings and personal chats
 * are written straight into the tables (booking is not what is measured); the app processes are
 * `bot/src/index.ts` itself, started with CLOCK_NOW at the session's 15-minute moment.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../bot/src/config.js';
import { composeApp } from '../../bot/src/composition.js';
import { fixedClock } from '../../bot/src/clock.js';
import { createLogger } from '../../bot/src/log.js';
import { openDb, type Db } from '../../bot/src/store/db.js';
import { FakeConnector, type ConnectorLimits } from '../fakes/connector.js';
import { ensurePostgresRunning, realPostgresUrl, withSearchPath } from '../support/db.js';
import { appProcess, stopProcess, type AppProcess } from '../support/app-process.js';
import { catalogYaml } from './support.js';

export interface FanOutOptions {
  officers: number;
  processes: number;
  limits: ConnectorLimits;
  timeoutMs: number;
}

export interface FanOutResult {
  officers: number;
  /** Officers whose chat got the reminder. */
  delivered: number;
  /** Reminders beyond one per officer. */
  duplicates: number;
  lost: number;
  /** From the first reminder's arrival to the last's. */
  spreadMs: number;
  /** The least that spread can be under the stand-in's per-tenant limit. */
  leastMs: number;
  throttled: { conversation: number; tenant: number };
}

const SESSION = {
  id: 'fan-out',
  title: 'Stalking: first response',
  starts: '2026-05-05T10:00',
  ends: '2026-05-05T11:00',
  joinUrl: 'https://teams.microsoft.com/l/meetup-join/fan',
};
const BEFORE = '2026-05-04T08:00:00+01:00';
const SOON = '2026-05-05T09:45:00+01:00';
const TENANT = 'tenant-fan-out';

export async function fanOut(options: FanOutOptions): Promise<FanOutResult> {
  ensurePostgresRunning();
  const serverUrl = realPostgresUrl ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = await openDb({ databaseUrl: serverUrl, poolSize: 1 });
  await admin.query(`create schema ${schema}`);
  const url = withSearchPath(serverUrl, schema);
  const dir = mkdtempSync(path.join(tmpdir(), 'fan-out-'));
  const file = path.join(dir, 'catalog.yaml');
  writeFileSync(file, catalogYaml([SESSION]));
  const connector = await new FakeConnector({ limits: options.limits }).start();
  const children: AppProcess[] = [];
  let db: Db | undefined;
  try {
    db = await openDb({ databaseUrl: url, poolSize: 4 });
    const env = { DATABASE_URL: url, CATALOG_FILE: file, CALENDAR_MODE: 'ics', PUBLIC_BASE_URL: 'https://cpd.example.police.uk' };
    // Once, the day before: the schema, the catalog and the session's planned moments.
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', ...env });
    const setup = await composeApp(config, createLogger('silent'), { db, clock: fixedClock(new Date(BEFORE)) });
    await setup.close();
    await seed(db, options.officers, connector.serviceUrl);

    for (let i = 0; i < options.processes; i += 1) children.push(await appProcess({ ...env, CLOCK_NOW: SOON }));
    const deadline = Date.now() + options.timeoutMs;
    const chats = () => new Set(connector.sent.map((s) => s.conversationId)).size;
    while (chats() < options.officers && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    // Anything late or doubled arrives meanwhile, before counting.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const perChat = new Map<string, number>();
    for (const s of connector.sent) perChat.set(s.conversationId, (perChat.get(s.conversationId) ?? 0) + 1);
    const times = connector.sent.map((s) => s.at);
    const tenant = options.limits.perTenant[0];
    return {
      officers: options.officers,
      delivered: perChat.size,
      duplicates: [...perChat.values()].reduce((sum, n) => sum + n - 1, 0),
      lost: options.officers - perChat.size,
      spreadMs: times.length > 0 ? Math.max(...times) - Math.min(...times) : Number.NaN,
      leastMs: tenant ? Math.floor((options.officers - 1) / tenant.limit) * tenant.perMs : 0,
      throttled: { ...connector.throttled },
    };
  } finally {
    await Promise.all(children.map(stopProcess));
    await db?.close();
    await connector.stop();
    await admin.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
    await admin.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `count` officers booked on the session, each with a personal chat the bot can message. */
async function seed(db: Db, count: number, serviceUrl: string): Promise<void> {
  const officers = Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-b000-${String(i).padStart(12, '0')}`,
    chat: `a:fan-out-${i}`,
    token: randomBytes(16).toString('base64url'),
  }));
  const rows = JSON.stringify(officers);
  await db.transaction(async (tx) => {
    await tx.query(
      `insert into officers (aad_object_id, name, tenant_id) select x.id, 'PC ' || x.chat, $2 from jsonb_to_recordset($1::jsonb) as x(id text, chat text)`,
      [rows, TENANT],
    );
    await tx.query(
      `insert into bookings (session_id, officer_id, status, ics_token, invite_status, booked_at)
       select $2, x.id, 'booked', x.token, 'ics', now() from jsonb_to_recordset($1::jsonb) as x(id text, token text)`,
      [rows, SESSION.id],
    );
    await tx.query(
      `insert into conversation_references (officer_id, reference)
       select x.id, jsonb_build_object('channelId', 'msteams', 'serviceUrl', $2::text,
              'conversation', jsonb_build_object('id', x.chat, 'conversationType', 'personal', 'tenantId', $3::text),
              'bot', jsonb_build_object('id', '28:cpd-bot', 'name', 'CPD sessions'),
              'user', jsonb_build_object('id', '29:' || x.chat, 'aadObjectId', x.id))
         from jsonb_to_recordset($1::jsonb) as x(id text, chat text)`,
      [rows, serviceUrl, TENANT],
    );
  });
}
