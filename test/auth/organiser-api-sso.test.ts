/**
 * Who may organise, with Teams SSO configured: the Entra app role "Organiser" in the token's
 * roles claim. Anyone else signed in gets 403 and nothing changes; no token gets 401.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startApp, type RunningApp } from '../support/app.js';
import { appIdUri, clientId, goodClaims, startLocalJwks, tenant, type LocalJwks } from './local-jwks.js';

describe('the organiser API with Teams SSO configured', () => {
  let jwks: LocalJwks;
  let running: RunningApp;
  before(async () => {
    jwks = await startLocalJwks();
    running = await startApp({
      env: { TAB_APP_CLIENT_ID: clientId, TAB_APP_ID_URI: appIdUri, TAB_ALLOWED_TENANTS: tenant, TAB_AUTH_AUTHORITY_HOST: jwks.authorityHost },
    });
  });
  after(async () => {
    await running?.stop();
    await jwks?.stop();
  });

  const call = async (method: string, path: string, token?: string, body?: string) => {
    const response = await fetch(`${running.baseUrl}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/yaml' } : {}) },
      ...(body ? { body } : {}),
    });
    const text = await response.text();
    return { status: response.status, json: text.startsWith('{') ? JSON.parse(text) : undefined, text };
  };
  const officer = () => jwks.sign(goodClaims({ name: 'PC Jo Bloggs', preferred_username: 'jo.bloggs@force.police.uk' }));
  const organiser = () => jwks.sign(goodClaims({ name: 'Sam Events', preferred_username: 'sam.events@college.police.uk', roles: ['Organiser'] }));
  const yaml = () => readFileSync(running.config.catalogFile, 'utf8').replace(/capacity: 300/, 'capacity: 301');

  it('tells the tab whether the caller is an organiser', async () => {
    assert.deepEqual((await call('GET', '/api/me', await officer())).json, { name: 'PC Jo Bloggs', organiser: false });
    assert.deepEqual((await call('GET', '/api/me', await organiser())).json, { name: 'Sam Events', organiser: true });
    assert.equal((await call('GET', '/api/me')).status, 401);
  });

  it('refuses an officer without the role with 403 on every organiser route, and changes nothing', async () => {
    const token = await officer();
    for (const [method, path] of [
      ['GET', '/api/organiser/catalog'],
      ['GET', '/api/organiser/versions'],
      ['GET', '/api/organiser/sessions'],
      ['GET', '/api/organiser/registrations.csv'],
      ['GET', '/api/organiser/versions/1/catalog'],
    ] as const) {
      const answer = await call(method, path, token);
      assert.equal(answer.status, 403, `${method} ${path}`);
      assert.equal(answer.json.error, 'forbidden');
    }
    assert.equal((await call('PUT', '/api/organiser/catalog', token, yaml())).status, 403);
    assert.equal(running.app.programme().version, 1);
    assert.equal((await call('PUT', '/api/organiser/catalog', undefined, yaml())).status, 401);
  });

  it('lets an organiser publish, recording their sign-in name as the publisher', async () => {
    const published = await call('PUT', '/api/organiser/catalog', await organiser(), yaml());
    assert.equal(published.status, 200);
    const history = await call('GET', '/api/organiser/versions', await organiser());
    assert.equal(history.json.versions[0].publishedBy, 'sam.events@college.police.uk');
    const [entry] = await running.app.db.query<{ actor: string; action: string }>("select actor, action from audit_log where action = 'catalog.publish'");
    assert.deepEqual(entry, { actor: 'sam.events@college.police.uk', action: 'catalog.publish' });
  });
});
