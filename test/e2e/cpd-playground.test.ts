/**
 * The CPD record end to end through the Microsoft 365 Agents Playground: the officer watched a
 * recording and attended a session; "my cpd" lists both with the hours, a reflection is added
 * from the card, and the My CPD view's API, for the same officer, has it.
 */
import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../support/app.js';
import { adaptiveCards, assertValidInvokeResponse, cardActions } from '../support/cards.js';
import { startPlayground, type Playground } from '../support/playground.js';
import type { CpdRecordJson } from '../../bot/src/cpd/wire.js';

const text = (card: unknown) => JSON.stringify(card);

describe('the CPD record in the Microsoft 365 Agents Playground', function () {
  this.timeout(60_000);
  let running: RunningApp;
  let playground: Playground;

  before(async () => {
    // The Thursday after Response policing week: its sessions are over and two recordings posted.
    running = await startApp({ now: '2026-04-23T09:00:00+01:00' });
    playground = await startPlayground({ botEndpoint: `${running.baseUrl}/api/messages` });
    // The officer said Yes to "Did you attend?" after the future-of-response session.
    await running.app.cpd.record({
      officerId: playground.config.currentUser.aadObjectId,
      sessionId: 'rp-2026-future-of-response',
      kind: 'attended',
      minutes: 45,
      at: running.app.clock.now(),
    });
  });
  after(async () => {
    await playground?.stop();
    await running?.stop();
  });

  it('adds a watched recording, lists the record with "my cpd", saves a reflection from the card, and the tab sees it', async () => {
    const me = playground.config.currentUser.aadObjectId;
    // "Add to my CPD record" under the crisis intervention recording, pressed in the personal chat.
    const [anchor] = await playground.ask('my cpd');
    const added = await playground.invoke('cpd.addRecording', { verb: 'cpd.addRecording', sessionId: 'rp-2026-crisis-intervention' }, anchor!.messageId);
    assertValidInvokeResponse(added.body);
    assert.match(text(added.body.value), /Added to your CPD record: recording watched \(43 minutes\)/);

    const [reply] = await playground.ask('show my CPD record');
    const [card] = adaptiveCards(reply!);
    assert.match(text(card), /This year \(2026\)/);
    assert.match(text(card), /1 hour 28 minutes/);
    assert.match(text(card), /First on the scene: crisis intervention/);
    assert.match(text(card), /Recording watched/);
    assert.match(text(card), /The future for response policing/);
    const choice = (card.body as Array<Record<string, any>>).find((e) => e.id === 'entryId')!;
    const entryId = choice.choices.find((c: { title: string }) => /crisis intervention/.test(c.title)).value as string;
    const reflect = cardActions(card).find((a) => a.title === 'Reflect');

    const form = await playground.invoke(reflect.verb, { ...reflect.data, entryId }, reply!.messageId);
    assertValidInvokeResponse(form.body);
    const save = cardActions(form.body.value).find((a) => a.title === 'Save reflection');
    const saved = await playground.invoke(save.verb, { ...save.data, reflection: 'Slow the scene down; use the calm words from the video.' }, reply!.messageId);
    assertValidInvokeResponse(saved.body);
    assert.match(text(saved.body.value), /Saved your reflection on “First on the scene: crisis intervention”/);

    const response = await fetch(`${running.baseUrl}/api/cpd?officer=${me}`);
    const record = (await response.json()) as CpdRecordJson;
    assert.deepEqual(
      record.items.map((e) => [e.sessionId, e.kind, e.minutes, e.reflection]),
      [
        ['rp-2026-crisis-intervention', 'recording', 43, 'Slow the scene down; use the calm words from the video.'],
        ['rp-2026-future-of-response', 'attended', 45, null],
      ],
    );
    assert.equal(record.totals.thisYearMinutes, 88);
  });
});
