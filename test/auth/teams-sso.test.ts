import assert from 'node:assert/strict';
import { TeamsSsoVerifier } from '../../bot/src/auth/teams-sso.js';
import { appIdUri, clientId, goodClaims, otherTenant, startLocalJwks, tenant, type LocalJwks } from './local-jwks.js';

describe('verifying the Teams SSO token', () => {
  let jwks: LocalJwks;
  let verifier: TeamsSsoVerifier;
  before(async () => {
    jwks = await startLocalJwks();
    verifier = new TeamsSsoVerifier({
      clientId,
      audiences: [clientId, appIdUri],
      allowedTenants: [tenant],
      authorityHost: jwks.authorityHost,
      clockToleranceSeconds: 60,
    });
  });
  after(async () => jwks.stop());

  const bearer = (token: string) => `Bearer ${token}`;
  const refusal = async (authorization: string | undefined) => {
    const result = await verifier.verify(authorization);
    assert.equal(result.ok, false, 'the token was accepted');
    return result.ok ? '' : result.reason;
  };

  it("accepts a good v2 token for our app from an allowed tenant, checked against that tenant's keys", async () => {
    const result = await verifier.verify(bearer(await jwks.sign(goodClaims())));
    assert.deepEqual(result, { ok: true, identity: { tenantId: tenant, objectId: '5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c', roles: [] } });
    assert.ok(jwks.requests.includes(`/${tenant}/discovery/v2.0/keys`));
  });

  it("carries the user's name, sign-in name and Entra app roles from the token", async () => {
    const claims = goodClaims({ name: 'Sgt Priya Shah', preferred_username: 'priya.shah@force.police.uk', roles: ['Organiser', 42] });
    const result = await verifier.verify(bearer(await jwks.sign(claims)));
    assert.ok(result.ok);
    assert.deepEqual(result.identity.roles, ['Organiser']);
    assert.equal(result.identity.name, 'Sgt Priya Shah');
    assert.equal(result.identity.username, 'priya.shah@force.police.uk');
  });

  it('accepts the v1 issuer and the bare client id as audience', async () => {
    const result = await verifier.verify(bearer(await jwks.sign(goodClaims({ iss: `https://sts.windows.net/${tenant}/`, aud: clientId }))));
    assert.equal(result.ok, true);
  });

  it('refuses an expired token, beyond the clock tolerance', async () => {
    assert.match(await refusal(bearer(await jwks.sign(goodClaims(), { expiresIn: Math.floor(Date.now() / 1000) - 120 }))), /ERR_JWT_EXPIRED/);
  });

  it('allows a token that expired within the clock tolerance', async () => {
    const result = await verifier.verify(bearer(await jwks.sign(goodClaims(), { expiresIn: Math.floor(Date.now() / 1000) - 20 })));
    assert.equal(result.ok, true);
  });

  it('refuses a token for another app (wrong audience)', async () => {
    assert.match(await refusal(bearer(await jwks.sign(goodClaims({ aud: 'api://someone-else/1234' })))), /ERR_JWT_CLAIM_VALIDATION_FAILED \(aud\)/);
  });

  it('refuses a token from the wrong issuer, even for an allowed tenant', async () => {
    assert.match(await refusal(bearer(await jwks.sign(goodClaims({ iss: 'https://evil.example/v2.0' })))), /ERR_JWT_CLAIM_VALIDATION_FAILED \(iss\)/);
    assert.match(await refusal(bearer(await jwks.sign(goodClaims({ iss: `https://login.microsoftonline.com/${otherTenant}/v2.0` })))), /\(iss\)/);
  });

  it('refuses a tenant that is not on the allow-list without fetching its keys', async () => {
    const before = jwks.requests.length;
    const token = await jwks.sign(goodClaims({ tid: otherTenant, iss: `https://login.microsoftonline.com/${otherTenant}/v2.0` }));
    assert.match(await refusal(bearer(token)), /not allowed/);
    assert.equal(jwks.requests.length, before);
  });

  it("refuses a token signed with a key that is not the tenant's (bad signature)", async () => {
    assert.match(await refusal(bearer(await jwks.sign(goodClaims(), { key: 'stranger' }))), /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/);
    assert.match(await refusal(bearer(await jwks.sign(goodClaims(), { key: 'stranger', kid: 'unknown-key' }))), /ERR_JWKS_NO_MATCHING_KEY/);
  });

  it('refuses a token whose payload was altered after signing', async () => {
    const [header, , signature] = (await jwks.sign(goodClaims())).split('.');
    const forged = Buffer.from(JSON.stringify(goodClaims({ oid: 'someone-else' }))).toString('base64url');
    assert.match(await refusal(bearer(`${header}.${forged}.${signature}`)), /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/);
  });

  it('refuses no token, a token that is not a bearer token, and a malformed one', async () => {
    assert.equal(await refusal(undefined), 'no authorization header');
    assert.equal(await refusal(`Basic ${Buffer.from('a:b').toString('base64')}`), 'not a bearer token');
    assert.equal(await refusal('Bearer not-a-jwt'), 'malformed token');
    assert.equal(await refusal('Bearer a.b.c'), 'malformed token');
  });

  it('refuses an unsigned token (alg none)', async () => {
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ ...goodClaims(), exp: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url')}.`;
    assert.match(await refusal(bearer(unsigned)), /ERR_JOSE_ALG_NOT_ALLOWED|ERR_JWS_INVALID|malformed/);
  });
});
