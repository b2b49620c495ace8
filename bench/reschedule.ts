/**
 * Reschedule: an organiser moves a session that 1,000 officers have booked, while Graph answers
 * every fifth request 429 (Retry-After: 1 s). The app runs in-process on a fresh schema of the real
 * PostgreSQL, with the Graph stand-in and the connector stand-in; officers book through
 * /api/messages first (so their events and personal chats exist), then the move is published
 * through PUT /api/organiser/catalog. Timed from the PUT until every event shows the new time and
 * every officer has the "moved" message. Figures: that time beside the least the stand-ins allow (the
 * Graph 429s in a row, or Teams' 50 messages a second per tenant, whichever is longer),
 * messages delivered, and duplicates (a second message to one officer, a second event, a PATCH
 * more than one per event). Run alone with `npx tsx bench/reschedule.ts`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { loadConfig } from '../bot/src/config.js';
import { composeApp, type App } from '../bot/src/composition.js';
import { fixedClock } from '../bot/src/clock.js';
import { createLogger } from '../bot/src/log.js';
import { openDb, type Db } from '../bot/src/store/db.js';
import { migrate } from '../bot/src/store/migrate.js';
import { TEAMS_RATE_LIMITS } from '../bot/src/teams/pacing.js';

const officers = 1000;
const throttleRate = 0.2;
const retryAfterSeconds = 1;
const sessionId = 'moving-session';
const timeoutMs = 120_000;

export interface BenchRow {
  name: string;
  value: string;
  target?: string;
  ok?: boolean;
}

export async function benchReschedule(): Promise<{ rows: BenchRow[] }> {
  const { FakeGraphServer } = await import('../test/fakes/graph-server.js');
  const { FakeConnector } = await import('../test/fakes/connector.js');
  const { ensurePostgresRunning, withSearchPath } = await import('../test/support/db.js');
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  ensurePostgresRunning();
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = await openDb({ databaseUrl: serverUrl, poolSize: 1 });
  await admin.query(`create schema ${schema}`);
  const url = withSearchPath(serverUrl, schema);
  const dir = mkdtempSync(path.join(tmpdir(), 'reschedule-'));
  let db: Db | undefined;
  let app: App | undefined;
  const graph = await new FakeGraphServer().start();
  const connector = await new FakeConnector().start();
  try {
    const file = path.join(dir, 'catalog.yaml');
    writeFileSync(
      file,
      stringify({
        timeZone: 'Europe/London',
        sessions: [
          {
            id: sessionId,
            title: 'Moving: the session everyone booked',
            starts: '2026-05-05T10:00',
            ends: '2026-05-05T11:00',
            capacity: officers,
            joinUrl: 'https://teams.microsoft.com/l/meetup-join/moving',
            presenters: [{ name: 'Sergeant Sam Reid', role: 'Trainer' }],
          },
        ],
      }),
    );
    db = await openDb({ databaseUrl: url, poolSize: 10 });
    await migrate(db);
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PORT: '0',
      CATALOG_FILE: file,
      GRAPH_BASE_URL: graph.baseUrl,
      PUBLIC_BASE_URL: 'https://cpd.example.police.uk',
    });
    app = await composeApp(config, createLogger('silent'), { db, clock: fixedClock(new Date('2026-04-13T08:00:00Z')) });
    await new Promise<void>((resolve) => app!.server.listen(0, '127.0.0.1', () => resolve()));
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    // Arrange: 1,000 officers book through the bot and get their events (no throttling yet).
    const people = Array.from({ length: officers }, (_, i) => ({
      id: `29:moving-${i}`,
      aadObjectId: `00000000-0000-4000-a000-${String(i).padStart(12, '0')}`,
      name: `PC Moving ${i}`,
      chat: `a:moving-${i}`,
    }));
    let next = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < people.length) {
          const who = people[next++]!;
          const response = await fetch(`${base}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              type: 'invoke',
              name: 'adaptiveCard/action',
              channelId: 'msteams',
              serviceUrl: connector.serviceUrl,
              id: `book-${who.aadObjectId}`,
              from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId },
              recipient: { id: '28:cpd-bot', name: 'CPD sessions' },
              conversation: { id: who.chat, conversationType: 'personal', tenantId: 'tenant-1' },
              value: { action: { type: 'Action.Execute', verb: 'booking.book', data: { verb: 'booking.book', sessionId } }, trigger: 'manual' },
            }),
          });
          if (response.status !== 200) throw new Error(`booking answered ${response.status}`);
          await response.arrayBuffer();
        }
      }),
    );
    await until(async () => {
      const [row] = await db!.query<{ n: number }>("select count(*)::int as n from bookings where invite_status = 'sent'");
      return row?.n === officers;
    }, 'every event to exist');

    // The move, under 20% throttling.
    graph.faults = { throttleRate, retryAfter: retryAfterSeconds };
    const updatedBefore = graph.counters.updated;
    const requestsBefore = graph.counters.requests;
    const throttledBefore = graph.counters.throttled;
    const current = await (await fetch(`${base}/api/organiser/catalog`)).text();
    const doc = parseDocument(current);
    doc.setIn(['sessions', 0, 'starts'], '2026-05-05T14:00');
    doc.setIn(['sessions', 0, 'ends'], '2026-05-05T15:00');
    const t0 = performance.now();
    const published = await fetch(`${base}/api/organiser/catalog`, { method: 'PUT', headers: { 'content-type': 'application/yaml' }, body: doc.toString() });
    const publishMs = performance.now() - t0;
    if (published.status !== 200) throw new Error(`publish answered ${published.status}: ${await published.text()}`);

    const movedEvents = () =>
      [...graph.events.values()].flatMap((m) => [...m.values()]).filter((e: any) => String(e.start?.dateTime).startsWith('2026-05-05T14:00')).length;
    const moved = (s: { activity: Record<string, any> }) => JSON.stringify(s.activity.attachments ?? []).includes('This session has moved');
    let eventsMs = Number.NaN;
    let messagesMs = Number.NaN;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && (Number.isNaN(eventsMs) || Number.isNaN(messagesMs))) {
      if (Number.isNaN(eventsMs) && movedEvents() === officers) eventsMs = performance.now() - t0;
      if (Number.isNaN(messagesMs) && connector.sent.filter(moved).length >= officers) messagesMs = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 10));
    }
    // Let anything late arrive before counting duplicates.
    await new Promise((r) => setTimeout(r, 1500));
    const perChat = new Map<string, number>();
    for (const s of connector.sent.filter(moved)) perChat.set(s.conversationId, (perChat.get(s.conversationId) ?? 0) + 1);
    const messages = perChat.size;
    const duplicateMessages = [...perChat.values()].reduce((a, n) => a + n - 1, 0);
    const events = graph.totalEvents();
    const patches = graph.counters.updated - updatedBefore;
    const chain = Math.max(1, graph.counters.maxConsecutiveThrottles);
    const graphFloorMs = chain * retryAfterSeconds * 1000;
    // The messages go at Teams' pace: at most 50 a second to one tenant.
    const perTenant = TEAMS_RATE_LIMITS.perTenant[0]!;
    const messagesFloorMs = Math.floor((officers - 1) / perTenant.limit) * perTenant.perMs;
    const floorMs = Math.max(graphFloorMs, messagesFloorMs);
    const allMs = Math.max(eventsMs, messagesMs);
    return {
      rows: [
        {
          name: 'reschedule: driven through',
          value: `HTTP: ${officers} officers booked through /api/messages, then PUT /api/organiser/catalog moves their session; Graph answers 1 in ${Math.round(1 / throttleRate)} requests 429 (Retry-After ${retryAfterSeconds} s); real PostgreSQL`,
        },
        { name: 'reschedule: publish answered in', value: `${Math.round(publishMs)} ms (the change and its ${officers * 2} outbox jobs in one transaction)` },
        {
          name: 'reschedule: every event moved / every officer told',
          value: `${fmt(eventsMs)} / ${fmt(messagesMs)}${Number.isNaN(allMs) ? '' : ` (${(allMs / floorMs).toFixed(1)}× the floor)`}`,
          target: `floor ${(floorMs / 1000).toFixed(1)} s (the longer of ${chain} Graph 429s in a row × Retry-After ${retryAfterSeconds} s, and ${officers} messages at Teams' ${perTenant.limit} a second)`,
          ok: !Number.isNaN(allMs),
        },
        { name: 'reschedule: messages delivered', value: String(messages), target: String(officers), ok: messages === officers },
        {
          name: 'reschedule: duplicates (messages / events / PATCHes beyond one per event)',
          value: `${duplicateMessages} / ${events - officers} / ${Math.max(0, patches - officers)}`,
          target: '0 / 0 / 0',
          ok: duplicateMessages === 0 && events === officers && patches === officers,
        },
        {
          name: 'reschedule: Graph requests / 429s during the move',
          value: `${graph.counters.requests - requestsBefore} / ${graph.counters.throttled - throttledBefore}`,
        },
      ],
    };
  } finally {
    if (app) {
      app.server.close();
      await app.close();
    }
    await db?.close();
    await graph.stop();
    await connector.stop();
    await admin.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
    await admin.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function fmt(ms: number): string {
  return Number.isNaN(ms) ? `not reached in ${timeoutMs / 1000} s` : `${(ms / 1000).toFixed(2)} s`;
}

async function until(probe: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows } = await benchReschedule();
  for (const r of rows)
    process.stdout.write(`${r.name}: ${r.value}${r.target ? `  (target ${r.target})` : ''}${r.ok === undefined ? '' : r.ok ? '  ok' : '  MISSED'}\n`);
  process.exit(0);
}
