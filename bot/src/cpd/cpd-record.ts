/**
 * An officer's CPD record: the sessions they attended and the recordings they watched, with the
 * minutes each counted for and a reflection note of their own. Kept in PostgreSQL, one row per
 * officer, session and kind, so an answer given twice (a retried turn, two app instances)
 * records once.
 */
import { DateTime } from 'luxon';
import type { Clock } from '../clock.js';
import type { Queryable } from '../store/db.js';

export type CpdKind = 'attended' | 'recording';

export interface CpdRecordEntry {
  officerId: string;
  sessionId: string;
  kind: CpdKind;
  minutes: number;
  /** When it was recorded: the answer to "Did you attend?", or the moment a recording was added. */
  at: Date;
}

/** CPD years and months are counted in UK time: a session at 23:30 on 31 December counts in that year. */
export const CPD_ZONE = 'Europe/London';

export interface CpdTotals {
  /** The calendar year (UK time) "this year" means. */
  year: number;
  thisYearMinutes: number;
  last12MonthsMinutes: number;
  entries: number;
}

export class CpdRecord {
  constructor(
    private readonly db: Queryable,
    private readonly clock: Clock,
  ) {}

  /**
   * Puts a session into the officer's record. Once per officer, session and kind: asked again it
   * changes nothing (the first minutes and any reflection stay). An attended session counts on the
   * day it took place; a recording on the day it was watched.
   */
  async record(entry: CpdRecordEntry): Promise<void> {
    const minutes = Math.round(entry.minutes);
    if (!Number.isFinite(minutes) || minutes < 1) throw new RangeError(`CPD minutes must be at least 1 (got ${entry.minutes})`);
    const rows = await this.db.query<{ id: string }>(
      `insert into cpd_entries (officer_id, session_id, kind, minutes, title, occurred_at, recorded_at)
       select $1, s.id, $3, $4, s.title, case when $3 = 'attended' then s.starts_at else $5::timestamptz end, $5::timestamptz
         from sessions s where s.id = $2
       on conflict (officer_id, session_id, kind) do nothing
       returning id`,
      [entry.officerId, entry.sessionId, entry.kind, minutes, entry.at],
    );
    if (rows.length === 0) {
      const known = await this.db.query('select 1 from sessions where id = $1', [entry.sessionId]);
      if (known.length === 0) throw new Error(`no session ${entry.sessionId} to record CPD for`);
    }
  }

  /**
   * Minutes this calendar year and in the last 12 months, both by the app's clock in UK time. The
   * 12 months run from the same wall-clock moment a year ago; nothing dated after now counts.
   */
  async totals(officerId: string): Promise<CpdTotals> {
    const now = DateTime.fromJSDate(this.clock.now(), { zone: CPD_ZONE });
    const yearStart = now.startOf('year');
    const yearAgo = now.minus({ years: 1 });
    const [row] = await this.db.query<{ this_year: number; last_12: number; entries: number }>(
      `select coalesce(sum(minutes) filter (where occurred_at >= $2 and occurred_at <= $4), 0)::int as this_year,
              coalesce(sum(minutes) filter (where occurred_at > $3 and occurred_at <= $4), 0)::int as last_12,
              count(*)::int as entries
         from cpd_entries where officer_id = $1`,
      [officerId, yearStart.toJSDate(), yearAgo.toJSDate(), now.toJSDate()],
    );
    return { year: now.year, thisYearMinutes: row?.this_year ?? 0, last12MonthsMinutes: row?.last_12 ?? 0, entries: row?.entries ?? 0 };
  }
}
