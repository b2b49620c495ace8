/**
 * Reminders and "Did you attend?" through the running app: officers book through /api/messages,
 * then the app is restarted at chosen CLOCK_NOW moments (its clock never moves within a run) and
 * the connector stand-in shows what reached each officer's personal chat.
 */
import assert from 'node:assert/strict';
import { cardActions } from '../support/cards.js';
import { officer, type TestOfficer } from '../organise/support.js';
import { cardsTo, leads, settled, Week, type CatalogSession } from './support.js';

const tue: CatalogSession = {
  id: 'tue',
  title: 'Stalking: first response',
  starts: '2026-05-05T10:00',
  ends: '2026-05-05T11:00',
  joinUrl: 'https://teams.microsoft.com/l/meetup-join/tue',
};
const mon: CatalogSession = {
  id: 'mon',
  title: 'Domestic abuse: the first hour',
  starts: '2026-05-11T10:00',
  ends: '2026-05-11T11:30',
  joinUrl: 'https://teams.microsoft.com/l/meetup-join/mon',
};
const full: CatalogSession = { id: 'full', title: 'Custody: the first 24 hours', starts: '2026-05-06T14:00', ends: '2026-05-06T15:00', capacity: 1 };
const programme = [tue, mon, full];

const MON_0800 = '2026-05-04T08:00:00+01:00';

const REMINDER = /Reminder: |Starts in |Starting now/;

describe('Reminders before a session, at the moments the app clock reaches', function () {
  this.timeout(120_000);
  let week: Week;
  let n = 700;
  let who: TestOfficer;

  beforeEach(async () => {
    week = await Week.open(programme);
    who = officer((n += 1));
  });
  afterEach(async () => week.close());

  const book = (sessionId: string, at = MON_0800, person = who) =>
    week.during(at, async (app) => {
      const body = await app.press(person, 'booking.book', { sessionId });
      assert.equal(body.statusCode, 200);
    });
  /** Starts the app at `at`, lets the outbox finish what that moment makes due, and stops it. */
  const restartAt = (at: string) => week.during(at, (app) => settled(app));

  it('When an officer booked on Monday morning, then they get "tomorrow" at 09:00 Monday, "starts in" before it on Tuesday, and "Did you attend?" after it, each once', async () => {
    await book('tue');
    await restartAt('2026-05-04T08:59:00+01:00');
    assert.deepEqual(leads(week.connector, who), [], 'nothing before 09:00');

    await restartAt('2026-05-04T09:00:30+01:00');
    const [first] = cardsTo(week.connector, who, /Reminder: tomorrow at 10:00/);
    assert.ok(first, 'the day-before reminder');
    const text = JSON.stringify(first);
    assert.match(text, /Stalking: first response/);
    assert.match(text, /Tue 5 May, 10:00\u201311:00/);
    assert.match(text, /UK time/);
    assert.deepEqual(
      cardActions(first).map((a) => a.title),
      ['Join the session', 'Add to calendar', 'Cancel booking', 'Stop reminders'],
    );
    assert.equal(cardActions(first)[0].url, tue.joinUrl);
    assert.match(cardActions(first)[1].url, /^https:\/\/cpd\.example\.police\.uk\/calendar\/[\w-]+\.ics$/);
    assert.deepEqual(cardActions(first)[2].data, { verb: 'booking.cancel', sessionId: 'tue' });

    // Restarted later the same day: the reminder is not sent again.
    await restartAt('2026-05-04T13:00:00+01:00');
    await restartAt('2026-05-05T09:46:00+01:00');
    const [soon] = cardsTo(week.connector, who, /Starts in/);
    assert.match(JSON.stringify(soon), /Starts in 14 minutes, at 10:00/);
    assert.equal(cardActions(soon)[0].title, 'Join the session');

    await restartAt('2026-05-05T11:05:00+01:00');
    await restartAt('2026-05-05T12:00:00+01:00');
    const [asked] = cardsTo(week.connector, who, /Did you attend\?/);
    assert.deepEqual(
      cardActions(asked).map((a) => [a.title, a.data]),
      [
        ['Yes, I attended', { verb: 'attendance.yes', sessionId: 'tue' }],
        ['No', { verb: 'attendance.no', sessionId: 'tue' }],
      ],
    );
    assert.deepEqual(leads(week.connector, who), ['Reminder: tomorrow at 10:00', 'Starts in 14 minutes, at 10:00', 'Did you attend?']);
  });

  it('When an officer books after 09:00 the day before, then the first reminder comes at 09:00 on the day and says "today"', async () => {
    await book('tue', '2026-05-04T15:00:00+01:00');
    await restartAt('2026-05-04T18:00:00+01:00');
    assert.deepEqual(leads(week.connector, who), []);
    await restartAt('2026-05-05T09:00:10+01:00');
    assert.deepEqual(leads(week.connector, who), ['Reminder: today at 10:00']);
  });

  it('When a session is on a Monday, then the first reminder comes on the Friday before and names the day', async () => {
    await book('mon', '2026-05-07T12:00:00+01:00');
    await restartAt('2026-05-08T09:01:00+01:00');
    assert.deepEqual(leads(week.connector, who), ['Reminder: Monday 11 May at 10:00']);
    await restartAt('2026-05-11T09:05:00+01:00');
    assert.deepEqual(leads(week.connector, who), ['Reminder: Monday 11 May at 10:00'], 'not again on the day');
  });

  it('When the app was down through the reminders and starts after the session, then no reminder goes late, only "Did you attend?"', async () => {
    await book('tue');
    await week.during('2026-05-06T09:00:00+01:00', async (app) => {
      await settled(app);
      const [expired] = await app.app.db.query<{ n: number }>("select count(*)::int as n from jobs where last_error like 'expired%'");
      assert.ok((expired?.n ?? 0) >= 3, 'the passed moments were dropped, not run');
    });
    assert.deepEqual(leads(week.connector, who), ['Did you attend?']);
  });

  it('When an officer cancels their place, then no reminder and no "Did you attend?" reaches them', async () => {
    await week.during(MON_0800, async (app) => {
      await app.press(who, 'booking.book', { sessionId: 'tue' });
      await app.press(who, 'booking.cancel', { sessionId: 'tue' });
    });
    for (const at of ['2026-05-04T09:01:00+01:00', '2026-05-05T09:46:00+01:00', '2026-05-05T11:05:00+01:00']) await restartAt(at);
    assert.deepEqual(leads(week.connector, who), []);
  });

  it('When the session is taken out of the programme, then its booked officers get the cancellation notice and no reminder', async () => {
    await book('tue');
    week.writeCatalog([mon, full]);
    await restartAt('2026-05-04T08:30:00+01:00');
    for (const at of ['2026-05-04T09:01:00+01:00', '2026-05-05T09:46:00+01:00', '2026-05-05T11:05:00+01:00']) await restartAt(at);
    assert.deepEqual(leads(week.connector, who), ['This session has been cancelled']);
  });

  it('When the session moves to Wednesday, then the reminders come for the new time only', async () => {
    await book('tue');
    week.writeCatalog([{ ...tue, starts: '2026-05-06T10:00', ends: '2026-05-06T11:00' }, mon, full]);
    await restartAt('2026-05-04T08:30:00+01:00');
    assert.deepEqual(leads(week.connector, who), ['This session has moved']);
    await restartAt('2026-05-04T09:01:00+01:00');
    await restartAt('2026-05-05T09:01:00+01:00');
    await restartAt('2026-05-05T09:46:00+01:00');
    await restartAt('2026-05-05T11:05:00+01:00');
    await restartAt('2026-05-06T09:47:00+01:00');
    assert.deepEqual(leads(week.connector, who), ['This session has moved', 'Reminder: tomorrow at 10:00', 'Starts in 13 minutes, at 10:00']);
    assert.match(JSON.stringify(cardsTo(week.connector, who, /Reminder: tomorrow/)[0]), /Wed 6 May, 10:00\u201311:00/);
  });

  it('When an officer is still on the waitlist at the start, then they are told they did not get a place and that the recording will follow', async () => {
    const booked = officer((n += 1));
    await book('full', MON_0800, booked);
    await book('full', MON_0800, who);
    await restartAt('2026-05-06T14:01:00+01:00');
    const [told] = cardsTo(week.connector, who, /didn't get a place/);
    assert.match(JSON.stringify(told), /still on the waitlist \(number 1\)[^"]*The recording will follow/);
    assert.deepEqual(leads(week.connector, who), ["You didn't get a place"]);
    assert.deepEqual(leads(week.connector, booked), [], 'the booked officer is not told that');
  });
});

describe('Stopping and starting reminders', function () {
  this.timeout(120_000);
  let week: Week;
  let n = 800;
  let who: TestOfficer;

  beforeEach(async () => {
    week = await Week.open(programme);
    who = officer((n += 1));
    await week.during(MON_0800, (app) => app.press(who, 'booking.book', { sessionId: 'tue' }));
  });
  afterEach(async () => week.close());

  it('When an officer types "stop reminders", then no reminder comes until they type "start reminders"', async () => {
    await week.during('2026-05-04T08:10:00+01:00', (app) => app.say(who, 'stop reminders'));
    const [off] = cardsTo(week.connector, who, /Reminders are off/);
    assert.deepEqual(
      cardActions(off).map((a) => a.title),
      ['Start reminders'],
    );
    await week.during('2026-05-04T09:01:00+01:00', async (app) => {
      await settled(app);
      assert.equal(cardsTo(week.connector, who, REMINDER).length, 0, 'no reminder while stopped');
      await app.say(who, 'Start reminders please');
    });
    assert.equal(cardsTo(week.connector, who, /Reminders are on again/).length, 1);
    await week.during('2026-05-05T09:46:00+01:00', (app) => settled(app));
    assert.deepEqual(
      cardsTo(week.connector, who, REMINDER).map((c) => c.body[0].text),
      ['Starts in 14 minutes, at 10:00'],
    );
  });

  it('When an officer presses Stop reminders on a reminder, then the card keeps the session and its link, and later reminders stop (but not "Did you attend?")', async () => {
    const card = await week.during('2026-05-04T09:00:30+01:00', async (app) => {
      await settled(app);
      const [reminder] = cardsTo(week.connector, who, /Reminder: tomorrow/);
      const stop = cardActions(reminder).find((a) => a.title === 'Stop reminders');
      return (await app.press(who, stop.verb, stop.data)).value;
    });
    const text = JSON.stringify(card);
    assert.match(text, /Reminder: tomorrow at 10:00/);
    assert.match(text, /Reminders are off/);
    assert.deepEqual(
      cardActions(card).map((a) => a.title),
      ['Join the session', 'Add to calendar', 'Cancel booking', 'Start reminders'],
    );
    await week.during('2026-05-05T09:46:00+01:00', (app) => settled(app));
    await week.during('2026-05-05T11:05:00+01:00', (app) => settled(app));
    assert.deepEqual(leads(week.connector, who), ['Reminder: tomorrow at 10:00', 'Did you attend?']);
  });

  it('When an officer types "stop reminders" twice, then the second answer says they already are', async () => {
    await week.during(MON_0800, async (app) => {
      await app.say(who, 'stop reminders');
      await app.say(who, 'turn off my reminders');
    });
    assert.deepEqual(leads(week.connector, who), ['Reminders are off', 'Reminders are already off']);
  });
});

describe('"Did you attend?" and the recording afterwards', function () {
  this.timeout(120_000);
  let week: Week;
  const yes = officer(901);
  const no = officer(902);
  const silent = officer(903);

  before(async () => {
    week = await Week.open(programme);
    await week.during(MON_0800, async (app) => {
      for (const who of [yes, no, silent]) await app.press(who, 'booking.book', { sessionId: 'tue' });
      const early = await app.press(no, 'attendance.no', { sessionId: 'tue' });
      assert.match(JSON.stringify(early), /hasn't finished yet/);
    });
  });
  after(async () => week.close());

  it('When an officer answers Yes, then the session goes into their CPD record with its length', async () => {
    const answer = await week.during('2026-05-05T11:05:00+01:00', async (app) => {
      await settled(app);
      for (const who of [yes, no, silent]) assert.equal(cardsTo(week.connector, who, /Did you attend\?/).length, 1);
      return app.press(yes, 'attendance.yes', { sessionId: 'tue' });
    });
    assert.match(JSON.stringify(answer.value), /Added to your CPD record[^]*Attended: 60 minutes/);
    const rows = await week.database.db.query<{ officer_id: string; kind: string; minutes: number }>(
      "select officer_id, kind, minutes from cpd_entries where session_id = 'tue'",
    );
    assert.deepEqual(rows, [{ officer_id: yes.aadObjectId, kind: 'attended', minutes: 60 }]);
  });

  it('When an officer answers No, then they are told the recording will come, and a later No after a Yes keeps the record', async () => {
    await week.during('2026-05-05T12:00:00+01:00', async (app) => {
      const answer = await app.press(no, 'attendance.no', { sessionId: 'tue' });
      assert.match(JSON.stringify(answer.value), /I'll send you the recording when it's posted/);
      assert.equal(cardActions(answer.value).length, 0, 'nothing to watch yet');
      const changed = await app.press(yes, 'attendance.no', { sessionId: 'tue' });
      assert.match(JSON.stringify(changed.value), /It's in your CPD record/);
    });
    const [row] = await week.database.db.query<{ n: number }>("select count(*)::int as n from cpd_entries where session_id = 'tue'");
    assert.equal(row?.n, 1);
  });

  it('When the recording is posted, then those who said No or did not answer are offered it with "Add to my CPD record", and those who said Yes are not', async () => {
    week.writeCatalog(programme, [
      { id: 'rec-tue', session: 'tue', title: 'Stalking: first response (recording)', url: 'https://knowledgehub.group/web/stalking', postedAt: '2026-05-07' },
    ]);
    await week.during('2026-05-06T10:00:00+01:00', (app) => settled(app));
    for (const who of [yes, no, silent]) assert.equal(cardsTo(week.connector, who, /The recording is posted/).length, 0, 'not before its posting day');
    await week.during('2026-05-07T08:00:00+01:00', (app) => settled(app));
    for (const who of [no, silent]) {
      const [nudge] = cardsTo(week.connector, who, /The recording is posted/);
      assert.ok(nudge, `${who.name} is nudged`);
      const add = cardActions(nudge).find((a) => a.title === 'Add to my CPD record');
      assert.deepEqual(add?.data, { verb: 'cpd.addRecording', sessionId: 'tue' });
      assert.equal(cardActions(nudge).find((a) => a.title === 'Watch on Knowledge Hub')?.url, 'https://knowledgehub.group/web/stalking');
    }
    assert.equal(cardsTo(week.connector, yes, /The recording is posted/).length, 0, 'who attended is not nudged');

    // After watching, the button on the nudge puts it into the record as a recording watched.
    const [nudge] = cardsTo(week.connector, no, /The recording is posted/);
    const add = cardActions(nudge).find((a) => a.title === 'Add to my CPD record');
    const added = await week.during('2026-05-07T20:00:00+01:00', (app) => app.press(no, add.verb, add.data));
    assert.match(JSON.stringify(added.value), /Added to your CPD record: recording watched/);
    const rows = await week.database.db.query<{ officer_id: string; kind: string }>(
      "select officer_id, kind from cpd_entries where session_id = 'tue' order by id",
    );
    assert.deepEqual(rows, [
      { officer_id: yes.aadObjectId, kind: 'attended' },
      { officer_id: no.aadObjectId, kind: 'recording' },
    ]);
  });

  it('When an officer answers No after the recording is posted, then the answer offers it at once', async () => {
    const answer = await week.during('2026-05-07T09:00:00+01:00', (app) => app.press(silent, 'attendance.no', { sessionId: 'tue' }));
    assert.deepEqual(
      cardActions(answer.value).map((a) => a.title),
      ['Watch the recording', 'Add to my CPD record'],
    );
  });
});
