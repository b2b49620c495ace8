/**
 * The reminder cards, each state held to the official templating SDK and to the Adaptive Cards
 * schema, parser and Teams' limits, as every card the bot sends is.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as ACData from 'adaptivecards-templating';
import type { BookingView } from '../../bot/src/bookings/model.js';
import { compileTemplate } from '../../bot/src/teams/cards/template.js';
import { recordingData } from '../../bot/src/teams/cards/notice.js';
import {
  attendanceAnsweredData,
  attendanceData,
  noPlaceData,
  reminderCard,
  reminderData,
  reminderSettingsCard,
  reminderSettingsData,
} from '../../bot/src/teams/cards/reminder.js';
import { assertValidCard, cardActions } from '../support/cards.js';

const template = (name: string): object => JSON.parse(readFileSync(new URL(`../../bot/src/teams/cards/${name}`, import.meta.url), 'utf8'));
const official = (t: object, data: object): unknown => new ACData.Template(t).expand({ $root: data });

const longTitle = 'Stalking and harassment: first response, risk, the victim’s voice and what the law now expects of every officer '.repeat(3);
const view: BookingView = {
  bookingId: 7,
  officerId: 'officer-1',
  status: 'booked',
  invite: 'ics',
  icsUrl: 'https://cpd.example.police.uk/calendar/abc.ics',
  session: {
    id: 'tue',
    title: longTitle,
    startsAt: new Date('2026-05-05T09:00:00Z'),
    endsAt: new Date('2026-05-05T10:00:00Z'),
    joinUrl: 'https://teams.microsoft.com/l/meetup-join/tue',
  },
};
const recording = { id: 'r', sessionId: 'tue', title: 'The recording', url: 'https://knowledgehub.group/r', postedOn: '2026-05-07', sample: false };
const monday = new Date('2026-05-04T08:00:30Z');
const justBefore = new Date('2026-05-05T08:46:00Z');
const after = new Date('2026-05-05T10:05:00Z');

const cases: Array<[string, string, object]> = [
  ['first reminder', 'reminder.json', reminderData(view, monday, { soon: false })],
  ['15 minutes before', 'reminder.json', reminderData(view, justBefore, { soon: true })],
  [
    'reminders stopped from the card',
    'reminder.json',
    reminderData(view, monday, { soon: false, remindersOn: false, status: { text: 'Reminders are off.', color: 'Default' } }),
  ],
  ['no join link', 'reminder.json', reminderData({ ...view, session: { ...view.session, joinUrl: 'javascript:alert(1)' } }, monday, { soon: false })],
  ['no place', 'reminder.json', noPlaceData({ ...view, status: 'waitlisted', position: 3, invite: 'none' }, justBefore)],
  ['did you attend', 'reminder.json', attendanceData(view, after)],
  ['attended', 'reminder.json', attendanceAnsweredData(view.session, { kind: 'attended', minutes: 60 }, after)],
  ['already attended', 'reminder.json', attendanceAnsweredData(view.session, { kind: 'already-attended', minutes: 60 }, after)],
  ['missed, recording to come', 'reminder.json', attendanceAnsweredData(view.session, { kind: 'missed' }, after)],
  ['missed, recording posted', 'reminder.json', attendanceAnsweredData(view.session, { kind: 'missed', recording }, after)],
  ['reminders off', 'reminder-settings.json', reminderSettingsData(false, true)],
  ['reminders already off', 'reminder-settings.json', reminderSettingsData(false, false)],
  ['reminders on', 'reminder-settings.json', reminderSettingsData(true, true)],
];

describe('Reminder cards', () => {
  for (const [what, file, data] of cases) {
    it(`expands ${file} as the official templating SDK does, into a card Teams accepts: ${what}`, () => {
      const t = template(file);
      const card = compileTemplate(t)(data);
      assert.deepEqual(card, official(t, data));
      assertValidCard(file === 'reminder.json' ? reminderCard(data as never) : reminderSettingsCard(data as never), what);
    });
  }

  it('offers Join the session only for a web link, and otherwise says the link will follow', () => {
    const card = reminderCard(cases[3]![2] as never);
    assert.ok(!cardActions(card).some((a) => a.title === 'Join the session'));
    assert.match(JSON.stringify(card), /The link to join isn't out yet: I'll message you when it is/);
  });

  it('puts "Add to my CPD record" under a posted recording, for the session it is of', () => {
    const data = recordingData(view, recording, after);
    assert.deepEqual(data.addToCpd, { verb: 'cpd.addRecording', sessionId: 'tue' });
    const t = template('notice.json');
    assert.deepEqual(compileTemplate(t)(data), official(t, data));
  });
});
