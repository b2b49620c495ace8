import assert from 'node:assert/strict';
import { TestAdapter, type Activity } from 'botbuilder';
import { fixedClock } from '../../bot/src/clock.js';
import { createLogger } from '../../bot/src/log.js';
import { CpdBot } from '../../bot/src/teams/bot.js';
import { Sessions } from '../../bot/src/catalog/sessions.js';
import { assertValidInvokeResponse } from '../support/cards.js';

describe('a card action whose use case fails', () => {
  it('answers with a 500 error response carrying no internals, instead of failing the turn', async () => {
    const bot = new CpdBot({
      programme: () => ({
        whatsOn: {
          answer: () => {
            throw new Error('connection to the search index lost at 10.0.0.7');
          },
        },
        sessions: new Sessions({ timeZone: 'Europe/London', campaigns: [], sessions: [], recordings: [] }),
      }),
      clock: fixedClock(new Date('2026-04-13T08:00:00Z')),
      logger: createLogger('silent'),
    });
    const adapter = new TestAdapter((context) => bot.run(context));
    await adapter.processActivity({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'whatsOn.more', data: { text: 'next week', askedAt: '2026-04-13T08:00:00.000Z', offset: 10 } } },
    } as Partial<Activity>);
    const reply = adapter.activeQueue.shift();
    assert.equal(reply?.type, 'invokeResponse');
    const { status, body } = reply!.value as { status: number; body: any };
    assert.equal(status, 500);
    assertValidInvokeResponse(body);
    assert.doesNotMatch(JSON.stringify(body), /10\.0\.0\.7|search index/);
  });
});
