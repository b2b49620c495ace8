/**
 * CATALOG_FILE seeds the database and is imported again at start only when the file changed, so
 * a restart never undoes what an organiser published in the app.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../../bot/src/config.js';
import { composeApp, type App } from '../../bot/src/composition.js';
import { fixedClock } from '../../bot/src/clock.js';
import { createLogger } from '../../bot/src/log.js';
import { CatalogFileError } from '../../bot/src/catalog/catalog-file.js';
import { testDb, type TestDb } from '../support/db.js';

const sessions = (capacity: number) => [
  { id: 'kept', title: 'Stalking: first response', starts: '2026-05-05T10:00', ends: '2026-05-05T11:00', capacity },
  { id: 'second', title: 'Custody: detainee welfare', starts: '2026-05-06T10:00', ends: '2026-05-06T11:00' },
];

describe('the catalog file at start-up', function () {
  this.timeout(30_000);
  let dir: string;
  let file: string;
  let database: TestDb;
  const apps: App[] = [];

  const start = async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', CATALOG_FILE: file });
    const app = await composeApp(config, createLogger('silent'), { db: database.db, clock: fixedClock(new Date('2026-04-13T08:00:00Z')) });
    apps.push(app);
    return app;
  };
  const stop = async (app: App) => {
    await app.close();
  };

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cpd-import-'));
    file = path.join(dir, 'catalog.yaml');
    writeFileSync(file, stringify({ sessions: sessions(30) }));
    database = await testDb();
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close().catch(() => undefined);
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('When the database is empty, then the file becomes version 1', async () => {
    const app = await start();
    assert.equal(app.programme().version, 1);
    assert.deepEqual(
      app.catalog().sessions.map((s) => s.id),
      ['kept', 'second'],
    );
    await stop(app);
  });

  it('When the app restarts with the same file, then what an organiser published stays', async () => {
    let app = await start();
    const yaml = stringify({
      sessions: sessions(30)
        .filter((s) => s.id === 'kept')
        .map((s) => ({ ...s, capacity: 60 })),
    });
    const outcome = await app.publisher.publish({ yaml, fileName: 'upload.yaml', source: 'upload', by: 'organiser@college.police.uk' });
    assert.equal(outcome.kind, 'published');
    await stop(app);

    app = await start();
    assert.equal(app.programme().version, 2, 'no new version: the file had not changed');
    assert.deepEqual(
      app.catalog().sessions.map((s) => [s.id, s.capacity]),
      [['kept', 60]],
    );
    await stop(app);
  });

  it('When the file itself changed since it was imported, then it is published again as a new version', async () => {
    let app = await start();
    await stop(app);
    writeFileSync(file, stringify({ sessions: sessions(45) }));
    app = await start();
    assert.equal(app.programme().version, 2);
    assert.equal(app.catalog().sessions.find((s) => s.id === 'kept')?.capacity, 45);
    const [row] = await database.db.query<{ source: string; published_by: string; summary: { text: string } }>(
      'select source, published_by, summary from catalog_versions where version = 2',
    );
    assert.equal(row?.source, 'file');
    assert.match(row!.summary.text, /^Capacity raised on 1 session\./);
    await stop(app);
  });

  it('When the changed file is refused, then the app does not start and the database keeps its version', async () => {
    const app = await start();
    await stop(app);
    writeFileSync(file, 'sessions:\n  - id: broken\n');
    await assert.rejects(start(), CatalogFileError);
    const [row] = await database.db.query<{ n: number }>('select max(version)::int as n from catalog_versions');
    assert.equal(row?.n, 1);
  });
});
