/**
 * Questions written the way officers type them (slang, typos, shorthand, long-winded), against the
 * demo catalog, at moments around the two weeks of action. Each names sessions by a fragment of
 * their title: `expect` must all be listed, `forbid` must not be; `none` means a "nothing" answer;
 * `not` means "not understood".
 */
import assert from 'node:assert/strict';
import { createWhatsOn } from '../../../bot/src/catalog/understanding/index.js';
import type { WhatsOn } from '../../../bot/src/catalog/whats-on.js';
import { demoCatalog, lists, london, titles } from './helpers.js';

interface Question {
  now: string;
  ask: string;
  expect?: string[];
  forbid?: string[];
  none?: boolean;
  not?: boolean;
  /** Every listed session must carry its recording. */
  recordings?: boolean;
}

// Short names for the demo sessions.
const FUTURE = 'future for response';
const CRISIS = 'crisis intervention';
const DATA = 'Using data';
const PROTESTS = 'unplanned protests';
const DOGS = 'dangerous dogs';
const TRAUMA = 'trauma tracking';
const FACES = 'Faces in our communities';
const LEADERSHIP = 'leadership development';
const RESPONSE_WEEK = [FUTURE, CRISIS, DATA, PROTESTS, DOGS];
const NEIGHBOURHOOD_WEEK = [TRAUMA, FACES, LEADERSHIP];

const BEFORE = '2026-04-13T09:00'; // Monday, the week before response policing week
const MIDWEEK = '2026-04-22T09:30'; // Wednesday of response policing week
const AFTER = '2026-05-01T12:00'; // Friday after it, recordings posted
const JUNE = '2026-06-17T08:15'; // Wednesday of neighbourhood policing week
const LATE = '2026-07-10T10:00'; // after both weeks

const QUESTIONS: Question[] = [
  // Time, as officers write it
  { now: BEFORE, ask: 'wots on nxt wk?', expect: RESPONSE_WEEK, forbid: NEIGHBOURHOOD_WEEK },
  { now: BEFORE, ask: 'Anything happening the week after next?', none: true },
  { now: BEFORE, ask: 'what have we got on Tues 21st April', expect: [CRISIS], forbid: [FUTURE, DATA] },
  { now: BEFORE, ask: 'anything on 24/04 pls', expect: [DOGS], forbid: [PROTESTS] },
  { now: BEFORE, ask: 'Is there anything on the 23rd?', expect: [PROTESTS], forbid: [DOGS] },
  { now: BEFORE, ask: 'anything on the 25th?', none: true },
  { now: '2026-04-20T08:00', ask: 'anything on the 23rd?', expect: [PROTESTS], forbid: [DOGS, CRISIS] },
  { now: BEFORE, ask: 'whats on between 21 and 23 april', expect: [CRISIS, DATA, PROTESTS], forbid: [FUTURE, DOGS] },
  { now: BEFORE, ask: 'sessions from 22nd to 24th April?', expect: [DATA, PROTESTS, DOGS], forbid: [FUTURE, CRISIS] },
  { now: '2026-04-16T17:00', ask: 'anything from monday to weds', expect: [FUTURE, CRISIS, DATA], forbid: [PROTESTS] },
  { now: BEFORE, ask: 'morning sessions next week?', expect: [DATA], forbid: [FUTURE, CRISIS, PROTESTS, DOGS] },
  { now: BEFORE, ask: 'any afternoon sessions next week', expect: [FUTURE, CRISIS, PROTESTS, DOGS], forbid: [DATA] },
  { now: BEFORE, ask: "what's on friday next week", expect: [DOGS], forbid: [PROTESTS, DATA] },
  { now: '2026-04-17T10:00', ask: 'anything next Friday?', expect: [DOGS], forbid: [PROTESTS] },
  { now: '2026-04-21T14:20', ask: "what's on right now", expect: [CRISIS], forbid: [FUTURE, DATA] },
  { now: '2026-04-21T15:30', ask: 'anything on now?', none: true },
  { now: '2026-04-23T09:00', ask: 'anything later today?', expect: [PROTESTS], forbid: [DATA, DOGS] },
  { now: '2026-04-23T09:00', ask: 'anything this afternoon', expect: [PROTESTS], forbid: [DOGS] },
  { now: '2026-04-23T09:00', ask: 'anything this evening?', none: true },
  { now: MIDWEEK, ask: "what's left this week", expect: [DATA, PROTESTS, DOGS], forbid: [FUTURE, CRISIS, TRAUMA] },
  { now: MIDWEEK, ask: 'anything tmrw', expect: [PROTESTS], forbid: [DATA, DOGS] },
  { now: MIDWEEK, ask: 'whats on tomorow at 2', expect: [PROTESTS], forbid: [DATA] },
  { now: MIDWEEK, ask: 'anything at 11 today', expect: [DATA], forbid: [PROTESTS] },
  { now: BEFORE, ask: 'anything on this weekend?', none: true },
  { now: BEFORE, ask: 'what is on in may', none: true },
  { now: BEFORE, ask: "what's on next month", none: true },
  { now: '2026-05-20T09:00', ask: "what's on next month?", expect: NEIGHBOURHOOD_WEEK, forbid: RESPONSE_WEEK },
  { now: '2026-06-02T09:00', ask: 'whats on this month', expect: NEIGHBOURHOOD_WEEK, forbid: RESPONSE_WEEK },
  { now: BEFORE, ask: 'w/c 15th June?', expect: NEIGHBOURHOOD_WEEK, forbid: RESPONSE_WEEK },
  { now: '2026-06-18T16:00', ask: 'anything tomorrow afternoon', expect: [LEADERSHIP, FACES], forbid: [TRAUMA] },
  { now: '2026-06-18T16:00', ask: 'anything at lunchtime tomorrow', expect: [FACES], forbid: [TRAUMA, LEADERSHIP] },
  { now: JUNE, ask: 'whats on fri', expect: NEIGHBOURHOOD_WEEK },
  { now: JUNE, ask: 'anything on wensday?', none: true },

  // Slips in the words a question is framed with, however short: not topics
  { now: BEFORE, ask: "wat's on in response week", expect: RESPONSE_WEEK, forbid: NEIGHBOURHOOD_WEEK },
  { now: BEFORE, ask: "waht's on next week?", expect: RESPONSE_WEEK, forbid: NEIGHBOURHOOD_WEEK },
  { now: BEFORE, ask: 'whta is on next week', expect: RESPONSE_WEEK, forbid: NEIGHBOURHOOD_WEEK },
  { now: BEFORE, ask: "wha's on next week", expect: RESPONSE_WEEK },
  { now: BEFORE, ask: "wht's on next week", expect: RESPONSE_WEEK },
  { now: BEFORE, ask: 'waht is on in response week', expect: RESPONSE_WEEK, forbid: NEIGHBOURHOOD_WEEK },
  { now: MIDWEEK, ask: 'wats on tomorow', expect: [PROTESTS], forbid: [DATA, DOGS] },
  { now: BEFORE, ask: 'is ther anything on dogs', expect: [DOGS], forbid: [CRISIS] },
  { now: BEFORE, ask: 'iss there anything on dogs?', expect: [DOGS], forbid: [CRISIS] },
  { now: BEFORE, ask: 'anythign on dogs', expect: [DOGS], forbid: [CRISIS] },
  { now: BEFORE, ask: 'is thre anythng in npw', expect: NEIGHBOURHOOD_WEEK, forbid: RESPONSE_WEEK },
  { now: BEFORE, ask: 'anyy sessions next week', expect: RESPONSE_WEEK },
  { now: BEFORE, ask: 'anything on chat?', none: true },

  // Subjects, in officers' words
  { now: BEFORE, ask: 'anything on dogs', expect: [DOGS], forbid: [PROTESTS, CRISIS] },
  { now: BEFORE, ask: 'XL bullies?', expect: [DOGS], forbid: [CRISIS] },
  { now: BEFORE, ask: 'any training on dangerus dogs', expect: [DOGS] },
  { now: BEFORE, ask: 'sessions about de-escalation', expect: [CRISIS], forbid: [DOGS, DATA] },
  { now: BEFORE, ask: 'mental health stuff', expect: [CRISIS, TRAUMA], forbid: [DOGS, DATA, FACES] },
  { now: BEFORE, ask: 'anything on MH', expect: [CRISIS, TRAUMA], forbid: [DOGS] },
  { now: BEFORE, ask: 'wellbeing', expect: [TRAUMA, FUTURE], forbid: [DOGS, DATA] },
  { now: BEFORE, ask: 'anything for officer well-being?', expect: [TRAUMA], forbid: [DOGS, DATA] },
  { now: BEFORE, ask: 'PTSD', expect: [TRAUMA], forbid: [CRISIS, DOGS] },
  { now: BEFORE, ask: 'anything on oscar kilo', expect: [TRAUMA], forbid: [FACES] },
  { now: BEFORE, ask: 'LFR', expect: [FACES], forbid: [TRAUMA, LEADERSHIP] },
  { now: BEFORE, ask: 'facial recog', expect: [FACES], forbid: [TRAUMA] },
  { now: BEFORE, ask: 'anything on facial recogntion?', expect: [FACES], forbid: [LEADERSHIP] },
  { now: BEFORE, ask: 'ASB', expect: [FACES], forbid: [DOGS, TRAUMA] },
  { now: BEFORE, ask: 'anti-social behaviour', expect: [FACES], forbid: [DOGS] },
  { now: BEFORE, ask: 'sessions on public order', expect: [PROTESTS], forbid: [DATA, DOGS] },
  { now: BEFORE, ask: 'how do I deal with auditors', expect: [PROTESTS], forbid: [DATA] },
  { now: BEFORE, ask: 'demonstrations', expect: [PROTESTS], forbid: [DATA, DOGS] },
  { now: BEFORE, ask: 'anything about analytics or stats', expect: [DATA], forbid: [PROTESTS] },
  { now: BEFORE, ask: 'public trust', expect: [DATA], forbid: [PROTESTS, DOGS] },
  { now: BEFORE, ask: 'evidence based policing', expect: [DATA], forbid: [CRISIS] },
  { now: BEFORE, ask: 'anything for skippers', expect: [LEADERSHIP], forbid: [DOGS, FACES] },
  { now: BEFORE, ask: 'career development for sergeants and inspectors', expect: [LEADERSHIP], forbid: [TRAUMA] },
  { now: BEFORE, ask: 'learning platform', expect: [LEADERSHIP], forbid: [DATA] },
  { now: BEFORE, ask: 'any cpd for neighbourhood teams?', expect: [FACES, LEADERSHIP], forbid: RESPONSE_WEEK },
  { now: BEFORE, ask: 'first on the scene sessions', expect: [CRISIS, PROTESTS, DOGS], forbid: [DATA, TRAUMA] },
  { now: BEFORE, ask: 'anything on knife crime?', none: true },
  { now: BEFORE, ask: 'is there a session on RCRP', none: true },
  { now: BEFORE, ask: 'anything on drones', none: true },

  // Campaigns, presenters, organisations
  { now: BEFORE, ask: '#ResponsePolicing', expect: RESPONSE_WEEK, forbid: NEIGHBOURHOOD_WEEK },
  { now: BEFORE, ask: 'whats on in #NeighbourhoodPolicingWeek', expect: NEIGHBOURHOOD_WEEK, forbid: RESPONSE_WEEK },
  { now: BEFORE, ask: 'neighborhood policing week', expect: NEIGHBOURHOOD_WEEK, forbid: RESPONSE_WEEK },
  { now: BEFORE, ask: 'Neighbourhood policing week of action 2026', expect: NEIGHBOURHOOD_WEEK, forbid: RESPONSE_WEEK },
  { now: BEFORE, ask: 'anything on mental health in response week', expect: [CRISIS], forbid: [TRAUMA] },
  { now: BEFORE, ask: 'wellbeing sessions during NPW', expect: [TRAUMA], forbid: [FUTURE] },
  { now: MIDWEEK, ask: 'response policing week', expect: RESPONSE_WEEK, forbid: NEIGHBOURHOOD_WEEK },
  { now: BEFORE, ask: 'is Stuart King doing a talk?', expect: [TRAUMA], forbid: [FACES, LEADERSHIP] },
  { now: BEFORE, ask: 'when is inspector king on', expect: [TRAUMA], forbid: [FACES] },
  { now: BEFORE, ask: "what's Sue Brooks presenting", expect: [LEADERSHIP], forbid: [TRAUMA] },
  { now: BEFORE, ask: 'gwyer', expect: [FACES], forbid: [TRAUMA] },
  { now: BEFORE, ask: 'anything from south wales', expect: [FACES], forbid: [TRAUMA, LEADERSHIP] },
  { now: BEFORE, ask: 'Avon & Somerset sessions', expect: [TRAUMA], forbid: [FACES] },
  { now: BEFORE, ask: 'anything from the College of Policing?', expect: [LEADERSHIP], forbid: [FACES, TRAUMA] },
  { now: BEFORE, ask: 'anything by the met', none: true },

  // Combinations
  { now: BEFORE, ask: 'anything on facial recognition next week?', none: true },
  { now: BEFORE, ask: 'facial recognition in june', expect: [FACES], forbid: [TRAUMA, LEADERSHIP] },
  { now: BEFORE, ask: 'crisis stuff on tuesday 21st', expect: [CRISIS] },
  { now: BEFORE, ask: 'dogs on thursday 23 april', none: true },
  { now: BEFORE, ask: 'wellbeing on 19/06 in the morning', expect: [TRAUMA], forbid: [FACES, LEADERSHIP] },

  // The past
  { now: AFTER, ask: 'what was on last week?', expect: RESPONSE_WEEK, forbid: NEIGHBOURHOOD_WEEK },
  { now: AFTER, ask: 'did I miss anything on data?', expect: [DATA], forbid: [DOGS], recordings: true },
  { now: AFTER, ask: 'recordings of the crisis intervention session', expect: [CRISIS], forbid: [DATA], recordings: true },
  { now: AFTER, ask: 'can I watch the dangerous dogs one again', expect: [DOGS], recordings: true },
  { now: AFTER, ask: 'catch up on response week', expect: RESPONSE_WEEK, forbid: NEIGHBOURHOOD_WEEK },
  { now: AFTER, ask: 'what was on 22 April', expect: [DATA], forbid: [CRISIS] },
  { now: AFTER, ask: "what's on Wednesday 22 April", expect: [DATA], forbid: [PROTESTS] },
  { now: AFTER, ask: 'what was on last Thursday', none: true },
  { now: AFTER, ask: 'what did I miss in april', expect: RESPONSE_WEEK },
  { now: AFTER, ask: "what's coming up", expect: NEIGHBOURHOOD_WEEK, forbid: RESPONSE_WEEK },
  { now: AFTER, ask: 'anything on dogs', none: true },
  { now: LATE, ask: 'facial recognition recording', expect: [FACES], recordings: true },
  { now: LATE, ask: 'what was on in june', expect: NEIGHBOURHOOD_WEEK, forbid: RESPONSE_WEEK },

  // Not about sessions at all
  { now: BEFORE, ask: 'hiya', not: true },
  { now: BEFORE, ask: 'qwertyuiop', not: true },
  { now: BEFORE, ask: 'what is the weather like', not: true },
  { now: BEFORE, ask: 'cheers mate', not: true },
];

describe("what's on: officers' own questions against the demo catalog", () => {
  let whatsOn: WhatsOn;
  before(async () => {
    whatsOn = createWhatsOn(await demoCatalog());
  });

  it('covers at least 60 questions', () => {
    assert.ok(QUESTIONS.length >= 60, String(QUESTIONS.length));
  });

  for (const q of QUESTIONS) {
    const what = q.not ? 'is not understood' : q.none ? 'finds nothing and offers the nearest' : `lists ${(q.expect ?? []).join(', ')}`;
    it(`"${q.ask}" at ${q.now} ${what}`, () => {
      const answer = whatsOn.answer({ text: q.ask, askedAt: london(q.now) });
      if (q.not) {
        assert.equal(answer.kind, 'not-understood');
        return;
      }
      if (q.none) {
        assert.equal(answer.kind, 'nothing', `got ${answer.kind}: ${JSON.stringify(titles(answer))}`);
        assert.ok(answer.kind === 'nothing' && answer.nearest.length > 0, 'the demo catalog always has something near');
        return;
      }
      assert.equal(answer.kind, 'sessions', `got ${answer.kind} ${answer.kind === 'nothing' ? answer.explanation : ''}`);
      const listed = titles(answer);
      for (const e of q.expect ?? []) assert.ok(lists(listed, e), `missing "${e}" in ${JSON.stringify(listed)}`);
      for (const f of q.forbid ?? []) assert.ok(!lists(listed, f), `"${f}" should not be in ${JSON.stringify(listed)}`);
      if (q.recordings && answer.kind === 'sessions') {
        for (const m of answer.sessions) assert.ok(m.recording, `no recording with ${m.session.title}`);
      }
    });
  }
});
