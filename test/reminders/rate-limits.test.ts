/**
 * Teams' rate limits: the connector stand-in refuses past them as Teams does (429, Retry-After),
 * and the pacer keeps proactive messages under them, shared between senders through the database.
 */
import assert from 'node:assert/strict';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { ProactivePacer, TEAMS_RATE_LIMITS, tenantInterval } from '../../bot/src/teams/pacing.js';
import { proactiveSender } from '../../bot/src/teams/proactive.js';
import { SendPace } from '../../bot/src/jobs/send-pace.js';
import { RetryLater } from '../../bot/src/jobs/outbox-worker.js';
import { FakeConnector, TEAMS_LIMITS } from '../fakes/connector.js';
import { testDb, type TestDb } from '../support/db.js';

const card = { type: 'AdaptiveCard' as const, version: '1.5', body: [{ type: 'TextBlock', text: 'hello' }] };

describe("Teams' rate limits", function () {
  this.timeout(120_000);
  let connector: FakeConnector;
  let database: TestDb;
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const reference = (conversation: string, tenantId = 'tenant-1') => ({
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    conversation: { id: conversation, conversationType: 'personal', tenantId },
    bot: { id: '28:cpd-bot', name: 'CPD sessions' },
    user: { id: `29:${conversation}` },
  });
  const post = async (conversation: string, tenantId = 'tenant-1') =>
    fetch(`${connector.serviceUrl}v3/conversations/${encodeURIComponent(conversation)}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hi', conversation: { id: conversation, tenantId } }),
    });

  beforeEach(async () => {
    connector = await new FakeConnector({ limits: TEAMS_LIMITS }).start();
    database = await testDb();
  });
  afterEach(async () => {
    await connector.stop();
    await database.drop();
  });

  it('The app keeps the limits Microsoft documents for bots in Teams', () => {
    assert.deepEqual(TEAMS_RATE_LIMITS, TEAMS_LIMITS);
  });

  it('When an eighth message goes to one conversation within a second, then the stand-in answers 429 with Retry-After and does not deliver it', async () => {
    const answers = [];
    for (let i = 0; i < 8; i += 1) answers.push(await post('a:one'));
    assert.deepEqual(
      answers.map((r) => r.status),
      [200, 200, 200, 200, 200, 200, 200, 429],
    );
    assert.equal(answers[7]!.headers.get('retry-after'), '1');
    assert.equal(connector.to('a:one').length, 7);
    assert.deepEqual(connector.throttled, { conversation: 1, tenant: 0 });
  });

  it('When a tenant is sent a 51st message within a second, then it is refused, while another tenant is not', async () => {
    const answers = await Promise.all(Array.from({ length: 51 }, (_, i) => post(`a:chat-${i}`)));
    assert.equal(answers.filter((r) => r.status === 429).length, 1);
    assert.equal((await post('a:elsewhere', 'tenant-2')).status, 200);
    assert.deepEqual(connector.throttled, { conversation: 0, tenant: 1 });
  });

  it('When two senders share one pace, then 100 messages to one tenant and 9 to one conversation arrive with no 429, no faster than the limits allow', async () => {
    const pace = new SendPace(database.db);
    const senders = [0, 1].map(() => proactiveSender({ adapter: () => adapter, botAppId: '', pacer: new ProactivePacer(pace) }));
    const started = Date.now();
    const refused: unknown[] = [];
    await Promise.all(
      [
        ...Array.from({ length: 100 }, (_, i) => senders[i % 2]!(reference(`a:many-${i}`), card, 'hello')),
        ...Array.from({ length: 9 }, () => senders[0]!(reference('a:busy'), card, 'hello')),
      ].map((sending) => sending.catch((error: unknown) => void refused.push(error))),
    );
    assert.deepEqual(refused, []);
    const took = Date.now() - started;
    assert.deepEqual(connector.throttled, { conversation: 0, tenant: 0 });
    assert.equal(connector.sent.length, 109);
    // 109 at 45 a second (the proactive share of 50) is at least 2.4 s; the busy chat's ninth needs 2 s.
    assert.ok(took >= 108 * tenantInterval(TEAMS_RATE_LIMITS) - 50, `took ${took} ms`);
    const busy = connector.to('a:busy').map((s) => s.at);
    assert.ok(busy[7]! - busy[0]! >= 1000 - 20, 'the eighth waited for the first to leave its second');
  });

  it('When Teams answers 429 past its own retries, then the send fails as "retry later" with the Retry-After, without spending an attempt', async () => {
    connector.limits = { perConversation: [{ limit: 1, perMs: 60_000 }], perTenant: [] };
    const send = proactiveSender({ adapter: () => adapter, botAppId: '', pacer: new ProactivePacer(new SendPace(database.db)) });
    await send(reference('a:full'), card, 'first');
    const error = await send(reference('a:full'), card, 'second').then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof RetryLater, String(error));
    assert.ok((error.delayMs ?? 0) >= 1000);
    assert.equal(error.refundAttempt, true);
  });
});
