import assert from 'node:assert/strict';
import { fixedClock, type Clock } from '../../bot/src/clock.js';
import { RecordingLibrary } from '../../bot/src/recordings/recording-library.js';
import type { RecordingQuery } from '../../bot/src/recordings/recording-query.js';
import { testDb, type TestDb } from '../support/db.js';
import { generatedCatalog, seed, seedMany, smallCatalog } from './fixtures.js';

const ask = (q: Partial<RecordingQuery> = {}): RecordingQuery => ({ terms: [], sort: 'newest', offset: 0, limit: 50, ...q });
/** After every fixture recording has been posted (the last, rec-faces, on 26 June 2026). */
const afterThePostings = fixedClock(new Date('2026-07-01T09:00:00+01:00'));

describe('finding recordings in the store', () => {
  let database: TestDb;
  let library: RecordingLibrary;
  before(async () => {
    database = await testDb();
    await seed(database.db, smallCatalog());
    library = new RecordingLibrary(database.db, afterThePostings);
  });
  after(async () => database.drop());

  const ids = async (q: Partial<RecordingQuery>) => (await library.find(ask(q))).items.map((r) => r.id);

  it('lists every recording, newest first, with its session, presenters and campaign', async () => {
    const page = await library.find(ask());
    assert.equal(page.total, 4);
    assert.deepEqual(
      page.items.map((r) => r.id),
      ['rec-faces', 'rec-dogs', 'rec-crisis', 'rec-loose'],
    );
    assert.deepEqual(page.items[2], {
      id: 'rec-crisis',
      title: 'Crisis intervention (recording)',
      url: 'https://knowledgehub.group/web/response-policing',
      postedOn: '2026-04-28',
      durationSeconds: 2580,
      sample: false,
      session: {
        id: 's-crisis',
        title: 'First on the scene: crisis intervention',
        startsAt: '2026-04-21T13:00:00.000Z',
        presenters: [{ name: 'Sergeant Priya Shah', role: 'Tutor', organisation: 'West Midlands Police' }],
        topics: ['crisis intervention', 'De-escalation', 'mental health'],
      },
      campaign: {
        id: 'response-2026',
        title: 'Response policing week of action 2026',
        knowledgeHubGroup: { name: 'Response policing', url: 'https://knowledgehub.group/web/response-policing' },
      },
    });
    assert.deepEqual(page.items[3], {
      id: 'rec-loose',
      title: 'Chief Constable’s welcome',
      url: 'https://knowledgehub.group/web/response-policing',
      postedOn: '2026-04-01',
      sample: false,
    });
  });

  it('sorts oldest first when asked', async () => {
    assert.deepEqual(await ids({ sort: 'oldest' }), ['rec-loose', 'rec-crisis', 'rec-dogs', 'rec-faces']);
  });

  it('finds by title, session, presenter, force, campaign or topic, ignoring case', async () => {
    assert.deepEqual(await ids({ terms: ['dangerous'] }), ['rec-dogs']);
    assert.deepEqual(await ids({ terms: ['priya'] }), ['rec-crisis']);
    assert.deepEqual(await ids({ terms: ['south', 'wales'] }), ['rec-faces']);
    assert.deepEqual(await ids({ terms: ['de-escalation'] }), ['rec-crisis']);
    assert.deepEqual(await ids({ terms: ['neighbourhood'] }), ['rec-faces']);
    assert.deepEqual(await ids({ terms: ['tutor'] }), ['rec-crisis']);
  });

  it('needs every word to match, and takes % and _ literally', async () => {
    assert.deepEqual(await ids({ terms: ['scene', 'merseyside'] }), ['rec-dogs']);
    assert.deepEqual(await ids({ terms: ['scene', 'kent'] }), []);
    assert.deepEqual(await ids({ terms: ['100%'] }), ['rec-faces']);
    assert.deepEqual(await ids({ terms: ['%'] }), ['rec-faces']);
    assert.deepEqual(await ids({ terms: ['_'] }), []);
  });

  it('filters by campaign and by topic (any case), together with a search', async () => {
    assert.deepEqual(await ids({ campaign: 'response-2026' }), ['rec-dogs', 'rec-crisis']);
    assert.deepEqual(await ids({ topic: 'de-escalation' }), ['rec-crisis']);
    assert.deepEqual(await ids({ campaign: 'response-2026', terms: ['dogs'] }), ['rec-dogs']);
    assert.deepEqual(await ids({ campaign: 'no-such-campaign' }), []);
  });

  it('offers as filters the campaigns and topics that have recordings, with their counts', async () => {
    const { facets } = await library.find(ask());
    assert.deepEqual(facets.campaigns, [
      { id: 'neighbourhood-2026', title: 'Neighbourhood policing week of action 2026', count: 1 },
      { id: 'response-2026', title: 'Response policing week of action 2026', count: 2 },
    ]);
    assert.deepEqual(
      facets.topics.map((t) => `${t.name}:${t.count}`),
      ['crisis intervention:1', 'dangerous dogs:1', 'De-escalation:1', 'facial recognition:1', 'first response:1', 'mental health:1', 'technology:1'],
    );
  });

  it("counts each filter's options with the search and the other filter applied, so none offered lists nothing", async () => {
    const counted = (facets: { campaigns: Array<{ id: string; count: number }>; topics: Array<{ name: string; count: number }> }) => ({
      campaigns: facets.campaigns.map((c) => `${c.id}:${c.count}`),
      topics: facets.topics.map((t) => `${t.name}:${t.count}`),
    });
    // A campaign chosen: that week's topics, counted in it; every campaign still offered, to switch to.
    assert.deepEqual(counted((await library.find(ask({ campaign: 'neighbourhood-2026' }))).facets), {
      campaigns: ['neighbourhood-2026:1', 'response-2026:2'],
      topics: ['facial recognition:1', 'technology:1'],
    });
    // A topic chosen: only the campaigns that have it.
    assert.deepEqual(counted((await library.find(ask({ topic: 'MENTAL HEALTH' }))).facets), {
      campaigns: ['response-2026:1'],
      topics: ['crisis intervention:1', 'dangerous dogs:1', 'De-escalation:1', 'facial recognition:1', 'first response:1', 'mental health:1', 'technology:1'],
    });
    // Both, and a search: counted among the matches.
    assert.deepEqual(counted((await library.find(ask({ campaign: 'response-2026', topic: 'first response', terms: ['scene'] }))).facets), {
      campaigns: ['response-2026:1'],
      topics: ['crisis intervention:1', 'dangerous dogs:1', 'De-escalation:1', 'first response:1', 'mental health:1'],
    });
    assert.deepEqual(counted((await library.find(ask({ terms: ['no-such-word'] }))).facets), { campaigns: [], topics: [] });
    // And each count is what choosing the option lists.
    for (const t of (await library.find(ask({ campaign: 'response-2026' }))).facets.topics) {
      assert.equal((await library.find(ask({ campaign: 'response-2026', topic: t.name }))).total, t.count, t.name);
    }
    // The unfiltered choices are unchanged by the searches before.
    assert.equal((await library.find(ask())).facets.topics.length, 7);
  });

  it('gets one recording by id for a deep link, and nothing for an unknown id', async () => {
    assert.equal((await library.get('rec-dogs'))?.title, 'Dangerous dogs (recording)');
    assert.equal(await library.get('rec-nope'), undefined);
  });

  it('leaves out a recording withdrawn from the catalog, from the list, the deep link and the facets', async () => {
    const catalog = smallCatalog();
    catalog.recordings = catalog.recordings.filter((r) => r.id !== 'rec-faces');
    await seed(database.db, catalog);
    const page = await library.find(ask());
    assert.deepEqual(
      page.items.map((r) => r.id),
      ['rec-dogs', 'rec-crisis', 'rec-loose'],
    );
    assert.equal(await library.get('rec-faces'), undefined);
    assert.deepEqual(
      page.facets.campaigns.map((c) => c.id),
      ['response-2026'],
    );
    await seed(database.db, smallCatalog());
  });
});

describe('recordings not posted yet', () => {
  let database: TestDb;
  let now: Date;
  let library: RecordingLibrary;
  const clock: Clock = { now: () => new Date(now.getTime()) };
  before(async () => {
    database = await testDb();
    await seed(database.db, smallCatalog());
    library = new RecordingLibrary(database.db, clock);
  });
  after(async () => database.drop());

  it('are absent from the list, the total, the filters and the deep link before their posting date', async () => {
    now = new Date('2026-04-13T09:00:00+01:00');
    const page = await library.find(ask());
    assert.deepEqual({ total: page.total, ids: page.items.map((r) => r.id) }, { total: 1, ids: ['rec-loose'] });
    assert.deepEqual(page.facets, { campaigns: [], topics: [] });
    assert.deepEqual(await library.facets(), { campaigns: [], topics: [] });
    assert.equal(await library.get('rec-crisis'), undefined);
    assert.equal((await library.get('rec-loose'))?.id, 'rec-loose');
    const searched = await library.find(ask({ terms: ['crisis'] }));
    assert.deepEqual({ total: searched.total, items: searched.items.length }, { total: 0, items: 0 });
    assert.equal((await library.find(ask({ campaign: 'response-2026' }))).total, 0);
  });

  it('appear on their posting date, UK time: midnight in London, not in UTC', async () => {
    // 23:59 on 27 April in London (BST): rec-crisis, posted on the 28th, is not there yet.
    now = new Date('2026-04-27T22:59:00Z');
    assert.equal(await library.get('rec-crisis'), undefined);
    assert.equal((await library.find(ask())).total, 1);
    // 00:30 on 28 April in London, still the 27th in UTC: posted.
    now = new Date('2026-04-27T23:30:00Z');
    const page = await library.find(ask());
    assert.deepEqual({ total: page.total, ids: page.items.map((r) => r.id) }, { total: 2, ids: ['rec-crisis', 'rec-loose'] });
    assert.deepEqual(page.facets.campaigns, [{ id: 'response-2026', title: 'Response policing week of action 2026', count: 1 }]);
    assert.deepEqual(
      page.facets.topics.map((t) => `${t.name}:${t.count}`),
      ['crisis intervention:1', 'De-escalation:1', 'mental health:1'],
    );
    assert.equal((await library.get('rec-crisis'))?.id, 'rec-crisis');
    assert.equal(await library.get('rec-dogs'), undefined);
  });

  it('are all there once every posting date has passed', async () => {
    now = new Date('2026-06-26T00:00:00+01:00');
    const page = await library.find(ask());
    assert.deepEqual(
      page.items.map((r) => r.id),
      ['rec-faces', 'rec-dogs', 'rec-crisis', 'rec-loose'],
    );
    assert.deepEqual(
      page.facets.campaigns.map((c) => `${c.id}:${c.count}`),
      ['neighbourhood-2026:1', 'response-2026:2'],
    );
    assert.equal((await library.get('rec-faces'))?.id, 'rec-faces');
  });
});

describe('paging through many recordings', () => {
  let database: TestDb;
  let library: RecordingLibrary;
  before(async function () {
    this.timeout(60_000);
    database = await testDb();
    await seedMany(database.db, generatedCatalog(1200));
    library = new RecordingLibrary(database.db, afterThePostings);
  });
  after(async () => database.drop());

  it('answers each page with the total, and pages cover every recording once', async () => {
    const seen = new Set<string>();
    for (let offset = 0; offset < 1200; offset += 200) {
      const page = await library.find(ask({ offset, limit: 200 }));
      assert.equal(page.total, 1200);
      page.items.forEach((r) => seen.add(r.id));
    }
    assert.equal(seen.size, 1200);
  });

  it('past the last page, answers no items and still the total', async () => {
    const page = await library.find(ask({ offset: 5000, terms: ['wellbeing'] }));
    assert.deepEqual({ total: page.total, items: page.items.length }, { total: 300, items: 0 });
  });

  it('answers a search over them in well under a second', async () => {
    const started = performance.now();
    const page = await library.find(ask({ terms: ['kent', 'leadership'] }));
    assert.ok(page.total > 0);
    assert.ok(performance.now() - started < 1500, `took ${performance.now() - started} ms`);
  });
});
