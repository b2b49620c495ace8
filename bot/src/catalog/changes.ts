/**
 * What a new catalog version changes, session by session, compared with the live one. Pure: the
 * publisher adds the booking counts and turns each kind of change into what officers get
 * (calendar updates, messages, promotions, cancellations).
 */
import type { Campaign, Catalog, Recording, Session } from './model.js';

/** Details that are copied into officers' calendar events (and the cards). */
export type DetailField = 'title' | 'description' | 'presenters' | 'topics' | 'campaign' | 'joinUrl';

export interface SessionPair {
  before: Session;
  after: Session;
}

export interface CatalogDiff {
  added: Session[];
  /** In the live catalog, not in the new one: its bookings end. */
  withdrawn: Session[];
  /** Start or end moved. */
  rescheduled: SessionPair[];
  /** Places changed (null: no limit). */
  capacity: SessionPair[];
  changed: Array<SessionPair & { fields: DetailField[] }>;
  /** Recordings new to the catalog (or back after being taken out). */
  recordingsAdded: Recording[];
  recordingsRemoved: Recording[];
  /** Any other difference: campaigns, recording details, the zone. */
  otherChanges: number;
  unchanged: boolean;
}

export function diffCatalogs(before: Catalog, after: Catalog): CatalogDiff {
  const old = new Map(before.sessions.map((s) => [s.id, s]));
  const next = new Map(after.sessions.map((s) => [s.id, s]));
  const diff: CatalogDiff = {
    added: [],
    withdrawn: [],
    rescheduled: [],
    capacity: [],
    changed: [],
    recordingsAdded: [],
    recordingsRemoved: [],
    otherChanges: 0,
    unchanged: true,
  };

  for (const s of after.sessions) {
    const was = old.get(s.id);
    if (!was) {
      diff.added.push(s);
      continue;
    }
    const pair = { before: was, after: s };
    if (was.startsAt.getTime() !== s.startsAt.getTime() || was.endsAt.getTime() !== s.endsAt.getTime()) diff.rescheduled.push(pair);
    if ((was.capacity ?? null) !== (s.capacity ?? null)) diff.capacity.push(pair);
    const fields = changedDetails(was, s);
    if (fields.length > 0) diff.changed.push({ ...pair, fields });
  }
  for (const s of before.sessions) if (!next.has(s.id)) diff.withdrawn.push(s);

  const oldRecordings = new Map(before.recordings.map((r) => [r.id, r]));
  const newRecordings = new Map(after.recordings.map((r) => [r.id, r]));
  for (const r of after.recordings) {
    const was = oldRecordings.get(r.id);
    if (!was) diff.recordingsAdded.push(r);
    else if (!sameJson(was, r)) diff.otherChanges += 1;
  }
  for (const r of before.recordings) if (!newRecordings.has(r.id)) diff.recordingsRemoved.push(r);

  diff.otherChanges += campaignChanges(before.campaigns, after.campaigns) + (before.timeZone === after.timeZone ? 0 : 1);
  diff.unchanged =
    diff.added.length +
      diff.withdrawn.length +
      diff.rescheduled.length +
      diff.capacity.length +
      diff.changed.length +
      diff.recordingsAdded.length +
      diff.recordingsRemoved.length +
      diff.otherChanges ===
    0;
  return diff;
}

function changedDetails(a: Session, b: Session): DetailField[] {
  const fields: DetailField[] = [];
  if (a.title !== b.title) fields.push('title');
  if ((a.description ?? '') !== (b.description ?? '')) fields.push('description');
  if (!sameJson(a.presenters, b.presenters)) fields.push('presenters');
  if (!sameJson(a.topics, b.topics)) fields.push('topics');
  if ((a.campaignId ?? '') !== (b.campaignId ?? '')) fields.push('campaign');
  if ((a.joinUrl ?? '') !== (b.joinUrl ?? '')) fields.push('joinUrl');
  return fields;
}

/** Fields that are written into officers' calendar events: a change to any of them updates the events. */
export const calendarFields: ReadonlySet<DetailField> = new Set(['title', 'description', 'presenters', 'joinUrl']);

function campaignChanges(a: Campaign[], b: Campaign[]): number {
  const old = new Map(a.map((c) => [c.id, c]));
  let n = 0;
  for (const c of b) {
    const was = old.get(c.id);
    if (!was || !sameJson(was, c)) n += 1;
    old.delete(c.id);
  }
  return n + old.size;
}

/** Equal as data, whatever order the keys came in (the database's jsonb sorts them). */
function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([, x]) => x !== undefined)
            .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
        )
      : v,
  );
}
