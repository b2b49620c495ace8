import assert from 'node:assert/strict';
import sinon from 'sinon';
import { startApp, teamsMessage, type RunningApp } from '../support/app.js';
import { CpdBot } from '../../bot/src/teams/bot.js';
import type { Db } from '../../bot/src/store/db.js';
import { BotFrameworkIssuer, signingKey } from './bot-framework-issuer.js';

const appId = '6f1c2a4e-3b5d-4e7f-9a1b-2c3d4e5f6a7b';
const tenantId = '0e0d0c0b-0a09-4807-8605-040302010000';

/** A fingerprint of every row in every table, so "nothing was written" is checked, not assumed. */
async function databaseFingerprint(db: Db): Promise<string> {
  const tables = await db.query<{ name: string }>(
    `select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`,
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const [row] = await db.query<{ n: string; h: string | null }>(
      `select count(*)::text as n, md5(string_agg(t::text, '|' order by t::text)) as h from "${name}" t`,
    );
    parts.push(`${name}:${row!.n}:${row!.h ?? ''}`);
  }
  return parts.join('\n');
}

for (const appType of ['UserAssignedMSI', 'SingleTenant'] as const) {
  describe(`Bot Framework authentication on /api/messages (MicrosoftAppType ${appType})`, () => {
    let issuer: BotFrameworkIssuer;
    let running: RunningApp;
    let run: sinon.SinonSpy;
    let before_: string;

    before(async () => {
      issuer = await BotFrameworkIssuer.start();
      running = await startApp({
        now: '2026-04-13T09:00:00+01:00',
        logLevel: 'debug',
        env: {
          MicrosoftAppId: appId,
          MicrosoftAppType: appType,
          MicrosoftAppTenantId: tenantId,
          // A dummy secret for the SingleTenant variant; no test here gets as far as using it.
          ...(appType === 'SingleTenant' ? { MicrosoftAppPassword: 'not-a-real-secret' } : {}),
          BOT_OPENID_METADATA_URL: issuer.metadataUrl,
        },
      });
    });
    after(async () => {
      await running?.stop();
      await issuer?.stop();
    });
    beforeEach(async () => {
      run = sinon.spy(CpdBot.prototype, 'run');
      // The library logs each rejection with console.error; keep the test output readable.
      sinon.stub(console, 'error');
      before_ = await databaseFingerprint(running.database.db);
    });
    afterEach(() => sinon.restore());

    let answered: { body: string; logs: Array<Record<string, any>> };
    async function post(activity: Record<string, unknown>, authorization?: string): Promise<number> {
      const from = running.logs.length;
      const response = await fetch(`${running.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ serviceUrl: running.connector.serviceUrl, ...activity }),
      });
      answered = { body: await response.text(), logs: running.logs.slice(from) };
      return response.status;
    }

    async function assertRefusedAndNothingChanged(status: number): Promise<void> {
      assert.equal(status, 401);
      // Which check failed ("The token has expired", "Invalid AppId ...") is for the log only.
      assert.equal(answered.body, '', 'a bare 401');
      const refusals = answered.logs.filter((l) => l.msg === 'activity refused: Bot Framework token not accepted');
      assert.equal(refusals.length, 1, JSON.stringify(answered.logs));
      assert.equal(refusals[0]!.level, 40, 'logged at warn');
      assert.ok(typeof refusals[0]!.reason === 'string' && refusals[0]!.reason.length > 0, 'with the reason');
      assert.equal(JSON.stringify(refusals[0]).includes('eyJ'), false, 'the token is not logged');
      assert.deepEqual(
        answered.logs.filter((l) => l.level >= 50),
        [],
      );
      assert.equal(run.callCount, 0, 'the bot handler must not run');
      assert.deepEqual(running.connector.sent, [], 'no reply may reach the connector');
      assert.equal(await databaseFingerprint(running.database.db), before_, 'nothing may be written');
    }

    it('refuses a message without a token', async () => {
      await assertRefusedAndNothingChanged(await post(teamsMessage('my bookings')));
    });

    it('refuses a message whose Authorization header is not a bearer token', async () => {
      await assertRefusedAndNothingChanged(await post(teamsMessage('my bookings'), 'Basic b2ZmaWNlcjpwYXNzd29yZA=='));
    });

    it('refuses a token signed by a key the Bot Framework metadata does not publish', async () => {
      const forged = await issuer.token({ audience: appId, serviceUrl: running.connector.serviceUrl, key: await signingKey('attacker-key') });
      await assertRefusedAndNothingChanged(await post(teamsMessage('my bookings'), `Bearer ${forged}`));
    });

    it('refuses a token signed by another key under the published key id', async () => {
      const impostor = await signingKey(issuer.key.kid);
      const forged = await issuer.token({ audience: appId, serviceUrl: running.connector.serviceUrl, key: impostor });
      await assertRefusedAndNothingChanged(await post(teamsMessage('my bookings'), `Bearer ${forged}`));
    });

    it('refuses an expired token', async () => {
      const expired = await issuer.token({ audience: appId, serviceUrl: running.connector.serviceUrl, expiresIn: -3600 });
      await assertRefusedAndNothingChanged(await post(teamsMessage('my bookings'), `Bearer ${expired}`));
    });

    it('refuses a token issued for another bot (audience is another app id)', async () => {
      const otherBot = await issuer.token({ audience: '11111111-2222-4333-8444-555555555555', serviceUrl: running.connector.serviceUrl });
      await assertRefusedAndNothingChanged(await post(teamsMessage('my bookings'), `Bearer ${otherBot}`));
    });

    it('refuses a token from another issuer', async () => {
      const wrongIssuer = await issuer.token({ audience: appId, serviceUrl: running.connector.serviceUrl, issuer: 'https://sts.example.invalid/' });
      await assertRefusedAndNothingChanged(await post(teamsMessage('my bookings'), `Bearer ${wrongIssuer}`));
    });

    it('refuses a valid token presented for another service URL', async () => {
      const elsewhere = await issuer.token({ audience: appId, serviceUrl: 'https://smba.trafficmanager.net/uk/' });
      await assertRefusedAndNothingChanged(await post(teamsMessage('my bookings'), `Bearer ${elsewhere}`));
    });

    it('accepts a valid channel token and runs the bot', async () => {
      const token = await issuer.token({ audience: appId, serviceUrl: running.connector.serviceUrl });
      // A typing activity: the bot runs but sends nothing, so no outgoing token is needed
      // (that would mean calling Microsoft Entra, which a test must never do).
      const status = await post(teamsMessage('', { type: 'typing', text: undefined }), `Bearer ${token}`);
      assert.equal(status, 200);
      assert.equal(run.callCount, 1);
      assert.ok(issuer.requests.includes('/v1/.well-known/keys'), 'the keys came from the configured metadata');
    });
  });
}
