/**
 * Booking storm: 1,000 different officers press "Book a place" on one 100-place session at once,
 * through the real HTTP interface. Two app processes (the real entry point, bot/src/index.ts,
 * each with its outbox worker) listen on loopback ports and share one fresh schema on a real
 * PostgreSQL; the Graph stand-in answers every fifth request 429 (Retry-After: 1) and refuses a
 * fifth request at once per mailbox; a local connector serves the Teams member API.
 *
 * Every officer POSTs one `adaptiveCard/action` invoke (`booking.book`) to /api/messages, half
 * to each process, all in flight together; each answer must be HTTP 200 with a card saying
 * booked or waitlisted #N. Then the bench waits for every invite and checks the database and
 * the stand-in. Run alone with `npx tsx bench/booking-storm.ts`; bench/run.ts imports
 * benchBookingStorm(). Needs this machine's PostgreSQL (started if it is down); DATABASE_URL
 * picks another server. STORM_CONCURRENCY caps the requests in flight (default: all).
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import { openDb, type Db } from '../bot/src/store/db.js';

const officers = 1000;
const capacity = 100;
const processes = 2;
const throttleRate = 0.2;
const retryAfterSeconds = 1;
const perMailbox = 4;
const sessionId = 'storm-session';
const inviteTimeoutMs = 60_000;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface BenchRow {
  name: string;
  value: string;
  target?: string;
  ok?: boolean;
}

interface Officer {
  id: string;
  aadObjectId: string;
  name: string;
  email: string;
}

type Answer = { kind: 'booked' } | { kind: 'waitlisted'; position: number } | { kind: 'error'; detail: string };

const officer = (n: number): Officer => ({
  id: `29:storm-officer-${n}`,
  aadObjectId: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
  name: `PC Storm ${n}`,
  email: `pc.storm.${n}@police.example`,
});

export async function benchBookingStorm(): Promise<{ rows: BenchRow[] }> {
  // The stand-ins live in test/ (test doubles, not app code); load them only when benchmarking.
  const { FakeGraphServer } = await import('../test/fakes/graph-server.js');
  const { FakeConnector } = await import('../test/fakes/connector.js');
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  ensurePostgresRunning();
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = await openDb({ databaseUrl: serverUrl, poolSize: 1 });
  await admin.query(`create schema ${schema}`);
  const url = withSearchPath(serverUrl, schema);
  const dir = mkdtempSync(path.join(tmpdir(), 'booking-storm-'));
  const apps: AppProcess[] = [];
  let db: Db | undefined;
  let graph: InstanceType<typeof FakeGraphServer> | undefined;
  let connector: InstanceType<typeof FakeConnector> | undefined;
  let agent: http.Agent | undefined;
  try {
    graph = await new FakeGraphServer().start();
    graph.faults = { throttleRate, retryAfter: retryAfterSeconds, mailboxConcurrency: perMailbox };
    const people = Array.from({ length: officers }, (_, i) => officer(i + 1));
    connector = await new FakeConnector().start();
    connector.members = people.map((o) => ({ id: o.id, name: o.name, aadObjectId: o.aadObjectId, email: o.email }));

    // One upcoming session, a day after the app's clock.
    const now = new Date();
    const starts = new Date(now.getTime() + 24 * 3600_000);
    const catalogFile = path.join(dir, 'catalog.yaml');
    writeFileSync(
      catalogFile,
      stringify({
        timeZone: 'Europe/London',
        campaigns: [],
        sessions: [
          {
            id: sessionId,
            title: 'Storm: the most popular session of the week',
            starts: ukWallClock(starts),
            ends: ukWallClock(new Date(starts.getTime() + 45 * 60_000)),
            capacity,
            joinUrl: 'https://teams.microsoft.com/l/meetup-join/storm',
            description: 'Benchmark session.',
            presenters: [{ name: 'Sergeant Sam Reid', role: 'Trainer' }],
          },
        ],
      }),
    );

    const env = {
      DATABASE_URL: url,
      GRAPH_BASE_URL: graph.baseUrl,
      CATALOG_FILE: catalogFile,
      CLOCK_NOW: now.toISOString(),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    };
    apps.push(...(await Promise.all(Array.from({ length: processes }, async () => startApp({ ...env, PORT: String(await freePort()) })))));
    db = await openDb({ databaseUrl: url, poolSize: 2 });

    const limit = Number(process.env.STORM_CONCURRENCY ?? officers);
    agent = new http.Agent({ keepAlive: true, maxSockets: Math.ceil(limit / processes) + 1 });
    const answers: Answer[] = new Array(officers);
    const latencies: number[] = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: Math.min(limit, officers) }, async () => {
        while (next < officers) {
          const i = next++;
          const started = performance.now();
          answers[i] = await press(apps[i % processes]!.baseUrl, agent!, people[i]!, connector!.serviceUrl);
          latencies.push(performance.now() - started);
        }
      }),
    );
    const bookingsMs = performance.now() - t0;

    // Every invite made: 100 events and no calendar job left open.
    let invitesMs = Number.NaN;
    const deadline = Date.now() + inviteTimeoutMs;
    while (Date.now() < deadline) {
      if (graph.totalEvents() >= capacity) {
        const [open] = await db.query<{ n: number }>("select count(*)::int as n from jobs where kind = 'calendar.create' and state in ('pending', 'running')");
        if (open?.n === 0) {
          invitesMs = performance.now() - t0;
          break;
        }
      }
      await new Promise((r) => setTimeout(r, 20));
    }

    const [counts] = await db.query<{ booked: number; waitlisted: number }>(
      "select count(*) filter (where status = 'booked')::int as booked, count(*) filter (where status = 'waitlisted')::int as waitlisted from bookings where session_id = $1",
      [sessionId],
    );
    const positions = await db.query<{ position: number }>(
      "select (select count(*)::int from bookings w where w.session_id = b.session_id and w.status = 'waitlisted' and w.id <= b.id) as position from bookings b where b.session_id = $1 and b.status = 'waitlisted' order by b.id",
      [sessionId],
    );
    const positionsOk = positions.length === officers - capacity && positions.every((p, i) => p.position === i + 1);

    // What the officers were shown: a card each, booked or waitlisted #N, the N a permutation of 1–900.
    const errors = answers.filter((a): a is Extract<Answer, { kind: 'error' }> => a?.kind === 'error');
    const shownBooked = answers.filter((a) => a?.kind === 'booked').length;
    const shownPositions = answers.flatMap((a) => (a?.kind === 'waitlisted' ? [a.position] : [])).sort((a, b) => a - b);
    const shownOk = shownBooked === capacity && shownPositions.length === officers - capacity && shownPositions.every((p, i) => p === i + 1);

    const events = graph.totalEvents();
    const mailboxesWithMoreThanOne = [...graph.events.values()].filter((m) => m.size > 1).length;
    const transactionIds = [...graph.events.values()].flatMap((m) => [...m.values()].map((e) => e.transactionId));
    const distinctTransactionIds = new Set(transactionIds.filter((t) => t !== undefined)).size;
    const perSecond = officers / (bookingsMs / 1000);
    latencies.sort((a, b) => a - b);
    const pct = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? Number.NaN);
    // Least time the stand-in allows: each invite goes to its own mailbox (one request each), so the
    // per-mailbox limit of 4 never binds; an invite whose request met k 429s in a row cannot exist
    // before k × Retry-After. With 20% of requests throttled, some invite meets at least one.
    const chain = Math.max(1, graph.counters.maxConsecutiveThrottles);
    const floorMs = chain * retryAfterSeconds * 1000;
    const firstError = errors[0]?.detail;

    return {
      rows: [
        {
          name: 'booking storm: driven through',
          value: `HTTP: ${officers} booking.book invokes to /api/messages of ${processes} app processes (bot/src/index.ts), ${Math.min(limit, officers)} in flight, one PostgreSQL`,
        },
        {
          name: 'booking storm: booked / waitlisted',
          value: `${counts?.booked} / ${counts?.waitlisted}`,
          target: `${capacity} / ${officers - capacity}`,
          ok: counts?.booked === capacity && counts?.waitlisted === officers - capacity,
        },
        {
          name: 'booking storm: waitlist positions',
          value: positionsOk ? `1–${positions.length}, no gaps or repeats` : `broken (${positions.length} rows)`,
          target: `1–${officers - capacity}`,
          ok: positionsOk,
        },
        {
          name: 'booking storm: officers shown an error',
          value: `${errors.length}${firstError ? ` (first: ${firstError.slice(0, 120)})` : ''}`,
          target: '0',
          ok: errors.length === 0,
        },
        {
          name: 'booking storm: cards shown (booked / waitlisted #1–#N)',
          value: `${shownBooked} / ${shownPositions.length}${shownOk ? ', each #N once' : ', positions do not match'}`,
          target: `${capacity} / ${officers - capacity}`,
          ok: shownOk,
        },
        {
          name: 'booking storm: accepted bookings per second',
          value: `${perSecond.toFixed(0)} (${(bookingsMs / 1000).toFixed(2)} s for ${officers})`,
          target: '≥ 200',
          ok: perSecond >= 200,
        },
        { name: 'booking storm: invoke latency p50 / p95 / max', value: `${pct(0.5)} / ${pct(0.95)} / ${pct(1)} ms` },
        {
          name: 'booking storm: Graph events (mailboxes with more than one) / distinct transactionIds',
          value: `${events} (${mailboxesWithMoreThanOne}) / ${distinctTransactionIds}`,
          target: `${capacity} (0) / ${capacity}`,
          ok: events === capacity && mailboxesWithMoreThanOne === 0 && distinctTransactionIds === capacity && transactionIds.length === capacity,
        },
        {
          name: 'booking storm: Graph requests / 429s / MailboxConcurrency 429s',
          value: `${graph.counters.requests} / ${graph.counters.throttled} / ${graph.counters.mailboxConcurrencyThrottled}`,
        },
        {
          name: 'booking storm: time until every invite exists',
          value: Number.isNaN(invitesMs) ? `not reached in ${inviteTimeoutMs / 1000} s` : `${(invitesMs / 1000).toFixed(2)} s`,
          target: `floor ${(floorMs / 1000).toFixed(1)} s (${chain} × Retry-After ${retryAfterSeconds} s; per-mailbox limit ${perMailbox} not binding)`,
          ok: !Number.isNaN(invitesMs),
        },
      ],
    };
  } finally {
    agent?.destroy();
    await Promise.all(apps.map((a) => a.stop()));
    await graph?.stop();
    await connector?.stop();
    await db?.close();
    await admin.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
    await admin.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One officer presses Book a place in their personal chat: Action.Execute as Teams sends it. */
async function press(baseUrl: string, agent: http.Agent, who: Officer, serviceUrl: string): Promise<Answer> {
  const activity = {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `storm-${who.aadObjectId}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale: 'en-GB',
    from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId },
    recipient: { id: '28:cpd-bot', name: 'CPD sessions' },
    conversation: { id: `a:storm-personal-${who.aadObjectId}`, conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    value: { action: { type: 'Action.Execute', verb: 'booking.book', data: { verb: 'booking.book', sessionId } }, trigger: 'manual' },
  };
  try {
    const { status, body } = await postJson(`${baseUrl}/api/messages`, activity, agent);
    if (status !== 200) return { kind: 'error', detail: `HTTP ${status}: ${body.slice(0, 200)}` };
    const response = JSON.parse(body) as { statusCode?: number; type?: string; value?: unknown };
    if (response.statusCode !== 200 || response.type !== 'application/vnd.microsoft.card.adaptive') {
      return { kind: 'error', detail: `invoke ${response.statusCode} ${response.type}: ${JSON.stringify(response.value).slice(0, 200)}` };
    }
    const text = JSON.stringify(response.value);
    if (text.includes("\u2713 You're booked")) return { kind: 'booked' };
    const waiting = /"Waitlisted #(\d+)"/.exec(text);
    if (waiting) return { kind: 'waitlisted', position: Number(waiting[1]) };
    return { kind: 'error', detail: `a card saying neither booked nor waitlisted: ${text.slice(0, 200)}` };
  } catch (error) {
    return { kind: 'error', detail: error instanceof Error ? error.message : String(error) };
  }
}

function postJson(target: string, payload: unknown, agent: http.Agent): Promise<{ status: number; body: string }> {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = http.request(
      target,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, timeout: 30_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer in 30 s')));
    req.on('error', reject);
    req.end(body);
  });
}

interface AppProcess {
  baseUrl: string;
  stop(): Promise<void>;
}

/** The real entry point in its own process; resolves once it says it is listening. */
async function startApp(env: Record<string, string>): Promise<AppProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--no-deprecation', '--import', 'tsx', path.join(repoRoot, 'bot/src/index.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    }
  };
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  try {
    const baseUrl = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`app did not start in 30 s:\n${stderr}`)), 30_000);
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString('utf8');
        const found = /listening on (http:\/\/[^/\s]+)\//.exec(out);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]!);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`app exited ${code} before listening:\n${stderr}`));
      });
    });
    // Its log (warnings: throttled invites being retried) is not the bench's output.
    child.stdout!.resume();
    return { baseUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The catalog's wall-clock form: UK time, to the minute. */
function ukWallClock(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { rows } = await benchBookingStorm();
  for (const row of rows) {
    const mark = row.ok === undefined ? ' ' : row.ok ? '✓' : '✗';
    process.stdout.write(`${mark} ${row.name}: ${row.value}${row.target ? `  (target ${row.target})` : ''}\n`);
  }
  process.exit(rows.some((r) => r.ok === false) ? 1 : 0);
}
