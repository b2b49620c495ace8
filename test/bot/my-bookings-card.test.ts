/**
 * "My bookings": each booking has its own buttons (Add to calendar, Cancel booking or Leave the
 * waitlist, Details), a page at a time, every page a valid Teams card under 28 KB.
 */
import assert from 'node:assert/strict';
import type { BookingView } from '../../bot/src/bookings/model.js';
import { MY_BOOKINGS_PAGE, myBookingsCard, myBookingsData } from '../../bot/src/teams/cards/booking.js';
import { actionSetSizes, assertValidCard, cardActions, cardBytes } from '../support/cards.js';

const now = new Date('2026-04-13T09:00:00+01:00');

/** A booking with every text at its longest: a 200-character session id, a long title and .ics link. */
function longest(n: number, overrides: Partial<BookingView> = {}): BookingView {
  const day = new Date(Date.UTC(2026, 4, 1 + n, 9));
  return {
    bookingId: n,
    officerId: 'officer-1',
    status: 'booked',
    invite: 'failed',
    icsUrl: `https://cpd.example.police.uk/calendar/${'a'.repeat(64)}${n}.ics`,
    session: {
      id: `${String(n).padStart(3, '0')}-${'s'.repeat(196)}`,
      title: `Session ${n}: ${'"Quoted" & <escaped> \\ words '.repeat(20)}`,
      startsAt: day,
      endsAt: new Date(day.getTime() + 3_600_000),
    },
    ...overrides,
  };
}

const many = Array.from({ length: 23 }, (_, i) =>
  i % 3 === 1 ? longest(i, { status: 'waitlisted', position: 10_000 + i, invite: 'none', icsUrl: '' }) : longest(i),
);

describe('the "my bookings" card', () => {
  for (const offset of [0, MY_BOOKINGS_PAGE, 2 * MY_BOOKINGS_PAGE]) {
    const card = myBookingsCard(myBookingsData(many, now, 'Cancelled: a session with a long name.', offset));
    it(`page from ${offset + 1} of 23 at their longest: valid Adaptive Card 1.5, under 28 KB (${(cardBytes(card) / 1024).toFixed(1)} KB), at most 6 buttons a set`, () => {
      assertValidCard(card, `my bookings from ${offset}`);
    });
  }

  it('gives each booking its own buttons: Details and Add to calendar (a booked place), then Cancel booking or Leave the waitlist in a row of its own', () => {
    const data = myBookingsData(many.slice(0, 3), now);
    const card = myBookingsCard(data);
    const entries = (card.body as any[]).filter((b) => b.type === 'Container');
    assert.deepEqual(
      entries.map((e) => cardActions(e).map((a) => a.title)),
      [
        ['Details', 'Add to calendar', 'Cancel booking'],
        ['Details', 'Leave the waitlist'],
        ['Details', 'Add to calendar', 'Cancel booking'],
      ],
    );
    const [details, calendar, cancel] = cardActions(entries[0]);
    assert.deepEqual([calendar.type, calendar.url], ['Action.OpenUrl', many[0]!.icsUrl]);
    assert.deepEqual(cancel.data, { verb: 'booking.cancel', sessionId: many[0]!.session.id, from: 'mine' });
    assert.deepEqual(details.data, { verb: 'session.details', sessionId: many[0]!.session.id });
    assert.equal(JSON.stringify(card).includes('Input.ChoiceSet'), false, 'nothing to choose from first');
    assert.deepEqual(actionSetSizes(card), [0, 2, 1, 1, 1, 2, 1], 'two rows a booking, and no paging buttons when all fit');
  });

  it(`shows ${MY_BOOKINGS_PAGE} a page, with Previous and Show more, and a cancel answers with the page it was pressed on`, () => {
    const first = myBookingsCard(myBookingsData(many, now));
    assert.match(JSON.stringify(first), /Showing 1\u201310\./);
    assert.deepEqual(
      (first.actions as any[]).map((a) => [a.title, a.data]),
      [['Show more', { verb: 'booking.mine', offset: 10 }]],
    );
    const middle = myBookingsData(many, now, '', 10);
    assert.deepEqual(
      middle.items.map((i) => i.sessionId),
      many.slice(10, 20).map((v) => v.session.id),
    );
    assert.deepEqual(
      (myBookingsCard(middle).actions as any[]).map((a) => [a.title, a.data]),
      [
        ['Previous 10', { verb: 'booking.mine' }],
        ['Show more', { verb: 'booking.mine', offset: 20 }],
      ],
    );
    assert.deepEqual(middle.items[0]!.cancel, { verb: 'booking.cancel', sessionId: many[10]!.session.id, from: 'mine', offset: 10 });
    const last = myBookingsCard(myBookingsData(many, now, '', 20));
    assert.match(JSON.stringify(last), /Showing 21\u201323\./);
    assert.deepEqual(
      (last.actions as any[]).map((a) => a.title),
      ['Previous 10'],
    );
  });

  it('after the last booking of the last page is cancelled, shows the page before rather than an empty one', () => {
    const data = myBookingsData(many.slice(0, 20), now, 'Cancelled: Session 20.', 20);
    assert.deepEqual(
      data.items.map((i) => i.sessionId),
      many.slice(10, 20).map((v) => v.session.id),
    );
    assert.equal(myBookingsData([], now, '', 30).items.length, 0);
  });
});
