import assert from 'node:assert/strict';
import { loadConfig } from '../../bot/src/config.js';
import { recordingsAccess } from '../../bot/src/http/recordings-routes.js';
import { startApp, type RunningApp } from '../support/app.js';
import { seed, smallCatalog } from './fixtures.js';

/**
 * The app in local mode with the small catalog, its clock fixed at `now`, for the enclosing
 * describe; answers a GET with its status, JSON body and cache-control.
 */
function appWithSmallCatalogAt(now: string) {
  let running: RunningApp;
  before(async () => {
    running = await startApp({ now });
    await seed(running.app.db, smallCatalog());
  });
  after(async () => running.stop());
  return async (path: string) => {
    const response = await fetch(`${running.baseUrl}${path}`);
    return { status: response.status, body: (await response.json()) as any, cache: response.headers.get('cache-control') };
  };
}

describe('GET /api/recordings in local mode', () => {
  // After every fixture recording has been posted (the last on 26 June 2026).
  const get = appWithSmallCatalogAt('2026-07-01T09:00:00+01:00');

  it('answers a page of recordings with the total, paging and filter choices, without a token', async () => {
    const { status, body, cache } = await get('/api/recordings?campaign=response-2026&sort=oldest&limit=1&offset=1');
    assert.equal(status, 200);
    assert.equal(cache, 'no-store');
    assert.deepEqual(
      { total: body.total, offset: body.offset, limit: body.limit, ids: body.items.map((r: any) => r.id) },
      { total: 2, offset: 1, limit: 1, ids: ['rec-dogs'] },
    );
    assert.deepEqual(
      body.facets.campaigns.map((c: any) => c.id),
      ['neighbourhood-2026', 'response-2026'],
    );
  });

  it('searches with q and filters by topic', async () => {
    assert.deepEqual(
      (await get('/api/recordings?q=Merseyside')).body.items.map((r: any) => r.id),
      ['rec-dogs'],
    );
    assert.deepEqual(
      (await get('/api/recordings?topic=technology')).body.items.map((r: any) => r.id),
      ['rec-faces'],
    );
  });

  it('answers 400 with a message a person can act on for bad parameters', async () => {
    const { status, body } = await get('/api/recordings?sort=sideways&limit=abc');
    assert.equal(status, 400);
    assert.deepEqual(body, { error: 'bad_request', message: 'That search could not be read: sort: must be newest or oldest; limit: must be a whole number.' });
  });

  it('answers one recording for a deep link, and 404 for one that is not there', async () => {
    assert.equal((await get('/api/recordings/rec-crisis')).body.session.presenters[0].organisation, 'West Midlands Police');
    const missing = await get('/api/recordings/rec-gone');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error, 'not_found');
  });

  it('keeps the API closed when the server faces the network without SSO, open on loopback only', () => {
    assert.equal(recordingsAccess(loadConfig({})), 'local');
    assert.equal(recordingsAccess(loadConfig({ MicrosoftAppId: 'bot-app', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 'tenant-1' })), 'closed');
  });

  it('refuses SSO settings without a tenant allow-list', () => {
    assert.throws(() => loadConfig({ TAB_APP_CLIENT_ID: 'client-1' }), /TAB_ALLOWED_TENANTS: required/);
  });
});

describe('GET /api/recordings before some recordings are posted', () => {
  // The demo clock: the response week's recordings are posted from 28 April, after it.
  const get = appWithSmallCatalogAt('2026-04-13T09:00:00+01:00');

  it('lists, counts and offers as filters only the recordings already posted', async () => {
    const { status, body } = await get('/api/recordings');
    assert.equal(status, 200);
    assert.deepEqual({ total: body.total, ids: body.items.map((r: any) => r.id) }, { total: 1, ids: ['rec-loose'] });
    assert.deepEqual(body.facets, { campaigns: [], topics: [] });
    assert.equal((await get('/api/recordings?q=crisis')).body.total, 0);
  });

  it('answers 404 for the deep link of a recording not posted yet, as for a missing one', async () => {
    const early = await get('/api/recordings/rec-crisis');
    const missing = await get('/api/recordings/rec-gone');
    assert.equal(early.status, 404);
    assert.deepEqual(early.body, missing.body);
    assert.equal((await get('/api/recordings/rec-loose')).status, 200);
  });
});
