/**
 * Reminders fan-out: 10,000 officers booked on one session, two app processes (bot/src/index.ts)
 * on a fresh schema of the real PostgreSQL started at its 15-minute moment, and the connector
 * stand-in enforcing Teams' documented limits (50 a second per app per tenant; 7 a second per
 * conversation). Timed from the first reminder's arrival to the last's, beside the least the
 * per-tenant limit allows; duplicates and lost reminders counted. The officers' bookings and chats
 * are written straight into the tables. Run alone with `npx tsx bench/reminders.ts`
 * (REMINDERS_BENCH_OFFICERS=1000 for a shorter run).
 */
import { TEAMS_LIMITS } from '../test/fakes/connector.js';
import { fanOut } from '../test/reminders/fan-out.js';
import type { BenchRow } from './run.js';

const officers = Number(process.env.REMINDERS_BENCH_OFFICERS ?? 10_000);
const processes = 2;

export async function benchReminders(): Promise<{ rows: BenchRow[] }> {
  const tenant = TEAMS_LIMITS.perTenant[0]!;
  const r = await fanOut({ officers, processes, limits: TEAMS_LIMITS, timeoutMs: Math.max(120_000, (officers / tenant.limit) * 2000) });
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return {
    rows: [
      {
        name: 'reminders: driven through',
        value: `${officers.toLocaleString('en-GB')} officers booked on one session; ${processes} app processes started at its 15-minute moment on one real PostgreSQL; the connector stand-in enforcing Teams' limits (${tenant.limit} a second per tenant, 7 a second per chat)`,
      },
      {
        name: 'reminders: first to last reminder',
        value: `${seconds(r.spreadMs)} (${(r.spreadMs / r.leastMs).toFixed(2)}× the least)`,
        target: `least the limits allow ${seconds(r.leastMs)}; within 1.25× (a tenth of the limit is left for answering officers)`,
        ok: r.spreadMs <= r.leastMs * 1.25,
      },
      { name: 'reminders: duplicates', value: String(r.duplicates), target: '0', ok: r.duplicates === 0 },
      { name: 'reminders: lost', value: String(r.lost), target: '0', ok: r.lost === 0 },
      { name: "reminders: the stand-in's 429s (chat / tenant)", value: `${r.throttled.conversation} / ${r.throttled.tenant}` },
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows } = await benchReminders();
  for (const r of rows)
    process.stdout.write(`${r.name}: ${r.value}${r.target ? `  (target ${r.target})` : ''}${r.ok === undefined ? '' : r.ok ? '  ok' : '  MISSED'}\n`);
  process.exit(0);
}
