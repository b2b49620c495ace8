/**
 * Booking storm: 1,000 different officers press "Book a place" on one 100-place session at once,
 * through the real HTTP interface. Two app processes (the real entry point, bot/src/index.ts,
 * each with its outbox worker) listen on loopback ports and share one fresh schema on a real
 * PostgreSQL; the Graph stand-in, in a process of its own, answers every fifth request 429
 * (Retry-After: 1) and refuses a fifth request at once per mailbox; a local connector serves the
 * Teams member API.
 *
 * Every officer POSTs one `adaptiveCard/action` invoke (`booking.book`) to /api/messages, half
 * to each process, all in flight together; each answer must be HTTP 200 with a card saying
 * booked or waitlisted #N. Then the bench waits for every invite and checks the database and
 * the stand-in.
 *
 * The floor, in the same run on the same two processes: 1,000 other officers, all at once, ask
 * for the card of the same session (`booking.view`, the refresh Teams sends when it redraws a
 * card) before anyone has booked it: the same HTTP, Bot Framework, conversation-reference and
 * card work, and reads of the officer's booking and the places left, but no booking. The storm
 * runs three times, each on its own session just after its own floor, so that a slow spell of
 * the shared machine lands on one pair rather than on one side; rates are over all three, and
 * the invites' time is judged on the median storm. A warm-up of both verbs comes first (on a
 * session with no places, so it makes no invites).
 *
 * Flat cost: 10,000 more officers book one other 100-place session in 10 waves of 1,000, each
 * wave just after a floor of its own on that session; each wave is printed, and the last wave's
 * rate against its floor must be within 1.2× of the first's however long the waitlist has grown.
 *
 * Run alone with `npx tsx bench/booking-storm.ts`; bench/run.ts imports benchBookingStorm().
 * Needs this machine's PostgreSQL (started if it is down); DATABASE_URL picks another server.
 * STORM_CONCURRENCY caps the requests in flight (default: all); STORM_PROFILE=<dir> writes a CPU
 * profile of each app process there.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import { openDb, type Db } from '../bot/src/store/db.js';
import { startGraphProcess, type GraphProcess } from './graph-process.js';

const officers = 1000;
const capacity = 100;
const processes = 2;
const rounds = 3;
const waves = 10;
const warmUpOfficers = 300;
const throttleRate = 0.2;
const retryAfterSeconds = 1;
const perMailbox = 4;
const flatSessionId = 'flat-session';
const warmUpSessionId = 'warm-up-session';
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

type Answer = { kind: 'booked' } | { kind: 'waitlisted'; position: number } | { kind: 'details' } | { kind: 'error'; detail: string };

const officer = (n: number): Officer => ({
  id: `29:storm-officer-${n}`,
  aadObjectId: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
  name: `PC Storm ${n}`,
  email: `pc.storm.${n}@police.example`,
});

/** What a burst of presses did: each officer's answer, the time each waited, how long the burst took, and the app processes' CPU time in it. */
interface Burst {
  who: Officer[];
  answers: Answer[];
  latencies: number[];
  ms: number;
  cpuMs: number;
}

export async function benchBookingStorm(): Promise<{ rows: BenchRow[] }> {
  // The stand-ins live in test/ (test doubles, not app code); load them only when benchmarking.
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
  let graph: GraphProcess | undefined;
  let connector: InstanceType<typeof FakeConnector> | undefined;
  let agent: http.Agent | undefined;
  try {
    graph = await startGraphProcess({ throttleRate, retryAfter: retryAfterSeconds, mailboxConcurrency: perMailbox });
    // Everyone takes part once: each press is that officer's first turn in that process.
    const everyone = Array.from({ length: warmUpOfficers + 2 * officers * (rounds + waves) }, (_, i) => officer(i + 1));
    let taken = 0;
    const fresh = (count: number) => everyone.slice(taken, (taken += count));
    connector = await new FakeConnector().start();
    connector.members = everyone.map((o) => ({ id: o.id, name: o.name, aadObjectId: o.aadObjectId, email: o.email }));

    // The sessions, a day after the app's clock.
    const now = new Date();
    const starts = new Date(now.getTime() + 24 * 3600_000);
    const session = (id: string, title: string, places: number) => ({
      id,
      title,
      starts: ukWallClock(starts),
      ends: ukWallClock(new Date(starts.getTime() + 45 * 60_000)),
      capacity: places,
      joinUrl: `https://teams.microsoft.com/l/meetup-join/${id}`,
      description: 'Benchmark session.',
      presenters: [{ name: 'Sergeant Sam Reid', role: 'Trainer' }],
    });
    const stormSessions = Array.from({ length: rounds }, (_, r) => `storm-session-${r + 1}`);
    const catalogFile = path.join(dir, 'catalog.yaml');
    writeFileSync(
      catalogFile,
      stringify({
        timeZone: 'Europe/London',
        campaigns: [],
        sessions: [
          ...stormSessions.map((id, r) => session(id, `Storm ${r + 1}: the most popular session of the week`, capacity)),
          session(flatSessionId, 'Storm: the session everyone waits for', capacity),
          session(warmUpSessionId, 'Storm: a session with no places', 0),
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

    const limit = Math.min(Number(process.env.STORM_CONCURRENCY ?? officers), officers);
    // An idle connection is dropped here before the app's server would close it (Node's keep-alive
    // timeout, 5 s): a request sent on a connection the server is closing meets a reset.
    agent = new http.Agent({ keepAlive: true, timeout: 2000, maxSockets: Math.ceil(limit / processes) + 1 });
    const burst = async (who: Officer[], verb: 'booking.book' | 'booking.view', session: string): Promise<Burst> => {
      const cpuBefore = cpuMs(apps);
      const done = await pressAll(who, limit, (o, i) => press(apps[i % processes]!.baseUrl, agent!, o, connector!.serviceUrl, verb, session));
      return { ...done, who, cpuMs: cpuMs(apps) - cpuBefore };
    };
    /** Time from `since` until every booked officer of the session has its event and no calendar job is open. */
    const invitesOf = async (session: string, since: number): Promise<number> => {
      const deadline = Date.now() + inviteTimeoutMs;
      while (Date.now() < deadline) {
        const booked = await db!.query<{ officer_id: string }>("select officer_id from bookings where session_id = $1 and status = 'booked'", [session]);
        if (booked.length === capacity && (await graph!.withEvents(booked.map((b) => b.officer_id))) === capacity) {
          const [open] = await db!.query<{ n: number }>(
            "select count(*)::int as n from jobs j join bookings b on b.id = j.booking_id where b.session_id = $1 and j.kind = 'calendar.create' and j.state in ('pending', 'running')",
            [session],
          );
          if (open?.n === 0) return performance.now() - since;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      return Number.NaN;
    };

    // Warm-up: both verbs through both processes (the session has no places: waitlist only, no invites).
    for (let part = 0; part < 2; part++) {
      const half = fresh(warmUpOfficers / 2);
      await burst(half, 'booking.book', warmUpSessionId);
      await burst(half, 'booking.view', stormSessions[0]!);
    }

    // The storm, three times, each beside its floor just before it: a slow spell of the shared
    // machine lands on one pair, not on one side of the comparison.
    const floors: Burst[] = [];
    const storms: Burst[] = [];
    const invites: Array<{ ms: number; floorMs: number }> = [];
    for (const id of stormSessions) {
      floors.push(await burst(fresh(officers), 'booking.view', id));
      await graph.resetChain();
      const started = performance.now();
      storms.push(await burst(fresh(officers), 'booking.book', id));
      const ms = await invitesOf(id, started);
      // Least time the stand-in allows: each invite goes to its own mailbox (one request each), so
      // the per-mailbox limit of 4 never binds; an invite whose request met k 429s in a row cannot
      // exist before k × Retry-After. With 20% of requests throttled, some invite meets at least one.
      invites.push({ ms, floorMs: Math.max(1, (await graph.state()).maxConsecutiveThrottles) * retryAfterSeconds * 1000 });
    }
    const stormRequests = await graph.state();

    // Flat cost: one session, wave after wave, its waitlist growing by 1,000 each time; each wave
    // beside a floor of its own just before it.
    const waveFloors: Burst[] = [];
    const waveBursts: Burst[] = [];
    for (let w = 0; w < waves; w++) {
      waveFloors.push(await burst(fresh(officers), 'booking.view', flatSessionId));
      waveBursts.push(await burst(fresh(officers), 'booking.book', flatSessionId));
    }
    const flatInvitesMs = await invitesOf(flatSessionId, performance.now());

    const places = await Promise.all(stormSessions.map((id, r) => placesOn(db!, id, storms[r]!.who, storms[r]!.answers)));
    const flatPlaces = await placesOn(
      db,
      flatSessionId,
      waveBursts.flatMap((b) => b.who),
      waveBursts.flatMap((b) => b.answers),
    );
    const all = [...floors, ...storms, ...waveFloors, ...waveBursts];
    const errors = all.flatMap((b) => b.answers).filter((a): a is Extract<Answer, { kind: 'error' }> => a.kind === 'error');
    const floorsWrong = [...floors, ...waveFloors].flatMap((b) => b.answers).filter((a) => a.kind !== 'details').length;

    const sessionsBooked = rounds + 1;
    const { mailboxes } = await graph.state();
    const events = Object.values(mailboxes).reduce((n, m) => n + m.length, 0);
    const mailboxesWithMoreThanOne = Object.values(mailboxes).filter((m) => m.length > 1).length;
    const transactionIds = Object.values(mailboxes).flat();
    const distinctTransactionIds = new Set(transactionIds.filter((t) => t !== null)).size;
    const bookedOfficers = await db.query<{ officer_id: string }>("select officer_id from bookings where session_id = any($1::text[]) and status = 'booked'", [
      [...stormSessions, flatSessionId],
    ]);
    const eventPerBooked = bookedOfficers.length === sessionsBooked * capacity && bookedOfficers.every((b) => mailboxes[b.officer_id]?.length === 1);

    const rate = (bursts: Burst[]) => bursts.reduce((n, b) => n + b.answers.length, 0) / (bursts.reduce((n, b) => n + b.ms, 0) / 1000);
    const ratio = rate(storms) / rate(floors);
    const latencies = (bursts: Burst[]) => bursts.flatMap((b) => b.latencies);
    const [p50, p95] = [percentile(latencies(storms), 0.5), percentile(latencies(storms), 0.95)];
    const [f50, f95] = [percentile(latencies(floors), 0.5), percentile(latencies(floors), 0.95)];
    const cpuPer = (bursts: Burst[]) => bursts.reduce((n, b) => n + b.cpuMs, 0) / bursts.reduce((n, b) => n + b.answers.length, 0);
    const inviteRatios = invites.map((i) => i.ms / i.floorMs);
    const inviteMedian = [...inviteRatios].sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
    const waveRatios = waveBursts.map((b, w) => rate([b]) / rate([waveFloors[w]!]));
    const flatSlowdown = waveRatios[0]! / waveRatios[waves - 1]!;
    const firstError = errors[0]?.detail;
    const waitlist = officers - capacity;
    const flatWaitlist = waves * officers - capacity;
    const storms3 = `${rounds} storms of ${officers}`;

    return {
      rows: [
        {
          name: 'booking storm: driven through',
          value: `HTTP: ${storms3} booking.book invokes, each on its own ${capacity}-place session, to /api/messages of ${processes} app processes (bot/src/index.ts), ${limit} in flight, one PostgreSQL; the floor before each: ${officers} booking.view invokes (the card refresh of a session not booked) the same way`,
        },
        {
          name: 'booking storm: booked / waitlisted, each storm',
          value: places.map((p) => `${p.booked} / ${p.waiting}`).join(', '),
          target: `${capacity} / ${waitlist}`,
          ok: places.every((p) => p.booked === capacity && p.waiting === waitlist),
        },
        {
          name: 'booking storm: places shown on the cards',
          value: places.every((p) => p.exact)
            ? `each officer's card shows their place; waitlisted #1–#${waitlist}, each once, in every storm`
            : 'cards and places disagree',
          target: `booked ×${capacity}, #1–#${waitlist}`,
          ok: places.every((p) => p.exact),
        },
        {
          name: 'booking storm: officers shown an error (storms, waves, floors)',
          value: `${errors.length + floorsWrong}${firstError ? ` (first: ${firstError.slice(0, 120)})` : ''}`,
          target: '0',
          ok: errors.length === 0 && floorsWrong === 0,
        },
        {
          name: 'booking storm: bookings per second / floor invokes per second',
          value: `${rate(storms).toFixed(0)} / ${rate(floors).toFixed(0)} = ${ratio.toFixed(2)}× (each storm ${storms.map((b) => rate([b]).toFixed(0)).join(', ')}; floor ${floors.map((b) => rate([b]).toFixed(0)).join(', ')})`,
          target: '≥ 0.7× floor',
          ok: ratio >= 0.7,
        },
        {
          name: 'booking storm: invoke latency p50 / p95 (floor p50 / p95)',
          value: `${p50} / ${p95} ms (${f50} / ${f95} ms): p95 ${(p95 / f95).toFixed(2)}× floor`,
          target: 'p95 ≤ 1.5× floor',
          ok: p95 <= 1.5 * f95,
        },
        {
          name: 'booking storm: app CPU per invoke, booking / floor',
          value: `${cpuPer(storms).toFixed(2)} / ${cpuPer(floors).toFixed(2)} ms (both processes)`,
        },
        {
          name: 'booking storm: time until every invite exists (from the first press), each storm',
          value: invites
            .map((i) => (Number.isNaN(i.ms) ? `not in ${inviteTimeoutMs / 1000} s` : `${(i.ms / 1000).toFixed(2)} s / ${(i.floorMs / 1000).toFixed(0)} s`))
            .join(', ')
            .concat(`: median ${inviteMedian.toFixed(2)}× floor`),
          target: `≤ 1.5× floor (k × Retry-After ${retryAfterSeconds} s for the longest run of k 429s; per-mailbox limit ${perMailbox} not binding)`,
          ok: inviteMedian <= 1.5,
        },
        {
          name: 'booking storm: Graph events (mailboxes with more than one) / distinct transactionIds',
          value: `${events} (${mailboxesWithMoreThanOne}) / ${distinctTransactionIds}; one per booked officer: ${eventPerBooked ? 'yes' : 'no'}`,
          target: `${sessionsBooked * capacity} (0) / ${sessionsBooked * capacity}`,
          ok:
            events === sessionsBooked * capacity &&
            mailboxesWithMoreThanOne === 0 &&
            distinctTransactionIds === events &&
            transactionIds.length === events &&
            eventPerBooked &&
            !Number.isNaN(flatInvitesMs),
        },
        {
          name: 'booking storm: Graph requests / 429s / MailboxConcurrency 429s (storms)',
          value: `${stormRequests.requests} / ${stormRequests.throttled} / ${stormRequests.mailboxConcurrencyThrottled}`,
        },
        {
          name: `booking storm: flat cost, ${waves} waves of ${officers} on one ${capacity}-place session: bookings per second (floor)`,
          value: waveBursts.map((b, w) => `${rate([b]).toFixed(0)} (${rate([waveFloors[w]!]).toFixed(0)})`).join(', '),
        },
        {
          name: 'booking storm: flat cost, each wave against its floor',
          value: `${waveRatios.map((r) => r.toFixed(2)).join(', ')}: first / last ${flatSlowdown.toFixed(2)}×`,
          target: 'last within 1.2× of the first',
          ok: flatSlowdown <= 1.2,
        },
        {
          name: 'booking storm: flat cost, booked / waitlisted, places shown on the cards',
          value: `${flatPlaces.booked} / ${flatPlaces.waiting}, ${flatPlaces.exact ? `each card as held, #1–#${flatPlaces.waiting} once each` : 'cards and places disagree'}`,
          target: `${capacity} / ${flatWaitlist}`,
          ok: flatPlaces.booked === capacity && flatPlaces.waiting === flatWaitlist && flatPlaces.exact,
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

/** CPU time (user and system) the app processes have used so far, from /proc (Linux); 0 where it cannot be read. */
function cpuMs(apps: AppProcess[]): number {
  const ticksPerSecond = 100;
  return apps.reduce((total, app) => {
    try {
      const fields = readFileSync(`/proc/${app.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return total + ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
    } catch {
      return total;
    }
  }, 0);
}

/** Presses for each officer, `limit` in flight at a time, in officer order. */
async function pressAll(who: Officer[], limit: number, pressOne: (o: Officer, i: number) => Promise<Answer>): Promise<Omit<Burst, 'who' | 'cpuMs'>> {
  const answers: Answer[] = new Array(who.length);
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(limit, who.length) }, async () => {
      while (next < who.length) {
        const i = next++;
        const started = performance.now();
        answers[i] = await pressOne(who[i]!, i);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return { answers, latencies, ms: performance.now() - t0 };
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? Number.NaN);
}

/**
 * The session's places as the database holds them, against what each officer was shown: booked
 * officers were told they are booked, and each waiting officer's card said the position their row
 * has by the app's rule (the id order among the session's waiting rows), so positions run 1–N.
 */
async function placesOn(db: Db, session: string, who: Officer[], answers: Answer[]) {
  const rows = await db.query<{ officer_id: string; status: string; position: number | null }>(
    `select officer_id, status, case when status = 'waitlisted' then row_number() over (partition by status order by id) end::int as position
       from bookings where session_id = $1 and status <> 'cancelled'`,
    [session],
  );
  const held = new Map(rows.map((r) => [r.officer_id, r]));
  const booked = rows.filter((r) => r.status === 'booked').length;
  const waiting = rows.length - booked;
  const agrees = who.every((o, i) => {
    const row = held.get(o.aadObjectId);
    const answer = answers[i]!;
    return answer.kind === 'booked' ? row?.status === 'booked' : answer.kind === 'waitlisted' && row?.position === answer.position;
  });
  const shownPositions = answers.flatMap((a) => (a.kind === 'waitlisted' ? [a.position] : [])).sort((a, b) => a - b);
  return {
    booked,
    waiting,
    /** Every officer has the place their card showed, and the cards' positions are 1–N once each. */
    exact: rows.length === who.length && agrees && shownPositions.length === waiting && shownPositions.every((p, i) => p === i + 1),
  };
}

/** One officer presses a button of a session's card in their personal chat: Action.Execute as Teams sends it. */
async function press(
  baseUrl: string,
  agent: http.Agent,
  who: Officer,
  serviceUrl: string,
  verb: 'booking.book' | 'booking.view',
  session: string,
): Promise<Answer> {
  const activity = {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `storm-${verb}-${who.aadObjectId}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale: 'en-GB',
    from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId },
    recipient: { id: '28:cpd-bot', name: 'CPD sessions' },
    conversation: { id: `a:storm-personal-${who.aadObjectId}`, conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    value: { action: { type: 'Action.Execute', verb, data: { verb, sessionId: session } }, trigger: verb === 'booking.view' ? 'automatic' : 'manual' },
  };
  try {
    const { status, body } = await postJson(`${baseUrl}/api/messages`, activity, agent);
    if (status !== 200) return { kind: 'error', detail: `HTTP ${status}: ${body.slice(0, 200)}` };
    const response = JSON.parse(body) as { statusCode?: number; type?: string; value?: unknown };
    if (response.statusCode !== 200 || response.type !== 'application/vnd.microsoft.card.adaptive') {
      return { kind: 'error', detail: `invoke ${response.statusCode} ${response.type}: ${JSON.stringify(response.value).slice(0, 200)}` };
    }
    const text = JSON.stringify(response.value);
    if (verb === 'booking.view') {
      // The session's card with its button to book (or to join the waitlist, once it is full).
      return text.includes('"verb":"booking.book"') ? { kind: 'details' } : { kind: 'error', detail: `a refresh without a way to book: ${text.slice(0, 200)}` };
    }
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
  pid: number;
  stop(): Promise<void>;
}

/** The real entry point in its own process; resolves once it says it is listening. */
async function startApp(env: Record<string, string>): Promise<AppProcess> {
  const profile = process.env.STORM_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.STORM_PROFILE}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, '--no-deprecation', '--import', 'tsx', path.join(repoRoot, 'bot/src/index.ts')], {
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
    return { baseUrl, pid: child.pid!, stop };
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
