/**
 * Booking storm: 1,000 different officers book one 100-place session at once, spread over two
 * app processes (each running the booking service and the outbox worker) on one real
 * PostgreSQL, while the Graph stand-in answers every fifth request 429 (Retry-After: 1).
 *
 * Bookings are driven through BookingService inside the two processes (not yet through HTTP
 * and the Teams handler). Run alone with `npx tsx bench/booking-storm.ts`; bench/run.ts imports
 * benchBookingStorm(). Needs this machine's PostgreSQL (started if it is down); DATABASE_URL
 * picks another server.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openDb, type Db } from '../bot/src/store/db.js';
import { migrate } from '../bot/src/store/migrate.js';
import { BookingService } from '../bot/src/bookings/booking-service.js';
import { ConversationReferenceStore } from '../bot/src/bookings/conversation-references.js';
import { inviteJobHandlers, loggingNotifier } from '../bot/src/bookings/invite-jobs.js';
import { GraphCalendar } from '../bot/src/calendar/graph-calendar.js';
import { OutboxStore } from '../bot/src/jobs/outbox-store.js';
import { OutboxWorker } from '../bot/src/jobs/outbox-worker.js';

const officers = 1000;
const capacity = 100;
const processes = 2;
const throttleRate = 0.2;
const retryAfterSeconds = 1;
const perMailbox = 4;
const sessionId = 'storm-session';

export interface BenchRow { name: string; value: string; target?: string; ok?: boolean }

interface ChildResult { outcomes: Record<string, number>; errors: string[]; bookingMs: number[] }

const officerId = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;

export async function benchBookingStorm(): Promise<{ rows: BenchRow[] }> {
  // The stand-in lives in test/ (it is a test double, not app code); load it only when benchmarking.
  const { FakeGraphServer } = await import('../test/fakes/graph-server.js');
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  ensurePostgresRunning();
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = await openDb({ databaseUrl: serverUrl, poolSize: 1 });
  await admin.query(`create schema ${schema}`);
  const url = withSearchPath(serverUrl, schema);
  const db = await openDb({ databaseUrl: url, poolSize: 2 });
  const graph = await new FakeGraphServer().start();
  graph.faults = { throttleRate, retryAfter: retryAfterSeconds, mailboxConcurrency: perMailbox };
  const children: ChildProcess[] = [];
  try {
    await migrate(db);
    await db.query(
      `insert into sessions (id, title, starts_at, ends_at, presenters, description, capacity, join_url)
       values ($1, 'Storm: the most popular session of the week', now() + interval '1 day', now() + interval '1 day 45 minutes', '[]', 'Benchmark session.', $2, 'https://teams.microsoft.com/l/meetup-join/storm')`,
      [sessionId, capacity],
    );
    const share = officers / processes;
    const started = await Promise.all(Array.from({ length: processes }, (_, i) => startChild(url, graph.baseUrl, i * share, share)));
    children.push(...started.map((s) => s.child));

    const t0 = Date.now();
    for (const s of started) s.send('go');
    const results = await Promise.all(started.map((s) => s.result));
    const bookingsDone = Date.now() - t0;

    // Every invite made: 100 events and no calendar job left open.
    let invitesDone = Number.NaN;
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      const [open] = await db.query<{ n: number }>("select count(*)::int as n from jobs where kind = 'calendar.create' and state in ('pending', 'running')");
      if (open?.n === 0 && graph.totalEvents() >= capacity) {
        invitesDone = Date.now() - t0;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    await Promise.all(started.map((s) => s.stop()));

    const [counts] = await db.query<{ booked: number; waitlisted: number }>(
      "select count(*) filter (where status = 'booked')::int as booked, count(*) filter (where status = 'waitlisted')::int as waitlisted from bookings where session_id = $1",
      [sessionId],
    );
    const positions = await db.query<{ position: number }>(
      "select (select count(*)::int from bookings w where w.session_id = b.session_id and w.status = 'waitlisted' and w.id <= b.id) as position from bookings b where b.session_id = $1 and b.status = 'waitlisted' order by b.id",
      [sessionId],
    );
    const positionsOk = positions.length === officers - capacity && positions.every((p, i) => p.position === i + 1);
    const errors = results.flatMap((r) => r.errors);
    const refused = results.reduce((n, r) => n + Object.entries(r.outcomes).filter(([k]) => k.startsWith('refused')).reduce((m, [, v]) => m + v, 0), 0);
    const events = graph.totalEvents();
    const mailboxesWithMoreThanOne = [...graph.events.values()].filter((m) => m.size > 1).length;
    const transactionIds = new Set([...graph.events.values()].flatMap((m) => [...m.values()].map((e) => e.transactionId)));
    const perSecond = officers / (bookingsDone / 1000);
    const latencies = results.flatMap((r) => r.bookingMs).sort((a, b) => a - b);
    const p95 = latencies[Math.floor(latencies.length * 0.95)] ?? Number.NaN;
    // Least time the stand-in allows: each invite goes to its own mailbox (one request each), so the
    // per-mailbox limit of 4 never binds; an invite whose request met k 429s in a row cannot exist
    // before k × Retry-After. With 20% of requests throttled, some invite meets at least one.
    const chain = Math.max(1, graph.counters.maxConsecutiveThrottles);
    const floorMs = chain * retryAfterSeconds * 1000;

    return {
      rows: [
        { name: 'booking storm: driven through', value: `BookingService in ${processes} child processes + outbox workers, one PostgreSQL (not via HTTP yet)` },
        { name: 'booking storm: booked / waitlisted', value: `${counts?.booked} / ${counts?.waitlisted}`, target: `${capacity} / ${officers - capacity}`, ok: counts?.booked === capacity && counts?.waitlisted === officers - capacity },
        { name: 'booking storm: waitlist positions', value: positionsOk ? `1–${positions.length}, no gaps or repeats` : `broken (${positions.length} rows)`, target: `1–${officers - capacity}`, ok: positionsOk },
        { name: 'booking storm: officers shown an error', value: String(errors.length + refused), target: '0', ok: errors.length + refused === 0 },
        { name: 'booking storm: accepted bookings per second', value: perSecond.toFixed(0), target: '≥ 200', ok: perSecond >= 200 },
        { name: 'booking storm: booking latency p95', value: `${p95} ms` },
        { name: 'booking storm: Graph events (duplicates)', value: `${events} (${mailboxesWithMoreThanOne})`, target: `${capacity} (0)`, ok: events === capacity && mailboxesWithMoreThanOne === 0 && transactionIds.size === capacity },
        { name: 'booking storm: Graph requests / 429s / MailboxConcurrency 429s', value: `${graph.counters.requests} / ${graph.counters.throttled} / ${graph.counters.mailboxConcurrencyThrottled}` },
        {
          name: 'booking storm: time until every invite exists',
          value: Number.isNaN(invitesDone) ? 'not reached in 180 s' : `${(invitesDone / 1000).toFixed(2)} s`,
          target: `floor ${(floorMs / 1000).toFixed(1)} s (${chain} × Retry-After ${retryAfterSeconds} s; per-mailbox limit ${perMailbox} not binding)`,
          ok: !Number.isNaN(invitesDone),
        },
      ],
    };
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
    await graph.stop();
    await db.close();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.close();
  }
}

/** One app process: booking service + outbox worker, driven over stdin ("go", "stop"). */
function startChild(url: string, graphBaseUrl: string, first: number, count: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', url, graphBaseUrl, String(first), String(count)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const waiters = new Map<string, (line: string) => void>();
  lines.on('line', (line) => {
    const key = line.startsWith('{') ? 'result' : line;
    waiters.get(key)?.(line);
  });
  const next = (key: string) => new Promise<string>((resolve, reject) => {
    waiters.set(key, resolve);
    child.once('exit', (code) => reject(new Error(`booking process exited ${code} before "${key}"`)));
  });
  const ready = next('ready');
  const result = next('result').then((line) => JSON.parse(line) as ChildResult);
  return ready.then(() => ({
    child,
    result,
    send: (line: string) => child.stdin!.write(`${line}\n`),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin!.end('stop\n');
      await exited;
    },
  }));
}

async function childMain(url: string, graphBaseUrl: string, first: number, count: number): Promise<void> {
  const db: Db = await openDb({ databaseUrl: url, poolSize: 12 });
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
  let worker: OutboxWorker | undefined;
  const bookings = new BookingService({ db, clock: { now: () => new Date() }, calendar: 'graph', publicBaseUrl: 'http://127.0.0.1:3978', onJobsQueued: () => worker?.kick() });
  worker = new OutboxWorker(
    new OutboxStore(db),
    inviteJobHandlers({
      db, calendar: new GraphCalendar({ baseUrl: graphBaseUrl, timeoutMs: 10_000 }), notifier: loggingNotifier(silent),
      references: new ConversationReferenceStore(db), view: (row, session) => bookings.view(row, session),
    }),
    { concurrency: 16, perMailbox, pollMs: 50, leaseMs: 30_000 },
  );
  const input = createInterface({ input: process.stdin });
  const commands = input[Symbol.asyncIterator]();
  process.stdout.write('ready\n');
  await commands.next();
  worker.start();
  const outcomes: Record<string, number> = {};
  const errors: string[] = [];
  const bookingMs: number[] = [];
  let next = 0;
  // Officers press at once: many bookings in flight per process, as many turns would be.
  await Promise.all(Array.from({ length: 24 }, async () => {
    while (next < count) {
      const n = first + next++;
      const t = Date.now();
      try {
        const outcome = await bookings.book({ aadObjectId: officerId(n), name: `PC ${n}` }, sessionId);
        const key = outcome.kind === 'refused' ? `refused:${outcome.reason}` : outcome.kind;
        outcomes[key] = (outcomes[key] ?? 0) + 1;
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
      bookingMs.push(Date.now() - t);
    }
  }));
  process.stdout.write(`${JSON.stringify({ outcomes, errors, bookingMs } satisfies ChildResult)}\n`);
  await commands.next();
  input.close();
  await worker.stop();
  await db.close();
}

function ensurePostgresRunning(): void {
  try {
    execSync('pg_isready -q -h 127.0.0.1 -p 5432', { stdio: 'ignore' });
  } catch {
    execSync('pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start', { stdio: 'inherit', shell: '/bin/bash' });
  }
}

function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

if (process.argv[2] === '--child') {
  await childMain(process.argv[3]!, process.argv[4]!, Number(process.argv[5]), Number(process.argv[6]));
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { rows } = await benchBookingStorm();
  for (const row of rows) {
    const mark = row.ok === undefined ? ' ' : row.ok ? '✓' : '✗';
    process.stdout.write(`${mark} ${row.name}: ${row.value}${row.target ? `  (target ${row.target})` : ''}\n`);
  }
  process.exit(rows.some((r) => r.ok === false) ? 1 : 0);
}
