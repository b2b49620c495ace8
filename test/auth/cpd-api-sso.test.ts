/**
 * The My CPD API with Teams SSO configured: the record is the token's `oid`, whatever the
 * request says. An officer sees and changes only their own entries; asking for someone else's
 * record is 403, a token that names no one is 403, no token (or a bad one) is 401.
 */
import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../support/app.js';
import { pdfText } from '../support/pdf.js';
import { appIdUri, clientId, goodClaims, startLocalJwks, tenant, type LocalJwks } from './local-jwks.js';

const jo = '5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c';
const sam = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';

describe('the My CPD API with Teams SSO configured', () => {
  let jwks: LocalJwks;
  let running: RunningApp;
  let joEntry: number;
  let samEntry: number;
  before(async () => {
    jwks = await startLocalJwks();
    running = await startApp({
      now: '2026-07-01T12:00:00+01:00',
      env: { TAB_APP_CLIENT_ID: clientId, TAB_APP_ID_URI: appIdUri, TAB_ALLOWED_TENANTS: tenant, TAB_AUTH_AUTHORITY_HOST: jwks.authorityHost },
    });
    const [first, second] = running.app.catalog().sessions;
    const at = running.app.clock.now();
    await running.app.cpd.record({ officerId: jo, sessionId: first!.id, kind: 'attended', minutes: 60, at });
    await running.app.cpd.record({ officerId: sam, sessionId: second!.id, kind: 'attended', minutes: 45, at });
    const ids = await running.app.db.query<{ officer_id: string; id: number }>('select officer_id, id from cpd_entries');
    joEntry = ids.find((r) => r.officer_id === jo)!.id;
    samEntry = ids.find((r) => r.officer_id === sam)!.id;
    await running.app.cpd.setReflection(sam, samEntry, 'SAM-ONLY reflection');
  });
  after(async () => {
    await running?.stop();
    await jwks?.stop();
  });

  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const response = await fetch(`${running.baseUrl}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = Buffer.from(bytes).toString('utf8');
    return {
      status: response.status,
      bytes,
      text,
      json: text.startsWith('{') ? JSON.parse(text) : undefined,
      challenge: response.headers.get('www-authenticate'),
    };
  };
  const joToken = () => jwks.sign(goodClaims({ oid: jo, name: 'PC Jo Bloggs' }));

  it('answers with the signed-in officer’s own record, named from the token', async () => {
    const answer = await call('GET', '/api/cpd', await joToken());
    assert.equal(answer.status, 200);
    assert.equal(answer.json.name, 'PC Jo Bloggs');
    assert.deepEqual(
      answer.json.items.map((e: { id: number }) => e.id),
      [joEntry],
    );
    assert.equal(answer.json.totals.thisYearMinutes, 60);
    // Naming yourself (in any case) is fine.
    assert.equal((await call('GET', `/api/cpd?officer=${jo.toUpperCase()}`, await joToken())).status, 200);
    const csv = await call('GET', '/api/cpd/record.csv', await joToken());
    assert.equal(csv.status, 200);
    assert.ok(!csv.text.includes('SAM-ONLY'));
    const pdf = await call('GET', '/api/cpd/record.pdf', await joToken());
    assert.equal(pdf.status, 200);
    const { lines } = await pdfText(pdf.bytes);
    assert.ok(lines[0]!.includes('PC Jo Bloggs'));
    assert.ok(!lines[0]!.join(' ').includes('SAM-ONLY'));
  });

  it('refuses to show anyone else’s record, in any form, with 403', async () => {
    const token = await joToken();
    for (const path of ['/api/cpd', '/api/cpd/record.csv', '/api/cpd/record.pdf']) {
      const answer = await call('GET', `${path}?officer=${sam}`, token);
      assert.equal(answer.status, 403, path);
      assert.deepEqual(answer.json, { error: 'forbidden', message: 'You can only see your own CPD record.' });
      assert.ok(!answer.text.includes('SAM-ONLY'));
    }
  });

  it('changes only the officer’s own reflections: another officer’s entry is not found, and stays as it was', async () => {
    const token = await joToken();
    const mine = await call('PUT', `/api/cpd/entries/${joEntry}/reflection`, token, { reflection: 'Mine to write.' });
    assert.equal(mine.status, 200);
    assert.equal(mine.json.reflection, 'Mine to write.');
    const theirs = await call('PUT', `/api/cpd/entries/${samEntry}/reflection`, token, { reflection: 'overwritten' });
    assert.equal(theirs.status, 404);
    assert.equal((await call('PUT', `/api/cpd/entries/${samEntry}/reflection?officer=${sam}`, token, { reflection: 'overwritten' })).status, 403);
    const [row] = await running.app.db.query<{ reflection: string }>('select reflection from cpd_entries where id = $1', [samEntry]);
    assert.equal(row!.reflection, 'SAM-ONLY reflection');
  });

  it('refuses a token that names no one with 403, and no token or a bad one with 401 on every route', async () => {
    const anonymous = await jwks.sign(goodClaims({ oid: undefined }));
    const routes = [
      ['GET', '/api/cpd'],
      ['GET', '/api/cpd/record.csv'],
      ['GET', '/api/cpd/record.pdf'],
      ['PUT', `/api/cpd/entries/${joEntry}/reflection`],
    ] as const;
    for (const [method, path] of routes) {
      const body = method === 'PUT' ? { reflection: 'x' } : undefined;
      const nameless = await call(method, path, anonymous, body);
      assert.equal(nameless.status, 403, `${method} ${path}`);
      assert.equal(nameless.json.error, 'forbidden');
      for (const token of [undefined, 'not.a.token', await jwks.sign(goodClaims({ oid: jo }), { key: 'stranger' })]) {
        const refused = await call(method, path, token, body);
        assert.equal(refused.status, 401, `${method} ${path}`);
        assert.equal(refused.challenge, 'Bearer');
        assert.deepEqual(refused.json, { error: 'unauthorized', message: 'Sign in through Microsoft Teams to see your CPD record.' });
      }
    }
    const [row] = await running.app.db.query<{ reflection: string | null }>('select reflection from cpd_entries where id = $1', [joEntry]);
    assert.notEqual(row!.reflection, 'x');
  });
});
