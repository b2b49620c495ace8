import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../support/app.js';
import { seed, smallCatalog } from '../recordings/fixtures.js';
import { ensureTabBuilt } from '../tab/tab-build.js';
import { appIdUri, clientId, goodClaims, otherTenant, startLocalJwks, tenant, type LocalJwks } from './local-jwks.js';

describe('the recordings API with Teams SSO configured', () => {
  let jwks: LocalJwks;
  let running: RunningApp;
  before(async () => {
    jwks = await startLocalJwks();
    running = await startApp({
      env: { TAB_APP_CLIENT_ID: clientId, TAB_APP_ID_URI: appIdUri, TAB_ALLOWED_TENANTS: `${tenant}`, TAB_AUTH_AUTHORITY_HOST: jwks.authorityHost },
    });
    await seed(running.app.db, smallCatalog());
  });
  after(async () => {
    await running?.stop();
    await jwks?.stop();
  });

  const get = async (path: string, authorization?: string) => {
    const response = await fetch(`${running.baseUrl}${path}`, { headers: authorization ? { authorization } : {} });
    return { status: response.status, body: await response.text(), challenge: response.headers.get('www-authenticate') };
  };

  it('answers an officer with a good token', async () => {
    const { status, body } = await get('/api/recordings?q=dogs', `Bearer ${await jwks.sign(goodClaims())}`);
    assert.equal(status, 200);
    assert.deepEqual(
      JSON.parse(body).items.map((r: { id: string }) => r.id),
      ['rec-dogs'],
    );
    assert.equal((await get('/api/recordings/rec-dogs', `Bearer ${await jwks.sign(goodClaims())}`)).status, 200);
  });

  it('refuses every bad token with the same 401 that reveals nothing', async () => {
    const tokens = {
      none: undefined,
      malformed: 'Bearer not.a.token',
      expired: `Bearer ${await jwks.sign(goodClaims(), { expiresIn: Math.floor(Date.now() / 1000) - 3600 })}`,
      'wrong audience': `Bearer ${await jwks.sign(goodClaims({ aud: 'api://other/1' }))}`,
      'wrong issuer': `Bearer ${await jwks.sign(goodClaims({ iss: 'https://sts.example/' }))}`,
      'tenant not allowed': `Bearer ${await jwks.sign(goodClaims({ tid: otherTenant, iss: `https://sts.windows.net/${otherTenant}/` }))}`,
      'bad signature': `Bearer ${await jwks.sign(goodClaims(), { key: 'stranger' })}`,
    };
    const answers = new Set<string>();
    for (const [name, authorization] of Object.entries(tokens)) {
      for (const path of ['/api/recordings', '/api/recordings/rec-dogs']) {
        const answer = await get(path, authorization);
        assert.equal(answer.status, 401, `${name} on ${path}`);
        assert.equal(answer.challenge, 'Bearer');
        answers.add(answer.body);
      }
    }
    assert.deepEqual(
      [...answers].map((b) => JSON.parse(b)),
      [{ error: 'unauthorized', message: 'Sign in through Microsoft Teams to see the recordings.' }],
    );
  });

  it('serves the tab page itself without a token (it asks Teams for one)', async () => {
    ensureTabBuilt();
    const { status, body } = await get('/tab/');
    assert.equal(status, 200);
    assert.match(body, /<div id="root">/);
  });
});
