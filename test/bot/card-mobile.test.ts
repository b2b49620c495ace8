/**
 * The cards an officer pages through on a phone, drawn 360px wide by the official renderer with
 * Teams' light and dark host configs in headless Chromium: nothing is wider than the card, no
 * row of buttons runs past its edge, and no button's title is cut short. A screenshot of each is
 * kept in test-results/ for people to look at.
 */
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import type { BookingView } from '../../bot/src/bookings/model.js';
import { myBookingsCard, myBookingsData } from '../../bot/src/teams/cards/booking.js';
import { sessionDetailsCard, sessionDetailsData } from '../../bot/src/teams/cards/session-details.js';
import { PAGE_SIZE, sessionListCard, sessionListData } from '../../bot/src/teams/cards/session-list.js';
import { artifactPath, launchBrowser } from '../support/browser.js';
import { cardPage, drawCard } from '../support/card-page.js';
import { teamsThemes } from '../support/contrast.js';
import { campaign, recording, session, sessionsAnswer, worstCaseMatches } from './sample-answers.js';

const PHONE = 360;
const now = new Date('2026-04-13T09:00:00+01:00');
const question = { text: 'what is on in response policing week?', askedAt: now.toISOString() };
const [light, dark] = teamsThemes();

/** A page of the list as the demo catalog gives it: upcoming sessions, and past ones with recordings. */
const listed = [
  {
    session: session({
      id: 'past-1',
      title: 'Using data to power trusted and effective response policing',
      startsAt: new Date('2026-04-01T10:00:00Z'),
      endsAt: new Date('2026-04-01T10:45:00Z'),
    }),
    campaign,
    recording: recording('past-1'),
  },
  {
    session: session({
      id: 'past-2',
      title: 'The future for response policing',
      startsAt: new Date('2026-04-02T13:00:00Z'),
      endsAt: new Date('2026-04-02T13:45:00Z'),
    }),
    campaign,
  },
  { session: session(), campaign },
  {
    session: session({
      id: 'dogs',
      title: 'First on the scene: dangerous dogs',
      capacity: 1,
      startsAt: new Date('2026-04-24T13:00:00Z'),
      endsAt: new Date('2026-04-24T13:45:00Z'),
    }),
    campaign,
  },
  {
    session: session({
      id: 'protests',
      title: 'First on the scene: unplanned protests and auditors',
      startsAt: new Date('2026-04-23T13:00:00Z'),
      endsAt: new Date('2026-04-23T13:45:00Z'),
    }),
    campaign,
  },
];

function booking(overrides: Partial<BookingView> & { title: string; day: number }): BookingView {
  const { title, day, ...rest } = overrides;
  const startsAt = new Date(Date.UTC(2026, 3, day, 13));
  return {
    bookingId: day,
    officerId: 'officer-1',
    status: 'booked',
    invite: 'sent',
    icsUrl: `https://cpd.example.police.uk/calendar/${'c'.repeat(40)}${day}.ics`,
    session: { id: `s-${day}`, title, startsAt, endsAt: new Date(startsAt.getTime() + 45 * 60_000) },
    ...rest,
  };
}

const cards: Array<[string, object]> = [
  ['list-card', sessionListCard(sessionListData(sessionsAnswer(listed, 12, PAGE_SIZE), question, now, new Map([['dogs', { booked: 1, waitlisted: 2 }]])))],
  ['list-card-longest', sessionListCard(sessionListData(sessionsAnswer(worstCaseMatches(PAGE_SIZE), 35, PAGE_SIZE), question, now))],
  ['session-details', sessionDetailsCard(sessionDetailsData(listed[2]!, now, { ...question, offset: 5 }, { booked: 12, waitlisted: 0 }))],
  ['session-details-recording', sessionDetailsCard(sessionDetailsData(listed[0]!, now, { ...question, offset: 5 }))],
  [
    'my-bookings',
    myBookingsCard(
      myBookingsData(
        [
          booking({ title: 'First on the scene: crisis intervention', day: 21 }),
          booking({ title: 'First on the scene: dangerous dogs', day: 24, status: 'waitlisted', position: 2, invite: 'none', icsUrl: '' }),
          booking({ title: 'First on the scene: unplanned protests and auditors', day: 23, invite: 'failed' }),
        ],
        now,
        'Cancelled: The future for response policing.',
      ),
    ),
  ],
];

describe(`cards on a phone, ${PHONE}px wide, drawn by the official renderer in Chromium`, function () {
  this.timeout(60_000);
  let browser: { browser: BrowserContext; close(): Promise<void> };
  let page: Page;

  before(async () => {
    browser = await launchBrowser();
    page = await browser.browser.newPage();
    await cardPage(page, PHONE);
  });
  after(async () => {
    await browser?.close();
  });

  for (const [name, card] of cards) {
    for (const theme of [light!, dark!]) {
      it(`${name} in ${theme.name}: nothing wider than the card, every row of buttons fits, no title cut short`, async () => {
        const layout = await drawCard(page, card, theme.config);
        assert.equal(Math.round(layout.width), PHONE);
        assert.deepEqual(layout.overflowing, [], 'nothing runs past the card');
        assert.deepEqual(layout.truncated, [], 'every button shows its whole title');
        assert.ok(layout.actionSets.flat().length > 0, 'the card has its buttons');
        await page.locator('#card').screenshot({ path: artifactPath(`mobile-${name}-${theme.name === light!.name ? 'light' : 'dark'}.png`) });
      });
    }
  }

  it('finds a row of buttons too wide for a phone: the check can fail', async () => {
    const crowded = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'Six buttons in one row' }],
      actions: ['Book a place', 'Watch the recording', 'Details', 'Add to calendar', 'Cancel booking', 'Show more'].map((title) => ({
        type: 'Action.Execute',
        title,
        verb: 'x',
      })),
    };
    const layout = await drawCard(page, crowded, light!.config);
    assert.ok(layout.overflowing.length + layout.truncated.length > 0, JSON.stringify(layout));
  });
});
