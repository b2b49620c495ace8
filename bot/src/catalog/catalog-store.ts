/**
 * The live catalog's tables. Publishing a version upserts by id in the publisher's transaction,
 * so anything attached to a session (bookings) survives; entries that disappear from the catalog
 * are marked withdrawn rather than deleted, and a withdrawn session keeps what the organiser told
 * its officers.
 */
import type { Db, Queryable } from '../store/db.js';
import type { Campaign, Catalog, Presenter, Recording, Session } from './model.js';
import type { WithdrawnSession } from './sessions.js';

export class CatalogStore {
  constructor(private readonly db: Db) {}

  /** Makes the tables hold `catalog`, in the caller's transaction (or one of its own). */
  async replaceWith(catalog: Catalog, tx?: Queryable): Promise<void> {
    if (!tx) return this.db.transaction((own) => this.replaceWith(catalog, own));
    // Parents before children, so every reference resolves inside the transaction.
    await upsertCampaigns(tx, catalog.campaigns);
    await upsertSessions(tx, catalog.sessions);
    await upsertRecordings(tx, catalog.recordings);
    await withdrawMissing(
      tx,
      'recordings',
      catalog.recordings.map((r) => r.id),
    );
    await withdrawMissing(
      tx,
      'sessions',
      catalog.sessions.map((s) => s.id),
    );
    await withdrawMissing(
      tx,
      'campaigns',
      catalog.campaigns.map((c) => c.id),
    );
  }

  /** Sessions whose time or calendar details changed: their revision (the .ics SEQUENCE) goes up. */
  async bumpRevisions(tx: Queryable, sessionIds: readonly string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    await tx.query('update sessions set revision = revision + 1 where id = any($1::text[])', [sessionIds]);
  }

  /** What the organiser told the officers of sessions they cancelled. */
  async setWithdrawnMessages(tx: Queryable, messages: ReadonlyMap<string, string>): Promise<void> {
    if (messages.size === 0) return;
    await tx.query(
      `update sessions s set withdrawn_message = m.message
         from jsonb_to_recordset($1::jsonb) as m(id text, message text) where s.id = m.id`,
      [JSON.stringify([...messages].map(([id, message]) => ({ id, message })))],
    );
  }

  /** Sessions taken out of the programme, with the organiser's message when they gave one. */
  async withdrawnSessions(q: Queryable = this.db): Promise<Map<string, WithdrawnSession>> {
    const rows = await q.query<SessionRow & { withdrawn_message: string | null }>(
      'select id, campaign_id, title, starts_at, ends_at, presenters, description, topics, capacity, join_url, withdrawn_message from sessions where withdrawn_at is not null',
    );
    return new Map(rows.map((r) => [r.id, { session: toSession(r), ...(r.withdrawn_message ? { message: r.withdrawn_message } : {}) }]));
  }

  async load(timeZone: string, q: Queryable = this.db): Promise<Catalog> {
    const campaigns = await q.query<CampaignRow>(
      "select id, title, aliases, to_char(starts_on, 'YYYY-MM-DD') as starts_on, to_char(ends_on, 'YYYY-MM-DD') as ends_on, kh_group_name, kh_group_url from campaigns where withdrawn_at is null order by starts_on, id",
    );
    const sessions = await q.query<SessionRow>(
      'select id, campaign_id, title, starts_at, ends_at, presenters, description, topics, capacity, join_url from sessions where withdrawn_at is null order by starts_at, id',
    );
    const recordings = await q.query<RecordingRow>(
      "select id, session_id, title, url, to_char(posted_on, 'YYYY-MM-DD') as posted_on, duration_seconds, sample from recordings where withdrawn_at is null order by posted_on desc, id",
    );
    return {
      timeZone,
      campaigns: campaigns.map(toCampaign),
      sessions: sessions.map(toSession),
      recordings: recordings.map(toRecording),
    };
  }
}

/** One recording by id, while it is listed (not withdrawn). */
export async function listedRecording(q: Queryable, id: string): Promise<Recording | undefined> {
  const [row] = await q.query<RecordingRow>(
    "select id, session_id, title, url, to_char(posted_on, 'YYYY-MM-DD') as posted_on, duration_seconds, sample from recordings where id = $1 and withdrawn_at is null",
    [id],
  );
  return row && toRecording(row);
}

interface CampaignRow {
  id: string;
  title: string;
  aliases: string[];
  starts_on: string;
  ends_on: string;
  kh_group_name: string | null;
  kh_group_url: string | null;
}
interface SessionRow {
  id: string;
  campaign_id: string | null;
  title: string;
  starts_at: Date;
  ends_at: Date;
  presenters: Presenter[];
  description: string | null;
  topics: string[];
  capacity: number | null;
  join_url: string | null;
}
interface RecordingRow {
  id: string;
  session_id: string | null;
  title: string;
  url: string;
  posted_on: string;
  duration_seconds: number | null;
  sample: boolean;
}

function toCampaign(r: CampaignRow): Campaign {
  return {
    id: r.id,
    title: r.title,
    aliases: r.aliases,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    ...(r.kh_group_name && r.kh_group_url ? { knowledgeHubGroup: { name: r.kh_group_name, url: r.kh_group_url } } : {}),
  };
}

function toSession(r: SessionRow): Session {
  return {
    id: r.id,
    title: r.title,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
    presenters: r.presenters,
    topics: r.topics,
    ...(r.campaign_id ? { campaignId: r.campaign_id } : {}),
    ...(r.description ? { description: r.description } : {}),
    ...(r.capacity !== null ? { capacity: r.capacity } : {}),
    ...(r.join_url ? { joinUrl: r.join_url } : {}),
  };
}

function toRecording(r: RecordingRow): Recording {
  return {
    id: r.id,
    title: r.title,
    url: r.url,
    postedOn: r.posted_on,
    sample: r.sample,
    ...(r.session_id ? { sessionId: r.session_id } : {}),
    ...(r.duration_seconds !== null ? { durationSeconds: r.duration_seconds } : {}),
  };
}

// Each section is upserted in one statement from a JSON array: a catalog of thousands of
// sessions is one round trip per table, not one per row.

async function upsertCampaigns(tx: Queryable, campaigns: Campaign[]): Promise<void> {
  if (campaigns.length === 0) return;
  const rows = campaigns.map((c) => ({
    id: c.id,
    title: c.title,
    aliases: c.aliases,
    starts_on: c.startsOn,
    ends_on: c.endsOn,
    kh_group_name: c.knowledgeHubGroup?.name ?? null,
    kh_group_url: c.knowledgeHubGroup?.url ?? null,
  }));
  await tx.query(
    `insert into campaigns (id, title, aliases, starts_on, ends_on, kh_group_name, kh_group_url, withdrawn_at, updated_at)
     select id, title, aliases, starts_on, ends_on, kh_group_name, kh_group_url, null, now()
     from jsonb_to_recordset($1::jsonb) as x(id text, title text, aliases text[], starts_on date, ends_on date, kh_group_name text, kh_group_url text)
     on conflict (id) do update set title = excluded.title, aliases = excluded.aliases, starts_on = excluded.starts_on,
       ends_on = excluded.ends_on, kh_group_name = excluded.kh_group_name, kh_group_url = excluded.kh_group_url,
       withdrawn_at = null, updated_at = now()`,
    [JSON.stringify(rows)],
  );
}

async function upsertSessions(tx: Queryable, sessions: Session[]): Promise<void> {
  if (sessions.length === 0) return;
  const rows = sessions.map((s) => ({
    id: s.id,
    campaign_id: s.campaignId ?? null,
    title: s.title,
    starts_at: s.startsAt.toISOString(),
    ends_at: s.endsAt.toISOString(),
    presenters: s.presenters,
    description: s.description ?? null,
    topics: s.topics,
    capacity: s.capacity ?? null,
    join_url: s.joinUrl ?? null,
  }));
  await tx.query(
    `insert into sessions (id, campaign_id, title, starts_at, ends_at, presenters, description, topics, capacity, join_url, withdrawn_at, updated_at)
     select id, campaign_id, title, starts_at, ends_at, presenters, description, topics, capacity, join_url, null, now()
     from jsonb_to_recordset($1::jsonb) as x(id text, campaign_id text, title text, starts_at timestamptz, ends_at timestamptz,
       presenters jsonb, description text, topics text[], capacity integer, join_url text)
     on conflict (id) do update set campaign_id = excluded.campaign_id, title = excluded.title, starts_at = excluded.starts_at,
       ends_at = excluded.ends_at, presenters = excluded.presenters, description = excluded.description, topics = excluded.topics,
       capacity = excluded.capacity, join_url = excluded.join_url, withdrawn_at = null, withdrawn_message = null, updated_at = now()`,
    [JSON.stringify(rows)],
  );
}

async function upsertRecordings(tx: Queryable, recordings: Recording[]): Promise<void> {
  if (recordings.length === 0) return;
  const rows = recordings.map((r) => ({
    id: r.id,
    session_id: r.sessionId ?? null,
    title: r.title,
    url: r.url,
    posted_on: r.postedOn,
    duration_seconds: r.durationSeconds ?? null,
    sample: r.sample,
  }));
  await tx.query(
    `insert into recordings (id, session_id, title, url, posted_on, duration_seconds, sample, withdrawn_at, updated_at)
     select id, session_id, title, url, posted_on, duration_seconds, sample, null, now()
     from jsonb_to_recordset($1::jsonb) as x(id text, session_id text, title text, url text, posted_on date, duration_seconds integer, sample boolean)
     on conflict (id) do update set session_id = excluded.session_id, title = excluded.title, url = excluded.url,
       posted_on = excluded.posted_on, duration_seconds = excluded.duration_seconds, sample = excluded.sample,
       withdrawn_at = null, updated_at = now()`,
    [JSON.stringify(rows)],
  );
}

async function withdrawMissing(tx: Queryable, table: 'campaigns' | 'sessions' | 'recordings', keep: string[]): Promise<void> {
  await tx.query(`update ${table} set withdrawn_at = now() where withdrawn_at is null and not (id = any($1::text[]))`, [keep]);
}
