import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CatalogStore } from '../../bot/src/catalog/catalog-store.js';
import { CatalogFileError, readCatalogFile } from '../../bot/src/catalog/catalog-file.js';
import { composeApp } from '../../bot/src/composition.js';
import { loadConfig } from '../../bot/src/config.js';
import { createLogger } from '../../bot/src/log.js';
import type { Catalog, Session } from '../../bot/src/catalog/model.js';
import { testDb, type TestDb } from '../support/db.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'catalogs');
const clockChanges = path.join(fixtures, 'clock-changes.yaml');

const byId = <T extends { id: string }>(items: T[]): T[] => [...items].sort((a, b) => a.id.localeCompare(b.id));

function without(catalog: Catalog, sessionId: string): Catalog {
  return {
    ...catalog,
    sessions: catalog.sessions.filter((s) => s.id !== sessionId),
    recordings: catalog.recordings.filter((r) => r.sessionId !== sessionId),
  };
}

describe(`the catalog store (${process.env.DATABASE_URL ? 'PostgreSQL server' : 'PGlite'})`, () => {
  let database: TestDb;
  let store: CatalogStore;
  let file: Catalog;

  // One database for the suite (a fresh one costs seconds); each test starts from empty tables.
  before(async () => {
    file = await readCatalogFile(clockChanges);
    database = await testDb();
    store = new CatalogStore(database.db);
    await database.db.exec('create table attached_notes (session_id text not null references sessions(id), note text)');
  });
  beforeEach(async () => {
    await database.db.exec('truncate campaigns, sessions, recordings cascade');
  });
  after(async () => database.drop());

  it('gives back exactly what was loaded', async () => {
    await store.replaceWith(file);
    const loaded = await store.load(file.timeZone);
    assert.equal(loaded.timeZone, 'Europe/London');
    assert.deepEqual(byId(loaded.campaigns), byId(file.campaigns));
    assert.deepEqual(byId(loaded.sessions), byId(file.sessions));
    assert.deepEqual(byId(loaded.recordings), byId(file.recordings));
  });

  it('keeps British Summer Time and GMT sessions at the right instants', async () => {
    await store.replaceWith(file);
    const loaded = await store.load(file.timeZone);
    const starts = Object.fromEntries(loaded.sessions.map((s) => [s.id, s.startsAt.toISOString()]));
    assert.deepEqual(starts, {
      'spring-before-change': '2026-03-27T10:00:00.000Z',
      'spring-after-change': '2026-03-30T09:00:00.000Z',
      'autumn-before-change': '2026-10-23T09:00:00.000Z',
      'autumn-night-of-change': '2026-10-24T23:30:00.000Z',
      'autumn-after-change': '2026-10-27T10:00:00.000Z',
      'standalone-webinar': '2026-11-03T19:00:00.000Z',
    });
    // Sessions come back in the order they happen.
    assert.deepEqual(
      loaded.sessions.map((s) => s.id),
      Object.keys(starts),
    );
  });

  it('updates a session in place on reload, keeping what is attached to it', async () => {
    await store.replaceWith(file);
    await database.db.query('insert into attached_notes (session_id, note) values ($1, $2)', ['autumn-after-change', 'a booking, say']);

    const moved: Catalog = {
      ...file,
      sessions: file.sessions.map((s): Session =>
        s.id === 'autumn-after-change'
          ? { ...s, title: 'After the clocks go back (moved)', startsAt: new Date('2026-10-28T14:00:00Z'), endsAt: new Date('2026-10-28T15:00:00Z') }
          : s,
      ),
    };
    await store.replaceWith(moved);

    const session = (await store.load(file.timeZone)).sessions.find((s) => s.id === 'autumn-after-change');
    assert.equal(session?.title, 'After the clocks go back (moved)');
    assert.equal(session?.startsAt.toISOString(), '2026-10-28T14:00:00.000Z');
    const notes = await database.db.query<{ session_id: string; note: string }>('select session_id, note from attached_notes');
    assert.deepEqual(notes, [{ session_id: 'autumn-after-change', note: 'a booking, say' }]);
  });

  it('withdraws what a new file leaves out, without deleting it', async () => {
    await store.replaceWith(file);
    await database.db.query('insert into attached_notes (session_id) values ($1)', ['spring-after-change']);

    await store.replaceWith({ ...without(file, 'spring-after-change'), campaigns: file.campaigns });
    const loaded = await store.load(file.timeZone);
    assert.ok(!loaded.sessions.some((s) => s.id === 'spring-after-change'));
    assert.ok(!loaded.recordings.some((r) => r.id === 'rec-spring-after-change'));
    assert.equal(loaded.sessions.length, file.sessions.length - 1);

    const kept = await database.db.query<{ withdrawn: boolean }>('select withdrawn_at is not null as withdrawn from sessions where id = $1', [
      'spring-after-change',
    ]);
    assert.deepEqual(kept, [{ withdrawn: true }]);
    assert.equal((await database.db.query('select 1 from attached_notes')).length, 1);
  });

  it('brings a withdrawn session back when it is added again', async () => {
    await store.replaceWith(file);
    await store.replaceWith(without(file, 'spring-after-change'));
    await store.replaceWith(file);
    const loaded = await store.load(file.timeZone);
    assert.deepEqual(byId(loaded.sessions), byId(file.sessions));
    assert.deepEqual(byId(loaded.recordings), byId(file.recordings));
  });

  it('withdraws a campaign the file no longer has', async () => {
    await store.replaceWith(file);
    const springOnly: Catalog = {
      ...file,
      campaigns: file.campaigns.filter((c) => c.id === 'spring-week-2026'),
      sessions: file.sessions.filter((s) => s.campaignId !== 'autumn-week-2026'),
    };
    await store.replaceWith(springOnly);
    const loaded = await store.load(file.timeZone);
    assert.deepEqual(
      loaded.campaigns.map((c) => c.id),
      ['spring-week-2026'],
    );
    assert.deepEqual(
      loaded.sessions.map((s) => s.id),
      ['spring-before-change', 'spring-after-change', 'standalone-webinar'],
    );
  });

  it('changes nothing when a load fails part-way', async () => {
    await store.replaceWith(file);
    // Bypasses the file's checks, so the database's own constraint stops the second session.
    const broken: Catalog = {
      ...file,
      campaigns: file.campaigns.map((c) => ({ ...c, title: `${c.title} (renamed)` })),
      sessions: file.sessions.map((s, i) => (i === 0 ? { ...s, title: 'Renamed' } : i === 1 ? { ...s, endsAt: s.startsAt } : s)),
    };
    await assert.rejects(store.replaceWith(broken));
    const loaded = await store.load(file.timeZone);
    assert.deepEqual(byId(loaded.campaigns), byId(file.campaigns));
    assert.deepEqual(byId(loaded.sessions), byId(file.sessions));
  });

  it('leaves the store as it was when the app is given a bad catalog file', async () => {
    await store.replaceWith(file);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', CATALOG_FILE: path.join(fixtures, 'bad-catalog.yaml') });
    await assert.rejects(composeApp(config, createLogger('silent'), { db: database.db }), CatalogFileError);
    const loaded = await store.load(file.timeZone);
    assert.deepEqual(byId(loaded.sessions), byId(file.sessions));
    assert.deepEqual(byId(loaded.campaigns), byId(file.campaigns));
  });
});
