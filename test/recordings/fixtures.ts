/**
 * Catalogs made up for the recordings tests: a small hand-written one whose every answer is
 * known, and a generated one of any size for paging and speed.
 */
import type { Catalog, Recording, Session } from '../../bot/src/catalog/model.js';
import { CatalogStore } from '../../bot/src/catalog/catalog-store.js';
import type { Db } from '../../bot/src/store/db.js';

const campaigns: Catalog['campaigns'] = [
  {
    id: 'response-2026',
    title: 'Response policing week of action 2026',
    aliases: [],
    startsOn: '2026-04-20',
    endsOn: '2026-04-26',
    knowledgeHubGroup: { name: 'Response policing', url: 'https://knowledgehub.group/web/response-policing' },
  },
  {
    id: 'neighbourhood-2026',
    title: 'Neighbourhood policing week of action 2026',
    aliases: [],
    startsOn: '2026-06-15',
    endsOn: '2026-06-19',
    knowledgeHubGroup: { name: 'Modernising neighbourhood policing', url: 'https://knowledgehub.group/web/modernising-neighbourhood-policing' },
  },
];

function session(id: string, campaignId: string, title: string, startsAt: string, presenters: Session['presenters'], topics: string[]): Session {
  const start = new Date(startsAt);
  return { id, campaignId, title, startsAt: start, endsAt: new Date(start.getTime() + 45 * 60_000), presenters, topics };
}

/** Four recordings: three posted, one of them 100% sample, plus one withdrawn later by the tests. */
export function smallCatalog(): Catalog {
  const sessions = [
    session(
      's-crisis',
      'response-2026',
      'First on the scene: crisis intervention',
      '2026-04-21T13:00:00Z',
      [{ name: 'Sergeant Priya Shah', role: 'Tutor', organisation: 'West Midlands Police' }],
      ['crisis intervention', 'De-escalation', 'mental health'],
    ),
    session(
      's-dogs',
      'response-2026',
      'First on the scene: dangerous dogs',
      '2026-04-24T13:00:00Z',
      [{ name: 'PC Tom Ellis', organisation: 'Merseyside Police' }],
      ['dangerous dogs', 'first response'],
    ),
    session(
      's-faces',
      'neighbourhood-2026',
      'Faces in our communities: facial recognition',
      '2026-06-19T11:00:00Z',
      [{ name: 'Inspector Ben Gwyer', organisation: 'South Wales Police' }],
      ['facial recognition', 'technology'],
    ),
  ];
  const recordings: Recording[] = [
    {
      id: 'rec-crisis',
      sessionId: 's-crisis',
      title: 'Crisis intervention (recording)',
      url: 'https://knowledgehub.group/web/response-policing',
      postedOn: '2026-04-28',
      durationSeconds: 2580,
      sample: false,
    },
    {
      id: 'rec-dogs',
      sessionId: 's-dogs',
      title: 'Dangerous dogs (recording)',
      url: 'https://knowledgehub.group/web/response-policing',
      postedOn: '2026-04-30',
      durationSeconds: 2460,
      sample: true,
    },
    {
      id: 'rec-faces',
      sessionId: 's-faces',
      title: 'Facial recognition: 100% of the Q&A (recording)',
      url: 'https://knowledgehub.group/web/modernising-neighbourhood-policing',
      postedOn: '2026-06-26',
      durationSeconds: 3300,
      sample: false,
    },
    { id: 'rec-loose', title: 'Chief Constable’s welcome', url: 'https://knowledgehub.group/web/response-policing', postedOn: '2026-04-01', sample: false },
  ];
  return { timeZone: 'Europe/London', campaigns, sessions, recordings };
}

const forces = ['Avon and Somerset Police', 'Greater Manchester Police', 'Kent Police', 'Police Scotland', 'Thames Valley Police', 'Dyfed-Powys Police'];
const topicPool = ['wellbeing', 'first response', 'data', 'leadership', 'public order', 'mental health', 'technology', 'domestic abuse'];
const people = ['Alex Morgan', 'Sam Okafor', 'Jo Hughes', 'Chris Patel', 'Rhian Evans', 'Kim Walsh'];

/** `count` recordings, one a session, spread over two campaigns and a year of posting dates. */
export function generatedCatalog(count: number): Catalog {
  const sessions: Session[] = [];
  const recordings: Recording[] = [];
  for (let i = 0; i < count; i += 1) {
    const campaignId = i % 2 === 0 ? 'response-2026' : 'neighbourhood-2026';
    const day = new Date(Date.UTC(2025, 0, 1) + (i % 365) * 86_400_000);
    const id = `gen-${String(i).padStart(5, '0')}`;
    sessions.push(
      session(
        `s-${id}`,
        campaignId,
        `Session ${i + 1}: ${topicPool[i % topicPool.length]} in practice`,
        day.toISOString(),
        [{ name: `Inspector ${people[i % people.length]}`, organisation: forces[i % forces.length] }],
        [topicPool[i % topicPool.length]!, topicPool[(i + 3) % topicPool.length]!],
      ),
    );
    recordings.push({
      id: `rec-${id}`,
      sessionId: `s-${id}`,
      title: `Recording ${i + 1}: ${topicPool[i % topicPool.length]} in practice`,
      url: 'https://knowledgehub.group/web/response-policing',
      postedOn: new Date(day.getTime() + 7 * 86_400_000).toISOString().slice(0, 10),
      durationSeconds: 1800 + (i % 40) * 60,
      sample: i % 10 === 0,
    });
  }
  return { timeZone: 'Europe/London', campaigns, sessions, recordings };
}

export async function seed(db: Db, catalog: Catalog): Promise<void> {
  await new CatalogStore(db).replaceWith(catalog);
}

/**
 * The same as seed() for thousands of recordings, in two statements instead of one a row (a
 * test's setup, not the product's loader: it skips the catalog's checks).
 */
export async function seedMany(db: Db, catalog: Catalog): Promise<void> {
  await seed(db, { ...catalog, sessions: [], recordings: [] });
  const sessions = catalog.sessions.map((s) => ({
    id: s.id,
    campaign_id: s.campaignId ?? null,
    title: s.title,
    starts_at: s.startsAt.toISOString(),
    ends_at: s.endsAt.toISOString(),
    presenters: s.presenters,
    topics: s.topics,
  }));
  await db.query(
    `insert into sessions (id, campaign_id, title, starts_at, ends_at, presenters, topics)
     select id, campaign_id, title, starts_at, ends_at, presenters, topics
       from jsonb_to_recordset($1::jsonb) as x(id text, campaign_id text, title text, starts_at timestamptz, ends_at timestamptz, presenters jsonb, topics text[])`,
    [JSON.stringify(sessions)],
  );
  const recordings = catalog.recordings.map((r) => ({
    id: r.id,
    session_id: r.sessionId ?? null,
    title: r.title,
    url: r.url,
    posted_on: r.postedOn,
    duration_seconds: r.durationSeconds ?? null,
    sample: r.sample,
  }));
  await db.query(
    `insert into recordings (id, session_id, title, url, posted_on, duration_seconds, sample)
     select id, session_id, title, url, posted_on, duration_seconds, sample
       from jsonb_to_recordset($1::jsonb) as x(id text, session_id text, title text, url text, posted_on date, duration_seconds integer, sample boolean)`,
    [JSON.stringify(recordings)],
  );
}
