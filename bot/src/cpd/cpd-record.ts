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

/** One entry of an officer's record, as the bot's card and the tab show it. */
export interface CpdEntry {
  id: number;
  sessionId: string;
  kind: CpdKind;
  minutes: number;
  /** The session's title when it went into the record. */
  title: string;
  campaignTitle: string | null;
  /** When the CPD happened: the session's start if attended, the moment it was added for a recording. */
  occurredAt: Date;
  recordedAt: Date;
  reflection: string | null;
}

export interface CpdPage {
  total: number;
  offset: number;
  limit: number;
  items: CpdEntry[];
}

/** What "Add to my CPD record" on a recording did. */
export type AddRecordingOutcome =
  | { kind: 'added' | 'already'; entry: CpdEntry }
  /** The officer said they attended it: the session is in the record once, as attended. */
  | { kind: 'attended'; entry: CpdEntry }
  | { kind: 'not-found' }
  /** The session has not taken place yet: there is nothing to have watched. */
  | { kind: 'not-yet' };

interface EntryRow {
  id: number;
  session_id: string;
  kind: CpdKind;
  minutes: number;
  title: string;
  campaign_title: string | null;
  occurred_at: Date;
  recorded_at: Date;
  reflection: string | null;
}

const entryColumns = `e.id, e.session_id, e.kind, e.minutes, e.title, c.title as campaign_title, e.occurred_at, e.recorded_at, e.reflection`;
const entryFrom = `cpd_entries e join sessions s on s.id = e.session_id left join campaigns c on c.id = s.campaign_id`;
/** Newest first; the id settles two entries at the same moment (the later one recorded first). */
const newestFirst = 'e.occurred_at desc, e.id desc';

/** The most an officer's record lists at once (the card pages far fewer). */
export const MAX_CPD_PAGE = 500;

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
    await this.insert(entry);
  }

  /** Whether this call made the entry (false: it was there already). */
  private async insert(entry: CpdRecordEntry): Promise<boolean> {
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
    if (rows.length > 0) return true;
    const known = await this.db.query('select 1 from sessions where id = $1', [entry.sessionId]);
    if (known.length === 0) throw new Error(`no session ${entry.sessionId} to record CPD for`);
    return false;
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

  /** One page of the officer's record, newest first. */
  async page(officerId: string, offset: number, limit: number): Promise<CpdPage> {
    const take = Math.min(Math.max(1, Math.trunc(limit)), MAX_CPD_PAGE);
    const skip = Math.max(0, Math.trunc(offset));
    const rows = await this.db.query<EntryRow & { total: number }>(
      `select ${entryColumns}, count(*) over ()::int as total from ${entryFrom} where e.officer_id = $1 order by ${newestFirst} limit $2 offset $3`,
      [officerId, take, skip],
    );
    // Past the last page there is no row to carry the count: ask for it alone.
    const total =
      rows[0]?.total ??
      (skip === 0 ? 0 : ((await this.db.query<{ n: number }>('select count(*)::int as n from cpd_entries where officer_id = $1', [officerId]))[0]?.n ?? 0));
    return { total, offset: skip, limit: take, items: rows.map(toEntry) };
  }

  /** Every entry of the officer's record, newest first (the downloads). */
  async all(officerId: string): Promise<CpdEntry[]> {
    const rows = await this.db.query<EntryRow>(`select ${entryColumns} from ${entryFrom} where e.officer_id = $1 order by ${newestFirst}`, [officerId]);
    return rows.map(toEntry);
  }

  /** One entry, only if it is this officer's. */
  async entry(officerId: string, entryId: number): Promise<CpdEntry | undefined> {
    if (!Number.isSafeInteger(entryId)) return undefined;
    const rows = await this.db.query<EntryRow>(`select ${entryColumns} from ${entryFrom} where e.officer_id = $1 and e.id = $2`, [officerId, entryId]);
    return rows[0] ? toEntry(rows[0]) : undefined;
  }

  /** Where the entry stands in the officer's newest-first list (0-based), to return to its page. */
  async positionOf(officerId: string, entry: Pick<CpdEntry, 'id' | 'occurredAt'>): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(
      `select count(*)::int as n from cpd_entries e where e.officer_id = $1 and (e.occurred_at > $2 or (e.occurred_at = $2 and e.id > $3))`,
      [officerId, entry.occurredAt, entry.id],
    );
    return row?.n ?? 0;
  }

  /**
   * Writes (or, with null, clears) the reflection on one of the officer's entries. The text is
   * checked by the caller (reflection.ts); the database holds the same 2,000-character limit.
   * Undefined when the entry is not theirs.
   */
  async setReflection(officerId: string, entryId: number, text: string | null): Promise<CpdEntry | undefined> {
    if (!Number.isSafeInteger(entryId)) return undefined;
    const updated = await this.db.query<{ id: number }>(
      'update cpd_entries set reflection = $3, reflection_updated_at = $4 where officer_id = $1 and id = $2 returning id',
      [officerId, entryId, text, this.clock.now()],
    );
    return updated.length > 0 ? this.entry(officerId, entryId) : undefined;
  }

  /**
   * "Add to my CPD record" after watching a session's recording: the recording's length (the
   * latest one posted for the session, when it has a length), else the session's.
   */
  async addRecording(officerId: string, sessionId: string, at: Date): Promise<AddRecordingOutcome> {
    const [session] = await this.db.query<{ starts_at: Date; minutes: number }>(
      `select s.starts_at, greatest(1, ceil(coalesce(
                (select r.duration_seconds from recordings r where r.session_id = s.id and r.withdrawn_at is null and r.duration_seconds > 0
                  order by r.posted_on desc, r.id limit 1),
                extract(epoch from s.ends_at - s.starts_at)) / 60.0))::int as minutes
         from sessions s where s.id = $1`,
      [sessionId],
    );
    if (!session) return { kind: 'not-found' };
    if (new Date(session.starts_at).getTime() > at.getTime()) return { kind: 'not-yet' };
    const attended = await this.kindFor(officerId, sessionId, 'attended');
    if (attended) return { kind: 'attended', entry: attended };
    const added = await this.insert({ officerId, sessionId, kind: 'recording', minutes: session.minutes, at });
    const entry = await this.kindFor(officerId, sessionId, 'recording');
    return { kind: added ? 'added' : 'already', entry: entry! };
  }

  private async kindFor(officerId: string, sessionId: string, kind: CpdKind): Promise<CpdEntry | undefined> {
    const rows = await this.db.query<EntryRow>(`select ${entryColumns} from ${entryFrom} where e.officer_id = $1 and e.session_id = $2 and e.kind = $3`, [
      officerId,
      sessionId,
      kind,
    ]);
    return rows[0] ? toEntry(rows[0]) : undefined;
  }
}

function toEntry(row: EntryRow): CpdEntry {
  return {
    id: row.id,
    sessionId: row.session_id,
    kind: row.kind,
    minutes: row.minutes,
    title: row.title,
    campaignTitle: row.campaign_title,
    occurredAt: new Date(row.occurred_at),
    recordedAt: new Date(row.recorded_at),
    reflection: row.reflection,
  };
}
