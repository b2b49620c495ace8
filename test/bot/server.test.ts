import assert from 'node:assert/strict';
import { startApp, teamsMessage, type RunningApp } from '../support/app.js';

describe('the server', () => {
  let running: RunningApp;
  before(async () => {
    running = await startApp({ now: '2026-04-13T09:00:00+01:00' });
  });
  after(async () => running.stop());

  it('answers the health check when the store is reachable', async () => {
    const response = await fetch(`${running.baseUrl}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
  });

  it('takes a Teams message on /api/messages and replies through the connector', async () => {
    const activity = teamsMessage('what is on next week?');
    const { status } = await running.send(activity);
    assert.equal(status, 200);
    const reply = await running.connector.waitFor((a) => a.replyToId === activity.id);
    assert.equal(reply.conversationId, 'a:personal-chat-1');
  });
});
