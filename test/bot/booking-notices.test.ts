import assert from 'node:assert/strict';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { fixedClock } from '../../bot/src/clock.js';
import type { BookingView } from '../../bot/src/bookings/model.js';
import { teamsNotifier } from '../../bot/src/teams/notifier.js';
import { FakeConnector } from '../fakes/connector.js';
import { adaptiveCards, assertValidCard, cardActions } from '../support/cards.js';

const booking: BookingView = {
  bookingId: 7,
  officerId: 'aad-officer-1',
  status: 'booked',
  session: {
    id: 'one-place',
    title: 'Stop and search: getting it right',
    startsAt: new Date('2026-05-05T09:00:00Z'),
    endsAt: new Date('2026-05-05T10:00:00Z'),
  },
  invite: 'failed',
  icsUrl: 'https://cpd.example.police.uk/calendar/abcdefghijklmnopqrstuv.ics',
};

describe('messages to an officer outside a conversation turn (proactive, through the connector)', () => {
  let connector: FakeConnector;
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const notifier = teamsNotifier({ adapter: () => adapter, botAppId: '', clock: fixedClock(new Date('2026-04-13T08:00:00Z')) });
  const reference = () => ({
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    conversation: { id: 'a:personal-notices', conversationType: 'personal', tenantId: 'tenant-1' },
    bot: { id: '28:cpd-bot', name: 'CPD sessions' },
    user: { id: '29:officer-1', aadObjectId: 'aad-officer-1' },
  });

  beforeEach(async () => {
    connector = await new FakeConnector().start();
  });
  afterEach(async () => connector.stop());

  it('When Graph gave up on an invite, then the officer is told in their chat and given the .ics link', async () => {
    await notifier.inviteFailed({ officerId: booking.officerId, reference: reference(), booking, icsUrl: booking.icsUrl! });
    const [sent] = connector.to('a:personal-notices');
    const [card] = adaptiveCards(sent!.activity);
    assertValidCard(card);
    assert.match(
      JSON.stringify(card),
      /We couldn't add Stop and search: getting it right to your Outlook calendar; use this link instead: \[Add to calendar\]\(https:\/\/cpd\.example\.police\.uk\/calendar\/abcdefghijklmnopqrstuv\.ics\)/,
    );
    assert.equal(cardActions(card).find((a) => a.title === 'Add to calendar')?.url, booking.icsUrl);
    assert.match(sent!.activity.summary, /couldn't add/, 'a plain-text summary for notifications');
  });

  it('When a waitlisted officer is promoted, then the message says so with the UK time, Add to calendar and Cancel', async () => {
    await notifier.promoted({ officerId: booking.officerId, reference: reference(), booking: { ...booking, invite: 'pending' } });
    const [card] = adaptiveCards(connector.to('a:personal-notices')[0]!.activity);
    assertValidCard(card);
    assert.match(JSON.stringify(card), /Good news: a place came up and you're booked on Stop and search: getting it right \(Tue 5 May, 10:00\u201311:00\)/);
    assert.deepEqual(
      cardActions(card).map((a) => a.title),
      ['Add to calendar', 'Cancel booking', 'My bookings'],
    );
  });

  it('When the connector cannot be reached, then the notice fails, so the outbox tries it again', async () => {
    const unreachable = { ...reference(), serviceUrl: connector.serviceUrl };
    await connector.stop();
    await assert.rejects(notifier.promoted({ officerId: booking.officerId, reference: unreachable, booking }));
    connector = await new FakeConnector().start();
  });
});
