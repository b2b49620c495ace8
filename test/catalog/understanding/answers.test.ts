import assert from 'node:assert/strict';
import type { Catalog, Session } from '../../../bot/src/catalog/model.js';
import { createWhatsOn } from '../../../bot/src/catalog/understanding/index.js';
import type { WhatsOnAnswer } from '../../../bot/src/catalog/whats-on.js';
import { demoCatalog, london, titles } from './helpers.js';

/** A session on a London wall-clock day and hour, one hour long. */
function session(id: string, title: string, at: string, extra: Partial<Session> = {}): Session {
  const startsAt = london(at);
  return { id, title, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), presenters: [], topics: [], ...extra };
}

/** A small catalog of my own: a week of action and sessions that share common words. */
function catalog(): Catalog {
  const sessions: Session[] = [
    session('protest', 'Policing protests lawfully', '2026-09-07T10:00', {
      campaignId: 'order',
      description: 'Public order powers at protests.',
      topics: ['protest'],
    }),
    session('trust', 'Building public trust', '2026-09-08T10:00', { description: 'How the public see the police.', topics: ['public confidence'] }),
    session('space', 'Public space CCTV', '2026-09-09T10:00', { description: 'Cameras in public places.', topics: ['cctv'] }),
    session('order-data', 'Data for public order commanders', '2026-09-10T14:00', { campaignId: 'order', topics: ['data'] }),
    session('dogs', 'Dog handling', '2026-09-11T14:00', { presenters: [{ name: 'PC Dana Reyes', organisation: 'Kent Police' }], topics: ['dogs'] }),
  ];
  for (let i = 0; i < 23; i++) {
    sessions.push(
      session(`w${i}`, `Wellbeing drop-in ${i + 1}`, `2026-09-${String(14 + (i % 5)).padStart(2, '0')}T${String(8 + Math.floor(i / 5)).padStart(2, '0')}:00`, {
        topics: ['wellbeing'],
      }),
    );
  }
  return {
    timeZone: 'Europe/London',
    campaigns: [
      { id: 'order', title: 'Public order week of action 2026', aliases: ['order week', '#PublicOrder'], startsOn: '2026-09-07', endsOn: '2026-09-13' },
    ],
    sessions,
    recordings: [{ id: 'r1', sessionId: 'protest', title: 'Protests (recording)', url: 'https://example.invalid/r1', postedOn: '2026-09-12', sample: false }],
  };
}

const ASKED = london('2026-09-01T09:00');

function sessions(a: WhatsOnAnswer) {
  assert.equal(a.kind, 'sessions', `expected sessions, got ${a.kind}`);
  return a as Extract<WhatsOnAnswer, { kind: 'sessions' }>;
}

describe("what's on: answers", () => {
  const whatsOn = createWhatsOn(catalog());

  it('does not let a common word in a synonym match every session that uses it', () => {
    const a = sessions(whatsOn.answer({ text: 'protests', askedAt: ASKED }));
    assert.deepEqual(a.sessions.map((m) => m.session.id).sort(), ['order-data', 'protest']);
  });

  it('requires every topic word of a short question', () => {
    const a = sessions(whatsOn.answer({ text: 'public cctv', askedAt: ASKED }));
    assert.deepEqual(
      a.sessions.map((m) => m.session.id),
      ['space'],
    );
  });

  it('keeps only the named campaign when a campaign is named with a topic', () => {
    const a = sessions(whatsOn.answer({ text: 'data in order week', askedAt: ASKED }));
    assert.deepEqual(
      a.sessions.map((m) => m.session.id),
      ['order-data'],
    );
    assert.deepEqual(a.query.campaignIds, ['order']);
    assert.deepEqual(a.query.terms, ['data']);
  });

  it('names a campaign on its own by its title', () => {
    const a = sessions(whatsOn.answer({ text: '#PublicOrder', askedAt: ASKED }));
    assert.equal(a.heading, 'Public order week of action 2026');
    assert.deepEqual(
      a.sessions.map((m) => m.session.id),
      ['protest', 'order-data'],
    );
  });

  it('pages through upcoming sessions ten at a time in start order, with the total', () => {
    const first = sessions(whatsOn.answer({ text: "what's on", askedAt: ASKED }));
    assert.equal(first.total, 28);
    assert.equal(first.offset, 0);
    assert.equal(first.sessions.length, 10);
    const third = sessions(whatsOn.answer({ text: "what's on", askedAt: ASKED, offset: 20 }));
    assert.equal(third.sessions.length, 8);
    const starts = [...first.sessions, ...third.sessions].map((m) => m.session.startsAt.getTime());
    assert.deepEqual(
      starts,
      [...starts].sort((x, y) => x - y),
    );
    const small = sessions(whatsOn.answer({ text: 'wellbeing', askedAt: ASKED, pageSize: 5, offset: 5 }));
    assert.equal(small.total, 23);
    assert.deepEqual(
      small.sessions.map((m) => m.session.title),
      ['Wellbeing drop-in 2', 'Wellbeing drop-in 7', 'Wellbeing drop-in 12', 'Wellbeing drop-in 17', 'Wellbeing drop-in 22'],
    );
  });

  it('answers the past most recent first, each with its recording once posted', () => {
    const before = sessions(whatsOn.answer({ text: 'recordings of protests', askedAt: london('2026-09-11T09:00') }));
    assert.equal(before.query.tense, 'past');
    assert.deepEqual(
      before.sessions.map((m) => m.session.id),
      ['order-data', 'protest'],
    );
    assert.equal(before.sessions[1]!.recording, undefined, 'not posted until 12 September');
    const after = sessions(whatsOn.answer({ text: 'recordings of protests', askedAt: london('2026-09-20T09:00') }));
    assert.equal(after.sessions.find((m) => m.session.id === 'protest')!.recording?.id, 'r1');
  });

  it('answers a named day in the past as past without past-tense words', () => {
    const a = sessions(whatsOn.answer({ text: 'Monday 7 September', askedAt: london('2026-09-20T09:00') }));
    assert.equal(a.query.tense, 'past');
    assert.deepEqual(
      a.sessions.map((m) => m.session.id),
      ['protest'],
    );
  });

  it('shows only what is still to come of a week already under way', () => {
    const a = sessions(whatsOn.answer({ text: 'this week', askedAt: london('2026-09-09T12:00') }));
    assert.deepEqual(
      a.sessions.map((m) => m.session.id),
      ['order-data', 'dogs'],
    );
  });

  it('finds a presenter by surname and an organisation without its "Police"', () => {
    assert.deepEqual(titles(whatsOn.answer({ text: 'anything by Reyes', askedAt: ASKED })), ['Dog handling']);
    const byForce = sessions(whatsOn.answer({ text: 'anything from Kent', askedAt: ASKED }));
    assert.deepEqual(byForce.query.organisations, ['Kent Police']);
    assert.equal(byForce.heading, 'Sessions from Kent Police');
  });

  it('says plainly when nothing is on and offers the sessions nearest in time', () => {
    const a = whatsOn.answer({ text: 'anything on Saturday 12 September?', askedAt: ASKED });
    assert.equal(a.kind, 'nothing');
    if (a.kind !== 'nothing') return;
    assert.equal(a.explanation, 'There are no sessions on Saturday 12 September.');
    assert.equal(a.heading, 'Sessions on Saturday 12 September');
    assert.deepEqual(a.nearest.map((m) => m.session.id).sort(), ['dogs', 'order-data', 'w0'].sort());
  });

  it('offers the nearest matching sessions when a topic is not on at the time asked', () => {
    const a = whatsOn.answer({ text: 'dogs this week', askedAt: london('2026-09-01T09:00') });
    assert.equal(a.kind, 'nothing');
    if (a.kind !== 'nothing') return;
    assert.equal(a.explanation, 'There are no sessions about dogs this week (31 August – 6 September).');
    assert.deepEqual(
      a.nearest.map((m) => m.session.id),
      ['dogs'],
    );
  });

  it('offers what is coming up when the subject is unknown', () => {
    const a = whatsOn.answer({ text: 'anything on drones?', askedAt: ASKED });
    assert.equal(a.kind, 'nothing');
    if (a.kind !== 'nothing') return;
    assert.equal(a.explanation, 'There are no upcoming sessions about drones.');
    assert.equal(a.nearest.length, 3);
    assert.equal(a.nearest[0]!.session.id, 'protest');
  });

  it('does not understand messages that are not about sessions', () => {
    for (const text of ['hello', 'asdfgh', "what's the weather", 'thanks!', '']) {
      assert.equal(whatsOn.answer({ text, askedAt: ASKED }).kind, 'not-understood', text);
    }
  });

  it('reads an @mention left in a channel message as nothing', () => {
    const a = sessions(whatsOn.answer({ text: '<at>CPD bot</at> protests', askedAt: ASKED }));
    assert.equal(a.sessions.length, 2);
  });

  it('gives headings in plain English', () => {
    const head = (text: string, at = ASKED) => (whatsOn.answer({ text, askedAt: at }) as { heading?: string }).heading;
    assert.equal(head('what is on next week'), 'Sessions next week (7–13 September)');
    assert.equal(head('wellbeing'), 'Sessions about wellbeing');
    assert.equal(head("what's on Friday 11 September"), 'Sessions on Friday 11 September');
    assert.equal(head("what's coming up"), 'Upcoming sessions');
    assert.equal(head('what was on', london('2026-09-30T09:00')), 'Past sessions');
  });
});

describe("what's on: the demo catalog's answers", () => {
  it('heads a week and a topic as the officer would say them', async () => {
    const whatsOn = createWhatsOn(await demoCatalog());
    const at = london('2026-04-13T09:00');
    assert.equal((whatsOn.answer({ text: 'next week', askedAt: at }) as { heading: string }).heading, 'Sessions next week (20–26 April)');
    assert.equal((whatsOn.answer({ text: 'facial recognition', askedAt: at }) as { heading: string }).heading, 'Sessions about facial recognition');
    assert.equal((whatsOn.answer({ text: 'response week', askedAt: at }) as { heading: string }).heading, 'Response policing week of action 2026');
  });
});
