/**
 * Two app processes on one PostgreSQL: an organiser publishes on one, and the other answers with
 * the new time within 5 seconds (LISTEN/NOTIFY, with the periodic check behind it); the change's
 * outbox jobs run once between them, so each officer gets one message and each event one PATCH.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { openDb, type Db } from '../../bot/src/store/db.js';
import { ensurePostgresRunning, realPostgresUrl, withSearchPath } from '../support/db.js';
import { FakeConnector } from '../fakes/connector.js';
import { appProcess, stopProcess, type AppProcess } from '../support/app-process.js';
import { FakeGraphServer } from '../fakes/graph-server.js';
import { adaptiveCards } from '../support/cards.js';
import { execute, officer, personal, waitUntil, type TestOfficer } from './support.js';

// PGlite is one process by nature: this test always uses the machine's real PostgreSQL.
describe('the live catalog across two app processes on one PostgreSQL', function () {
  this.timeout(120_000);
  const serverUrl = realPostgresUrl ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let admin: Db;
  let db: Db;
  let dir: string;
  let graph: FakeGraphServer;
  let connector: FakeConnector;
  let a: AppProcess | undefined;
  let b: AppProcess | undefined;

  const send = async (to: AppProcess, activity: Record<string, unknown>) => {
    const response = await fetch(`${to.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceUrl: connector.serviceUrl, ...activity }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const details = async (to: AppProcess, who: TestOfficer) =>
    JSON.stringify((await send(to, execute('session.details', { verb: 'session.details', sessionId: 'moving' }, personal(who)))).body);

  before(async () => {
    ensurePostgresRunning();
    admin = await openDb({ databaseUrl: serverUrl, poolSize: 1 });
    await admin.query(`create schema ${schema}`);
    const url = withSearchPath(serverUrl, schema);
    db = await openDb({ databaseUrl: url, poolSize: 2 });
    dir = mkdtempSync(path.join(tmpdir(), 'cpd-two-'));
    const file = path.join(dir, 'catalog.yaml');
    writeFileSync(
      file,
      stringify({
        sessions: [{ id: 'moving', title: 'Stalking: first response', starts: '2026-05-05T10:00', ends: '2026-05-05T11:00', capacity: 3 }],
      }),
    );
    graph = await new FakeGraphServer().start();
    connector = await new FakeConnector().start();
    const env = {
      DATABASE_URL: url,
      CATALOG_FILE: file,
      CLOCK_NOW: '2026-04-13T09:00:00+01:00',
      GRAPH_BASE_URL: graph.baseUrl,
      PUBLIC_BASE_URL: 'https://cpd.example.police.uk',
    };
    // One at a time: the first imports the file, the second finds it imported.
    a = await appProcess(env);
    b = await appProcess(env);
  });
  after(async () => {
    await Promise.all([stopProcess(a), stopProcess(b)]);
    await graph?.stop();
    await connector?.stop();
    await db?.close();
    await admin?.query(`drop schema if exists ${schema} cascade`);
    await admin?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('When an organiser moves a session on one process, then the other answers with the new time within 5 seconds, and each officer is told once', async () => {
    const officers = [officer(61), officer(62), officer(63), officer(64)];
    for (const [i, who] of officers.entries()) {
      const booked = await send(i % 2 === 0 ? a! : b!, execute('booking.book', { verb: 'booking.book', sessionId: 'moving' }, personal(who)));
      assert.equal(booked.status, 200);
    }
    await waitUntil(async () => {
      const [row] = await db.query<{ n: number }>("select count(*)::int as n from bookings where invite_status = 'sent'");
      return row?.n === 3;
    }, 'three Graph events');
    const [versions] = await db.query<{ n: number }>('select count(*)::int as n from catalog_versions');
    assert.equal(versions?.n, 1, 'the file was imported once');
    assert.match(await details(b!, officers[0]!), /Tue 5 May, 10:00/);

    const current = await (await fetch(`${a!.baseUrl}/api/organiser/catalog`)).text();
    const doc = parseDocument(current);
    doc.setIn(['sessions', 0, 'starts'], '2026-05-05T15:00');
    doc.setIn(['sessions', 0, 'ends'], '2026-05-05T16:00');
    const published = await fetch(`${a!.baseUrl}/api/organiser/catalog`, {
      method: 'PUT',
      headers: { 'content-type': 'application/yaml' },
      body: doc.toString(),
    });
    assert.equal(published.status, 200);
    const at = Date.now();
    await waitUntil(async () => /Tue 5 May, 15:00/.test(await details(b!, officers[1]!)) || undefined, 'the other process to answer with the new time', 5000);
    assert.ok(Date.now() - at < 5000);

    // Every booked and waiting officer told once, every event patched once, between the two processes.
    await waitUntil(() => officers.every((who) => connector.to(who.personalChat).length >= 1) || undefined, 'the messages', 15_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const who of officers) {
      const moved = connector.to(who.personalChat).filter((s) => /This session has moved/.test(JSON.stringify(adaptiveCards(s.activity))));
      assert.equal(moved.length, 1, `${who.name} is told once`);
    }
    assert.equal(graph.counters.updated, 3, 'one PATCH per event');
    const [dupes] = await db.query<{ n: number }>("select count(*)::int as n from jobs where kind = 'notify.rescheduled' and state = 'done'");
    assert.equal(dupes?.n, 4);
  });
});
