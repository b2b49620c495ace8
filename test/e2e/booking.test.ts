/**
 * Booking end to end through the Microsoft 365 Agents Playground: the officer is the
 * playground's current user, the button press is the Action.Execute the playground sends.
 */
import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../support/app.js';
import { adaptiveCards, assertValidCard, assertValidInvokeResponse, cardActions } from '../support/cards.js';
import { startPlayground, type Playground } from '../support/playground.js';

const CARD = 'application/vnd.microsoft.card.adaptive';

describe('booking a place in the Microsoft 365 Agents Playground', function () {
  this.timeout(60_000);
  let running: RunningApp;
  let playground: Playground;

  before(async () => {
    running = await startApp({ now: '2026-04-13T09:00:00+01:00', env: { PUBLIC_BASE_URL: 'https://cpd.example.police.uk' } });
    playground = await startPlayground({ botEndpoint: `${running.baseUrl}/api/messages` });
  });
  after(async () => {
    await playground?.stop();
    await running?.stop();
  });

  it('books the dangerous dogs session from the list, says "already booked" on a second press, and lists it in "my bookings"', async () => {
    const [reply] = await playground.ask('when is the dangerous dogs session');
    const [list] = adaptiveCards(reply as any);
    assertValidCard(list);
    const book = cardActions(list).find((a) => a.title === 'Book a place');
    assert.deepEqual(book?.data, { verb: 'booking.book', sessionId: 'rp-2026-dangerous-dogs' }, "the session's own Book a place");

    // As the playground sends it: the button's data.
    const first = await playground.invoke(book.verb, book.data, reply!.messageId);
    assert.equal(first.status, 200);
    assertValidInvokeResponse(first.body);
    assert.equal(first.body.type, CARD);
    assert.equal(first.shown.type, CARD, 'the playground draws the booked card in place of the list');
    const booked = JSON.stringify(first.body.value);
    assert.match(booked, /\u2713 You're booked/);
    assert.match(booked, /First on the scene: dangerous dogs/);
    assert.match(booked, /Fri 24 April/);
    const addToCalendar = cardActions(first.body.value).find((a) => a.title === 'Add to calendar');
    assert.match(addToCalendar.url, /^https:\/\/cpd\.example\.police\.uk\/calendar\/[\w-]+\.ics$/);

    const second = await playground.invoke(book.verb, book.data, reply!.messageId);
    assertValidInvokeResponse(second.body);
    assert.match(JSON.stringify(second.body.value), /You're already booked/);

    // The officer is the playground's current user, from the activity.
    const officer = { aadObjectId: playground.config.currentUser.aadObjectId };
    const held = await running.app.bookings.myBookings(officer);
    assert.deepEqual(
      held.map((b) => [b.session.id, b.status]),
      [['rp-2026-dangerous-dogs', 'booked']],
    );

    const [mine] = await playground.ask('my bookings');
    const [card] = adaptiveCards(mine as any);
    assertValidCard(card);
    const text = JSON.stringify(card);
    assert.match(text, /Your bookings/);
    assert.match(text, /First on the scene: dangerous dogs[^]*Booked \u2713/);
    assert.ok(
      cardActions(card).some((a) => a.title === 'Add to calendar' && /\.ics$/.test(a.url)),
      'Add to calendar opens the .ics',
    );
    assert.ok(cardActions(card).some((a) => a.title === 'Cancel booking'));
  });
});
