import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { openDb, type Db } from '../../bot/src/store/db.js';
import { migrate } from '../../bot/src/store/migrate.js';
import { ensurePostgresRunning, realPostgresUrl, withSearchPath } from '../support/db.js';
import { addSession, placeProblems, seats } from './support.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** Starts one booking process running `script`; resolves once it is connected and waiting for "go". */
function bookingProcess(
  url: string,
  script: string,
  ...args: Array<string | number>
): Promise<{ child: ChildProcess; result: Promise<{ outcomes: Record<string, number>; errors: string[] }> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args.map(String)], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const result = new Promise<{ outcomes: Record<string, number>; errors: string[] }>((done, fail) => {
      child.on('exit', (code) =>
        code === 0 ? done(JSON.parse(output.split('\n').filter(Boolean).pop()!)) : fail(new Error(`booking process exited ${code}`)),
      );
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.startsWith('ready\n')) resolve({ child, result });
    });
    child.on('error', reject);
  });
}

// PGlite is one process by nature: this test always uses the machine's real PostgreSQL.
describe('Booking from two app processes on one PostgreSQL', function () {
  this.timeout(120_000);
  const serverUrl = realPostgresUrl ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let admin: Db;
  let db: Db;
  let url: string;

  before(async () => {
    ensurePostgresRunning();
    admin = await openDb({ databaseUrl: serverUrl, poolSize: 1 });
    await admin.query(`create schema ${schema}`);
    url = withSearchPath(serverUrl, schema);
    db = await openDb({ databaseUrl: url, poolSize: 2 });
    await migrate(db);
    await addSession(db, { id: 'popular', startsAt: new Date(Date.now() + 86_400_000).toISOString(), capacity: 25 });
    await addSession(db, { id: 'churn', startsAt: new Date(Date.now() + 86_400_000).toISOString(), capacity: 30 });
  });
  after(async () => {
    await db?.close();
    await admin?.query(`drop schema if exists ${schema} cascade`);
    await admin?.close();
  });

  it('When two processes book 80 officers (some twice) into a 25-place session at once, then exactly 25 are booked and the waitlist runs 1..55', async () => {
    // Officers 30-39 are booked by both processes: each must end up with one booking.
    const [a, b] = await Promise.all([
      bookingProcess(url, fixture('book-many.ts'), 'popular', 0, 40),
      bookingProcess(url, fixture('book-many.ts'), 'popular', 30, 50),
    ]);
    a.child.stdin!.end('go\n');
    b.child.stdin!.end('go\n');
    const [ra, rb] = await Promise.all([a.result, b.result]);
    assert.deepEqual([...ra.errors, ...rb.errors], []);
    const total = (key: string) => (ra.outcomes[key] ?? 0) + (rb.outcomes[key] ?? 0);
    assert.equal(total('booked') + total('waitlisted'), 80, 'each officer got one new booking');
    assert.equal(total('booked:already') + total('waitlisted:already'), 10, 'the second press answered "already"');
    const { booked, waitlist } = await seats(db, 'popular');
    assert.equal(booked.length, 25);
    assert.deepEqual(
      waitlist.map((w) => w.position),
      Array.from({ length: 55 }, (_, i) => i + 1),
    );
    assert.equal(new Set([...booked, ...waitlist.map((w) => w.officer)]).size, 80);
    const [jobs] = await db.query<{ n: number }>("select count(*)::int as n from jobs where kind = 'calendar.create'");
    assert.equal(jobs?.n, 25, 'one invite job per place');
  });

  it('When two processes press Book and Cancel 1,000 times between them for 120 officers on a 30-place session, then the places, the waitlist order and the invites hold', async () => {
    // The same officers in both processes: one books while the other cancels them, or both book them at once.
    const [a, b] = await Promise.all([
      bookingProcess(url, fixture('book-and-cancel.ts'), 'churn', 1, 500, 120),
      bookingProcess(url, fixture('book-and-cancel.ts'), 'churn', 2, 500, 120),
    ]);
    a.child.stdin!.end('go\n');
    b.child.stdin!.end('go\n');
    const [ra, rb] = await Promise.all([a.result, b.result]);
    assert.deepEqual([...ra.errors, ...rb.errors], []);
    const total = (key: string) => (ra.outcomes[key] ?? 0) + (rb.outcomes[key] ?? 0);
    assert.equal(Object.values({ ...ra.outcomes }).reduce((n, v) => n + v, 0) + Object.values(rb.outcomes).reduce((n, v) => n + v, 0), 1000);
    assert.ok(total('cancel:cancelled') > 100 && total('book:waitlisted') > 50, `a real mix: ${JSON.stringify([ra.outcomes, rb.outcomes])}`);
    assert.deepEqual(await placeProblems(db, 'churn', 30), []);
  });
});
