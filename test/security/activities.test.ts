/**
 * What /api/messages takes: activities of every kind the channel sends get through; JSON that is
 * not an activity (wrong types, missing parts, outsized or malformed ids) is refused with 400 and
 * one log line, before the bot runs; in local mode replies only go to a loopback service URL.
 */
import assert from 'node:assert/strict';
import { startApp, teamsMessage, type RunningApp } from '../support/app.js';

const BOT = { id: '28:cpd-bot', name: 'CPD sessions' };
const REFUSED = { error: 'bad_request', message: 'That is not an activity the bot can read.' };

describe('activities at the edge', function () {
  this.timeout(30_000);
  let running: RunningApp;
  before(async () => {
    running = await startApp({ now: '2026-04-13T09:00:00+01:00', logLevel: 'debug' });
  });
  after(async () => running?.stop());

  /** Posts the activity as given (no serviceUrl added unless it has one), answering status, raw body and the log lines it caused. */
  async function post(activity: unknown) {
    const from = running.logs.length;
    const sentBefore = running.connector.sent.length;
    const response = await fetch(`${running.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    return { status: response.status, text, logs: running.logs.slice(from), sent: running.connector.sent.length - sentBefore };
  }
  const withService = (activity: Record<string, unknown>) => ({ ...activity, serviceUrl: running.connector.serviceUrl });

  describe('malformed activities', () => {
    const cases: Array<[string, unknown]> = [
      ['an empty object', {}],
      ['an array', [1, 2]],
      ['a string', 'message'],
      ['text as a number', { text: 12345 }],
      ['no recipient', { recipient: undefined }],
      ['no sender', { from: undefined }],
      ['no conversation', { conversation: undefined }],
      ['a conversation without an id', { conversation: { conversationType: 'personal' } }],
      ['no type', { type: undefined }],
      ['entities that are not a list', { entities: 'bad' }],
      ['an entity without a type', { entities: [{ mentioned: { id: '28:cpd-bot' } }] }],
      ['membersAdded that is not a list', { type: 'conversationUpdate', membersAdded: 'x' }],
      ['a member without an id', { type: 'conversationUpdate', membersAdded: [{ name: 'x' }] }],
      ['channelData that is not an object', { channelData: 'x' }],
      ['a team id that is not text', { channelData: { team: { id: 7 } } }],
      ['an aadObjectId that is not a GUID', { from: { id: '29:officer-1', aadObjectId: 'not-a-guid' } }],
      ['an aadObjectId of 100,000 characters', { from: { id: '29:officer-1', aadObjectId: 'a'.repeat(100_000) } }],
      ['a sender id of 5,000 characters', { from: { id: `29:${'x'.repeat(5000)}` } }],
      ['a conversation id of 5,000 characters', { conversation: { id: `a:${'x'.repeat(5000)}` } }],
      ['a service URL that is not a URL', { serviceUrl: 'not a url' }],
      ['a service URL that is not http(s)', { serviceUrl: 'file:///etc/passwd' }],
      ['a timestamp that is not text', { timestamp: 5 }],
    ];
    for (const [what, change] of cases) {
      it(`refuses ${what} with 400, a short body and one log line without a stack`, async () => {
        // Changes to a good message (its serviceUrl included); anything else is posted as it is.
        const activity =
          typeof change === 'object' && change !== null && !Array.isArray(change) && Object.keys(change).length > 0
            ? { serviceUrl: running.connector.serviceUrl, ...teamsMessage('what is on friday'), ...change }
            : change;
        const { status, text, logs, sent } = await post(activity);
        assert.equal(status, 400);
        assert.deepEqual(JSON.parse(text), REFUSED);
        assert.equal(sent, 0, 'the bot did not answer');
        const loud = logs.filter((l) => l.level >= 40);
        assert.equal(loud.length, 1, JSON.stringify(logs));
        assert.equal(loud[0]!.level, 40);
        assert.equal(loud[0]!.msg, 'activity refused: not an activity the bot can read');
        assert.ok(Array.isArray(loud[0]!.problems) && loud[0]!.problems.length > 0);
        const line = JSON.stringify(loud[0]);
        assert.doesNotMatch(line, /\n\s+at |"stack"/, 'no stack');
        assert.ok(!line.includes('xxxxxxxxxx') && !line.includes('aaaaaaaaaa') && !line.includes('not-a-guid'), 'the log does not copy the input');
      });
    }
  });

  describe('genuine activities', () => {
    const conversation = { id: 'a:edge-personal', conversationType: 'personal', tenantId: 'tenant-1' };
    const from = { id: '29:edge-officer', name: 'PC Edge', aadObjectId: '3C9E6B1A-7D24-4F58-B0E3-5A1D2C8F9E01' };

    it('answers a message with a mention, a locale and Teams channel data', async () => {
      const activity = withService(
        teamsMessage('<at>CPD sessions</at> help', {
          from,
          conversation,
          entities: [
            { type: 'mention', mentioned: BOT, text: '<at>CPD sessions</at>' },
            { type: 'clientInfo', locale: 'en-GB', country: 'GB', platform: 'Web', timezone: 'Europe/London' },
          ],
          channelData: { tenant: { id: 'tenant-1' }, source: { name: 'message' } },
          localTimestamp: '2026-04-13T09:00:00.000+01:00',
          attachments: [],
        }),
      );
      const { status } = await post(activity);
      assert.equal(status, 200);
      await running.connector.waitFor((a) => a.conversationId === conversation.id);
    });

    it('answers a card action (invoke adaptiveCard/action) with its invoke response', async () => {
      const activity = withService(
        teamsMessage('', {
          from,
          conversation,
          text: undefined,
          type: 'invoke',
          name: 'adaptiveCard/action',
          replyToId: 'card-1',
          value: { action: { type: 'Action.Execute', verb: 'booking.mine', data: { verb: 'booking.mine' } }, trigger: 'manual' },
        }),
      );
      const { status, text } = await post(activity);
      assert.equal(status, 200);
      assert.equal(JSON.parse(text).statusCode, 200);
    });

    it('welcomes on installationUpdate and conversationUpdate, as Teams sends them', async () => {
      const team = { id: '19:edge-team@thread.tacv2', name: 'Response team', aadGroupId: '00000000-0000-4000-8000-00000000e001' };
      const where = { id: '19:edge-team@thread.tacv2', conversationType: 'channel', tenantId: 'tenant-1', isGroup: true };
      const installed = await post(
        withService(
          teamsMessage('', {
            type: 'installationUpdate',
            action: 'add',
            text: undefined,
            conversation: where,
            channelData: { tenant: { id: 'tenant-1' }, team },
          }),
        ),
      );
      assert.equal(installed.status, 200);
      const added = await post(
        withService(
          teamsMessage('', {
            type: 'conversationUpdate',
            text: undefined,
            conversation: where,
            membersAdded: [BOT, { id: '29:someone', aadObjectId: '00000000-0000-4000-8000-00000000e002' }],
            channelData: { tenant: { id: 'tenant-1' }, team, eventType: 'teamMemberAdded' },
          }),
        ),
      );
      assert.equal(added.status, 200);
      await running.connector.waitFor((a) => a.conversationId === where.id);
    });

    for (const [what, extra] of [
      ['typing', { type: 'typing' }],
      ['a reaction', { type: 'messageReaction', reactionsAdded: [{ type: 'like' }], replyToId: 'x-1' }],
      ['an event', { type: 'event', name: 'application/vnd.microsoft.meetingStart', value: { Id: 'm-1' } }],
      ['a member leaving', { type: 'conversationUpdate', membersRemoved: [{ id: '29:left' }] }],
      ['an invoke the bot does not know', { type: 'invoke', name: 'composeExtension/query', value: { commandId: 'x' } }],
      ['a sender without an aadObjectId (a bot or the emulator)', { type: 'typing', from: { id: '29:no-aad' } }],
      ['a null name (some channels send it)', { type: 'typing', from: { id: '29:null-name', name: null } }],
    ] as const) {
      it(`takes ${what} without complaint`, async () => {
        const { status, logs } = await post(withService(teamsMessage('', { text: undefined, conversation, ...extra })));
        assert.ok(status === 200 || status === 501, `status ${status}`);
        assert.deepEqual(
          logs.filter((l) => l.level >= 40),
          [],
        );
      });
    }
  });

  describe('the service URL in local mode', () => {
    for (const serviceUrl of ['http://127.0.0.1:1/', 'http://127.8.9.10:1/', 'http://localhost:1/_connector', 'http://[::1]:1/']) {
      it(`takes a loopback service URL (${serviceUrl})`, async () => {
        const { status } = await post(teamsMessage('', { type: 'typing', text: undefined, serviceUrl }));
        assert.equal(status, 200);
      });
    }

    for (const serviceUrl of [
      'https://smba.trafficmanager.net/uk/',
      'http://10.1.2.3:9/',
      'http://169.254.169.254/latest/',
      'http://127.0.0.1.evil.example/',
      'http://localhost.evil.example/',
      'http://127.0.0.1@evil.example/',
      'http://0.0.0.0:1/',
    ]) {
      it(`refuses ${serviceUrl} with 400 and a log line, and sends nothing there`, async () => {
        const { status, text, logs, sent } = await post(teamsMessage('help', { serviceUrl }));
        assert.equal(status, 400);
        assert.deepEqual(JSON.parse(text), {
          error: 'bad_request',
          message: 'In local mode the bot only replies to a channel on this machine (a loopback service URL).',
        });
        assert.deepEqual(
          logs.filter((l) => l.level >= 40).map((l) => l.msg),
          ['activity refused: service URL not on loopback in local mode'],
        );
        assert.equal(sent, 0);
      });
    }
  });
});
