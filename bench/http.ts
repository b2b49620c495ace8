/**
 * Turn latency over HTTP: 50 conversations at once ask varied "what's on" questions of the real
 * app, and the same load goes to an echo bot on the same stack (restify, makeServer, CloudAdapter)
 * in the same run: the floor. Each turn is timed from the POST to its 200, which CloudAdapter only
 * sends once the bot has sent its reply to the local connector, so sending the reply is included.
 * Both run in this process with the load generator, so what they share cancels out; the two are
 * measured in alternating blocks, so a slow stretch of the shared machine, lasting seconds, lands
 * on both.
 * Target (issue 2): median and p99 within 1.5x the floor.
 *
 * The p99 compared is taken per block: each bot's block p99s, at their upper quartile. Now and
 * then the shared machine holds the process for a few hundred milliseconds (measured: CPU time
 * far below wall time), which slows every turn in flight, 50 at once. Such a spell lands on one
 * block of one bot, and over all turns it alone was the p99 of whichever bot it hit (that ratio
 * went from 0.5x to 2.8x over one day's runs of the same code). At the upper quartile, spells in
 * a few blocks do not count, while a slow tail of the bot's own, in a quarter of its blocks or
 * more, does. The p99 over all turns is printed as well.
 *
 *   npx tsx bench/http.ts
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { ActivityHandler, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { loadConfig } from '../bot/src/config.js';
import { composeApp } from '../bot/src/composition.js';
import { fixedClock } from '../bot/src/clock.js';
import { createLogger } from '../bot/src/log.js';
import { BotAdapter, makeServer } from '../bot/src/server.js';
import { openDb, type Db } from '../bot/src/store/db.js';
import { migrate } from '../bot/src/store/migrate.js';
import { FakeConnector } from '../test/fakes/connector.js';

export interface BenchRow {
  name: string;
  value: string;
  target?: string;
  ok?: boolean;
}

const CONVERSATIONS = 50;
/**
 * Turns before timing starts, for each bot. A server runs for days, so what counts is its steady
 * state: V8 keeps optimising both bots' code for the first few thousand turns (each turn's CPU
 * time falls for about 3,000 turns), and the real app, with far more code, takes longer to
 * get there than the echo bot, so a short warm-up measures compilation more than the turn.
 */
const WARM_UP_TURNS = 3000;
/**
 * The warm-up alternates between the bots in blocks too: run one after the other, the first
 * bot's keep-alive connections (to it and from it to the connector) close while the second warms
 * up (Node's keep-alive timeout is 5 s), and its first timed turns would measure new connections.
 */
const WARM_UP_BLOCKS = 6;
/**
 * Timed turns for each bot: 200 per block, a whole number of rounds of the questions (so each is
 * timed as often as the others), and a block's p99 is its third-slowest turn.
 */
const TURNS = 8000;
const BLOCKS = 40;
/** Which of the block p99s is compared: the upper quartile. */
const BLOCK_QUANTILE = 0.75;
/**
 * Each block starts its 50 conversations at the same instant, after the other bot's block: a
 * burst that a steady load does not have, and which lands once a block on each bot. So each
 * conversation's first turn in a block is its ramp, not timed (the throughput counts it). Those
 * are turns 0 to 49: each conversation takes its first turn before any waits for an answer.
 */
const RAMP_TURNS = CONVERSATIONS;
const TARGET_RATIO = 1.5;
/** The demo catalog's weeks of action are in April and June 2026. */
const NOW = new Date('2026-04-13T09:00:00+01:00');

/** What officers ask: days, weeks, topics, people, campaigns, a typo, nothing found, help. */
const QUESTIONS = [
  "what's on next week?",
  "What's on Wednesday 22 April?",
  'when is the dangerous dogs session',
  'anything on crisis intervention?',
  "what's on in neighbourhood policing week",
  'facial recognition',
  'what is Sue Brookes presenting?',
  "what's on Friday 19 June",
  'sessions on officer welfare',
  "what's on in June?",
  'anything on Saturday 25 April?',
  "what's on at 2pm on Thursday 23 April",
  'anything on mental health next week?',
  'what did I miss last week?',
  'anything on ASB',
  'sesions on leadersip',
  'what is on between 20 and 22 April',
  "what's on tomorrow afternoon?",
  '#ResponsePolicing',
  'help',
];

interface Target {
  name: string;
  baseUrl: string;
  connector: FakeConnector;
  stop(): Promise<void>;
}

export async function benchHttp(): Promise<{ rows: BenchRow[] }> {
  const db = await openDb({});
  await migrate(db);
  const app = await startRealApp(db);
  const echo = await startEchoBot(db);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONVERSATIONS * 2 });
  try {
    for (let block = 0; block < WARM_UP_BLOCKS; block++) {
      await load(app, agent, WARM_UP_TURNS / WARM_UP_BLOCKS);
      await load(echo, agent, WARM_UP_TURNS / WARM_UP_BLOCKS);
    }
    const appTimes: number[] = [];
    const echoTimes: number[] = [];
    const appBlockP99: number[] = [];
    const echoBlockP99: number[] = [];
    let appMs = 0;
    let echoMs = 0;
    for (let block = 0; block < BLOCKS; block++) {
      const e = await load(echo, agent, TURNS / BLOCKS, RAMP_TURNS);
      echoTimes.push(...e.times);
      echoBlockP99.push(summary(e.times).p99);
      echoMs += e.wallMs;
      const a = await load(app, agent, TURNS / BLOCKS, RAMP_TURNS);
      appTimes.push(...a.times);
      appBlockP99.push(summary(a.times).p99);
      appMs += a.wallMs;
    }
    const expected = WARM_UP_TURNS + TURNS + BLOCKS * RAMP_TURNS;
    const cards = app.connector.sent.filter((s) => s.activity.attachments?.[0]?.contentType === 'application/vnd.microsoft.card.adaptive').length;
    const floor = summary(echoTimes);
    const real = summary(appTimes);
    const ratio = (a: number, b: number) => a / b;
    const floorP99 = quantile(echoBlockP99, BLOCK_QUANTILE);
    const realP99 = quantile(appBlockP99, BLOCK_QUANTILE);
    return {
      rows: [
        {
          name: 'load',
          value: `${CONVERSATIONS} conversations at once; each bot ${WARM_UP_TURNS} turns to warm up, then ${TURNS} timed in ${BLOCKS} blocks (+${RAMP_TURNS} untimed each)`,
        },
        { name: 'echo bot (floor) median (all turns) / p99 (blocks)', value: `${fmt(floor.p50)} / ${fmt(floorP99)} ms` },
        { name: "what's on median (all turns) / p99 (blocks)", value: `${fmt(real.p50)} / ${fmt(realP99)} ms` },
        {
          name: 'median vs floor',
          value: `${ratio(real.p50, floor.p50).toFixed(2)}x`,
          target: `<= ${TARGET_RATIO}x`,
          ok: ratio(real.p50, floor.p50) <= TARGET_RATIO,
        },
        {
          name: "p99 vs floor (blocks' p99s, upper quartile)",
          value: `${ratio(realP99, floorP99).toFixed(2)}x`,
          target: `<= ${TARGET_RATIO}x`,
          ok: ratio(realP99, floorP99) <= TARGET_RATIO,
        },
        { name: "p99 over all turns, what's on / floor", value: `${fmt(real.p99)} / ${fmt(floor.p99)} ms (${ratio(real.p99, floor.p99).toFixed(2)}x)` },
        {
          name: "throughput, what's on / floor",
          value: `${perSecond(TURNS + BLOCKS * RAMP_TURNS, appMs)} / ${perSecond(TURNS + BLOCKS * RAMP_TURNS, echoMs)} turns/s`,
        },
        {
          name: "replies at the connector, what's on / floor",
          value: `${app.connector.sent.length} (${cards} cards) / ${echo.connector.sent.length} of ${expected}`,
          ok: app.connector.sent.length === expected && echo.connector.sent.length === expected && cards > 0,
        },
      ],
    };
  } finally {
    agent.destroy();
    await app.stop();
    await echo.stop();
    await db.close();
  }
}

/** The app as `npm start` builds it (logs off, the demo clock), listening on a loopback port. */
async function startRealApp(db: Db): Promise<Target> {
  const config = loadConfig({ LOG_LEVEL: 'silent', PORT: '0' });
  const app = await composeApp(config, createLogger('silent'), { db, clock: fixedClock(NOW) });
  const connector = await new FakeConnector().start();
  const baseUrl = await listen(app.server);
  return {
    name: "what's on",
    baseUrl,
    connector,
    stop: async () => {
      app.server.close();
      await app.close();
      await connector.stop();
    },
  };
}

/** The floor: the same server, adapter and reply path, with a bot that does nothing but echo. */
async function startEchoBot(db: Db): Promise<Target> {
  const adapter = new BotAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler().onMessage(async (context, next) => {
    await context.sendActivity(`You said: ${context.activity.text}`);
    await next();
  });
  const { server } = makeServer({ adapter, bot, db, logger: createLogger('silent') });
  const connector = await new FakeConnector().start();
  const baseUrl = await listen(server);
  return {
    name: 'echo',
    baseUrl,
    connector,
    stop: async () => {
      server.close();
      await connector.stop();
    },
  };
}

async function listen(server: { listen(port: number, host: string, cb: () => void): unknown; address(): unknown }): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * `ramp + timed` turns spread over CONVERSATIONS conversations, each asking its next question when
 * answered; the first `ramp` (one per conversation) are not timed.
 */
async function load(target: Target, agent: http.Agent, timed: number, ramp = 0): Promise<{ times: number[]; wallMs: number }> {
  const turns = ramp + timed;
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  const conversation = async (c: number) => {
    while (next < turns) {
      const n = next++;
      const activity = message(target, c, n);
      const t = performance.now();
      const status = await post(`${target.baseUrl}/api/messages`, activity, agent);
      if (n >= ramp) times.push(performance.now() - t);
      if (status !== 200) throw new Error(`${target.name}: turn answered ${status}`);
    }
  };
  await Promise.all(Array.from({ length: CONVERSATIONS }, (_, c) => conversation(c)));
  return { times, wallMs: performance.now() - started };
}

let ids = 0;
/** The block's nth turn asks the nth question in turn: every question is asked as often as the others. */
function message(target: Target, c: number, n: number): Record<string, unknown> {
  ids += 1;
  return {
    type: 'message',
    id: `bench-${ids}`,
    channelId: 'msteams',
    serviceUrl: target.connector.serviceUrl,
    timestamp: new Date().toISOString(),
    text: QUESTIONS[n % QUESTIONS.length],
    textFormat: 'plain',
    locale: 'en-GB',
    from: { id: `29:officer-${c}`, name: `Officer ${c}`, aadObjectId: `00000000-0000-4000-8000-${String(c).padStart(12, '0')}` },
    recipient: { id: '28:cpd-bot', name: 'CPD sessions' },
    conversation: { id: `a:bench-${c}`, conversationType: 'personal', tenantId: 'tenant-bench' },
    channelData: { tenant: { id: 'tenant-bench' } },
  };
}

function post(url: string, body: unknown, agent: http.Agent): Promise<number> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': payload.length } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

function summary(times: number[]): { p50: number; p99: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { p50: at(50), p99: at(99) };
}

/** The q-quantile, interpolating between neighbours. */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (at - low);
}

const fmt = (ms: number) => ms.toFixed(1);
const perSecond = (turns: number, ms: number) => Math.round((turns / ms) * 1000);

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { rows } = await benchHttp();
  for (const r of rows) console.log(`${r.name.padEnd(50)} ${r.value.padEnd(40)} ${r.target ?? ''} ${r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED'}`);
  process.exit(0);
}
