/**
 * Finding recordings: search, filters, sort and paging done by the database, so 5,000
 * recordings cost the same to page through as 5. Each recording comes with the session it
 * records and that session's campaign. Plain PostgreSQL (no extensions), every value a parameter.
 * A recording is listed from the day it is posted (posted_on, a date in Europe/London) by the
 * app's clock: one dated after today is not there yet, in the list, the counts or a deep link.
 */
import { postingDay } from '../catalog/sessions.js';
import type { Clock } from '../clock.js';
import type { Queryable } from '../store/db.js';
import type { RecordingQuery } from './recording-query.js';
import type { RecordingFacets, RecordingItem, RecordingPage, RecordingPresenter } from './wire.js';

export class RecordingLibrary {
  private cachedFacets?: { fingerprint: string; facets: RecordingFacets };

  constructor(
    private readonly db: Queryable,
    private readonly clock: Clock,
  ) {}

  /** Today's date where the recordings are posted: the last posting date that is listed. */
  private today(): string {
    return postingDay(this.clock.now(), postingZone);
  }

  async find(query: RecordingQuery): Promise<RecordingPage> {
    const today = this.today();
    const params: unknown[] = [];
    const where = whereClause(query, today, params);
    const from = query.terms.length > 0 ? `${fromClause} ${searchText}` : fromClause;
    const order = query.sort === 'oldest' ? 'r.posted_on asc, s.starts_at asc nulls last, r.id asc' : 'r.posted_on desc, s.starts_at desc nulls last, r.id asc';
    // One pass: the page and, beside each row, the count of all matches (the search text is
    // built once per recording, not once for the page and again for the count).
    const [rows, facets] = await Promise.all([
      this.db.query<Row & { total: number }>(
        `select ${columns}, count(*) over ()::int as total ${from} where ${where} order by ${order} limit $${params.length + 1} offset $${params.length + 2}`,
        [...params, query.limit, query.offset],
      ),
      this.facetsFor(query, today),
    ]);
    // Past the last page there is no row to carry the count: ask for it alone.
    const total =
      rows[0]?.total ??
      (query.offset === 0 ? 0 : ((await this.db.query<{ total: number }>(`select count(*)::int as total ${from} where ${where}`, params))[0]?.total ?? 0));
    return { total, offset: query.offset, limit: query.limit, items: rows.map(toItem), facets };
  }

  async get(id: string): Promise<RecordingItem | undefined> {
    const rows = await this.db.query<Row>(`select ${columns} ${fromClause} where r.withdrawn_at is null and r.posted_on <= $2::date and r.id = $1`, [
      id,
      this.today(),
    ]);
    return rows[0] ? toItem(rows[0]) : undefined;
  }

  /**
   * Every campaign and topic that has a recording: the choices the filters offer. They change
   * only when the catalog or the day does, so they are kept until a cheap fingerprint of both changes.
   */
  async facets(): Promise<RecordingFacets> {
    return this.facetsOn(this.today());
  }

  /**
   * The choices beside a page of results: each filter's options counted with the search and the
   * other filter applied, not its own, so every count is what choosing that option would list
   * (with "response week" chosen, the topics are that week's topics, counted in that week) and an
   * option that would list nothing is not offered. The unfiltered list, the first a tab asks for,
   * is the kept one.
   */
  private async facetsFor(query: RecordingQuery, today: string): Promise<RecordingFacets> {
    if (query.terms.length === 0 && !query.campaign && !query.topic) return this.facetsOn(today);
    const { campaign: _campaign, ...anyCampaign } = query;
    const { topic: _topic, ...anyTopic } = query;
    const [campaigns, topics] = await Promise.all([this.campaignFacet(anyCampaign, today), this.topicFacet(anyTopic, today)]);
    return { campaigns, topics };
  }

  private async facetsOn(today: string): Promise<RecordingFacets> {
    const [mark] = await this.db.query<{ fingerprint: string }>(
      `select concat_ws('/', (select count(*) from recordings where withdrawn_at is null), (select max(updated_at) from recordings),
         (select max(withdrawn_at) from recordings), (select max(updated_at) from sessions), (select max(updated_at) from campaigns)) as fingerprint`,
    );
    const fingerprint = `${today}/${mark?.fingerprint ?? ''}`;
    if (this.cachedFacets?.fingerprint === fingerprint) return this.cachedFacets.facets;
    const facets = await this.computeFacets(today);
    this.cachedFacets = { fingerprint, facets };
    return facets;
  }

  private async computeFacets(today: string): Promise<RecordingFacets> {
    const everything: RecordingQuery = { terms: [], sort: 'newest', offset: 0, limit: 0 };
    const [campaigns, topics] = await Promise.all([this.campaignFacet(everything, today), this.topicFacet(everything, today)]);
    return { campaigns, topics };
  }

  /** The campaigns with recordings that match `query`, each with how many. */
  private campaignFacet(query: RecordingQuery, today: string): Promise<RecordingFacets['campaigns']> {
    const params: unknown[] = [];
    const where = whereClause(query, today, params);
    return this.db.query<{ id: string; title: string; count: number }>(
      `select c.id, c.title, count(*)::int as count
         ${query.terms.length > 0 ? `${fromClause} ${searchText}` : fromClause}
        where c.id is not null and ${where}
        group by c.id, c.title, c.starts_on order by c.starts_on desc, c.title`,
      params,
    );
  }

  /** The topics of the sessions whose recordings match `query`, each with how many recordings. */
  private topicFacet(query: RecordingQuery, today: string): Promise<RecordingFacets['topics']> {
    const params: unknown[] = [];
    const where = whereClause(query, today, params);
    return this.db.query<{ name: string; count: number }>(
      // Topics differing only in case are one topic; the first spelling (alphabetically) names it.
      `select min(topic) as name, count(distinct r.id)::int as count
         ${query.terms.length > 0 ? `${fromClause} ${searchText}` : fromClause}
         cross join lateral unnest(s.topics) as topic
        where ${where}
        group by lower(topic) order by lower(topic)`,
      params,
    );
  }
}

/** The zone of the posting dates, as the bot reads them (teams/verbs.ts). */
const postingZone = 'Europe/London';

const fromClause = `
  from recordings r
  left join sessions s on s.id = r.session_id
  left join campaigns c on c.id = s.campaign_id`;

/** Everything a search term may match, lower-cased; joined only when there are terms. */
const searchText = `
  cross join lateral (
    select lower(concat_ws(' ', r.title, s.title, c.title, array_to_string(s.topics, ' '),
      jsonb_path_query_array(s.presenters, 'strict $[*].*')::text)) as text
  ) as haystack`;

const columns = `r.id, r.title, r.url, to_char(r.posted_on, 'YYYY-MM-DD') as posted_on, r.duration_seconds, r.sample,
  s.id as session_id, s.title as session_title, s.starts_at, s.presenters, s.topics,
  c.id as campaign_id, c.title as campaign_title, c.kh_group_name, c.kh_group_url`;

function whereClause(query: RecordingQuery, today: string, params: unknown[]): string {
  const bind = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions = ['r.withdrawn_at is null', `r.posted_on <= ${bind(today)}::date`];
  // strpos rather than LIKE: a term containing % or _ is matched literally, with no escaping to get wrong.
  for (const term of query.terms) conditions.push(`strpos(haystack.text, lower(${bind(term)})) > 0`);
  if (query.campaign) conditions.push(`c.id = ${bind(query.campaign)}`);
  if (query.topic) conditions.push(`exists (select 1 from unnest(s.topics) as t where lower(t) = lower(${bind(query.topic)}))`);
  return conditions.join(' and ');
}

interface Row {
  id: string;
  title: string;
  url: string;
  posted_on: string;
  duration_seconds: number | null;
  sample: boolean;
  session_id: string | null;
  session_title: string | null;
  starts_at: Date | string | null;
  presenters: RecordingPresenter[] | null;
  topics: string[] | null;
  campaign_id: string | null;
  campaign_title: string | null;
  kh_group_name: string | null;
  kh_group_url: string | null;
}

function toItem(r: Row): RecordingItem {
  return {
    id: r.id,
    title: r.title,
    url: r.url,
    postedOn: r.posted_on,
    sample: r.sample,
    ...(r.duration_seconds !== null ? { durationSeconds: r.duration_seconds } : {}),
    ...(r.session_id && r.session_title && r.starts_at
      ? {
          session: {
            id: r.session_id,
            title: r.session_title,
            startsAt: new Date(r.starts_at).toISOString(),
            presenters: (r.presenters ?? []).map(presenter),
            topics: r.topics ?? [],
          },
        }
      : {}),
    ...(r.campaign_id && r.campaign_title
      ? {
          campaign: {
            id: r.campaign_id,
            title: r.campaign_title,
            ...(r.kh_group_name && r.kh_group_url ? { knowledgeHubGroup: { name: r.kh_group_name, url: r.kh_group_url } } : {}),
          },
        }
      : {}),
  };
}

/** Only the fields the wire promises, whatever else the stored JSON carries. */
function presenter(p: RecordingPresenter): RecordingPresenter {
  return { name: p.name, ...(p.role ? { role: p.role } : {}), ...(p.organisation ? { organisation: p.organisation } : {}) };
}
