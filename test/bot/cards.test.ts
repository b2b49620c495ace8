import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { helpCard, helpData, SUGGESTED_QUESTIONS, type HelpReason, type Scope } from '../../bot/src/teams/cards/help.js';
import { sessionDetailsCard, sessionDetailsData } from '../../bot/src/teams/cards/session-details.js';
import { PAGE_SIZE, nothingFoundData, sessionListCard, sessionListData } from '../../bot/src/teams/cards/session-list.js';
import type { AdaptiveCardJson } from '../../bot/src/teams/cards/render.js';
import { MAX_QUESTION_CHARS } from '../../bot/src/catalog/whats-on.js';
import {
  MAX_ACTIONS_PER_SET,
  MAX_CARD_BYTES,
  actionSetSizes,
  assertValidCard,
  cardActions,
  cardBytes,
  cardProblems,
  countActions,
  parserProblems,
  readOracle,
  schemaProblems,
} from '../support/cards.js';
import { campaign, nothingAnswer, recording, session, sessionsAnswer, worstCaseMatches } from './sample-answers.js';

const now = new Date('2026-04-13T09:00:00+01:00');
const question = { text: 'what is on next week?', askedAt: now.toISOString() };

/** Every text the card shows, in order; a button's `data` is payload, not text. */
const texts = (node: unknown): string[] => {
  if (Array.isArray(node)) return node.flatMap(texts);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => (key === 'text' && typeof value === 'string' ? [value] : key === 'data' ? [] : texts(value)));
};

describe('the card validator', () => {
  const samples = readdirSync(new URL('../fixtures/oracles/adaptive-cards/samples/', import.meta.url));
  const knownBad: Record<string, RegExp> = {
    // "role" is in no published schema (see the fixture's PROVENANCE.md).
    'v1.5_Scenarios_InputsWithValidation.json': /schema: .*additional properties/,
    // A required input without an errorMessage: the parser's own validation flags it.
    'v1.4_Tests_Action.Execute.With.Validation.json': /Required inputs should have an error message/,
    // Declares version 1.3 but uses `refresh`, which came in 1.4.
    'v1.4_Elements_AdaptiveCard.Refresh.json': /"refresh" is supported in version 1\.4/,
  };

  for (const file of samples) {
    const sample = readOracle(`adaptive-cards/samples/${file}`);
    const problems = [...schemaProblems(sample), ...parserProblems(sample)];
    if (knownBad[file]) {
      it(`finds the known problem in the official sample ${file}`, () => {
        assert.ok(
          problems.some((p) => knownBad[file]!.test(p)),
          problems.join('\n'),
        );
      });
    } else {
      it(`passes the official sample ${file}`, () => assert.deepEqual(problems, []));
    }
  }

  const good = (): any => ({ type: 'AdaptiveCard', version: '1.5', msteams: { width: 'Full' }, body: [{ type: 'TextBlock', text: 'Hello' }] });

  it('accepts a plain 1.5 card with the Teams msteams property', () => assert.deepEqual(cardProblems(good()), []));

  const broken: Array<[string, (card: any) => void, RegExp]> = [
    ['an unknown element type', (c) => c.body.push({ type: 'TextBlok', text: 'x' }), /Unknown element type|schema:/],
    ['a TextBlock without text', (c) => c.body.push({ type: 'TextBlock' }), /schema:/],
    ['an unknown property on the card besides msteams', (c) => (c.teams = { width: 'Full' }), /additional properties/],
    ['two inputs with one id', (c) => c.body.push({ type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }), /Duplicate Id/],
    ['a bad enum value', (c) => (c.body[0].weight = 'Heavy'), /schema:|weight/i],
    [
      'Action.Execute in a 1.2 card',
      (c) => {
        c.version = '1.2';
        c.actions = [{ type: 'Action.Execute', title: 'Go', verb: 'x' }];
      },
      /Action\.Execute|version/,
    ],
    [
      "seven buttons in the card's own actions",
      (c) => (c.actions = Array.from({ length: 7 }, (_, i) => ({ type: 'Action.Submit', title: `${i + 1}` }))),
      /action set 1 has 7 actions; Teams draws 6/,
    ],
    [
      'seven buttons in an ActionSet inside a container',
      (c) =>
        c.body.push({
          type: 'Container',
          items: [{ type: 'ActionSet', actions: Array.from({ length: 7 }, (_, i) => ({ type: 'Action.Submit', title: `${i + 1}` })) }],
        }),
      /action set 1 has 7 actions/,
    ],
    ['28 KB of text', (c) => c.body.push({ type: 'TextBlock', text: 'x'.repeat(MAX_CARD_BYTES) }), /bytes/],
  ];
  for (const [what, breakIt, expected] of broken) {
    it(`refuses a card with ${what}`, () => {
      const card = good();
      breakIt(card);
      const problems = cardProblems(card);
      assert.ok(
        problems.some((p) => expected.test(p)),
        `expected ${expected} in:\n${problems.join('\n')}`,
      );
    });
  }

  it('holds each action set to the Teams host config, not the card: ten sets of two buttons and six of its own are drawn', () => {
    assert.equal(MAX_ACTIONS_PER_SET, 6, 'actions.maxActions in the Teams host config');
    const card = good();
    card.actions = Array.from({ length: 6 }, (_, i) => ({ type: 'Action.Submit', title: `Card ${i + 1}` }));
    for (let n = 1; n <= 10; n += 1) {
      card.body.push({
        type: 'Container',
        items: [
          { type: 'TextBlock', text: `Session ${n}` },
          {
            type: 'ActionSet',
            actions: [
              { type: 'Action.Submit', title: 'Book a place' },
              { type: 'Action.Submit', title: 'Details' },
            ],
          },
        ],
      });
    }
    assert.deepEqual(actionSetSizes(card), [6, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    assert.deepEqual(cardProblems(card), []);
  });

  it('counts actions in action lists, selectActions and nested ActionSets but not in data', () => {
    const card = {
      actions: [{ type: 'Action.Execute', data: { fallback: { type: 'Action.Submit' } } }],
      body: [{ type: 'Container', selectAction: { type: 'Action.Submit' }, items: [{ type: 'ActionSet', actions: [{ type: 'Action.OpenUrl' }] }] }],
    };
    assert.equal(countActions(card), 3);
  });
});

describe('every card the bot can send, with worst-case data', () => {
  const reasons: HelpReason[] = ['help', 'not-understood', 'welcome'];
  const scopes: Scope[] = ['personal', 'groupChat', 'channel'];
  const worst = worstCaseMatches(PAGE_SIZE);
  const kinds: Array<[string, AdaptiveCardJson]> = [
    ['a list page in the middle of a long answer', sessionListCard(sessionListData(sessionsAnswer(worst, 35, PAGE_SIZE), question, now))],
    ['a first page', sessionListCard(sessionListData(sessionsAnswer(worst, 35, 0), question, now))],
    [
      'a list page for the longest question read, full of characters JSON escapes',
      sessionListCard(sessionListData(sessionsAnswer(worst, 35, PAGE_SIZE), { ...question, text: '"\\<'.repeat(MAX_QUESTION_CHARS / 3) }, now)),
    ],
    ['nothing found with a page of nearest', sessionListCard(nothingFoundData(nothingAnswer(worst), question, now))],
    ['nothing found with none near', sessionListCard(nothingFoundData(nothingAnswer([]), question, now))],
    ...worst
      .slice(0, 2)
      .map((m, i): [string, AdaptiveCardJson] => [
        `details of ${i === 0 ? 'a past' : 'an upcoming'} session`,
        sessionDetailsCard(sessionDetailsData(m, now, { ...question, offset: 0 })),
      ]),
    [
      'details of a session with 40 presenters and a 50,000-character description',
      sessionDetailsCard(
        sessionDetailsData(
          {
            ...worst[0]!,
            session: {
              ...worst[0]!.session,
              description: 'word '.repeat(10_000),
              presenters: Array.from({ length: 40 }, () => worst[0]!.session.presenters[0]!),
            },
          },
          now,
          { ...question, offset: 0 },
        ),
      ),
    ],
    ...reasons.flatMap((r) => scopes.map((s): [string, AdaptiveCardJson] => [`help (${r}, ${s})`, helpCard(helpData(r, s))])),
  ];

  for (const [kind, card] of kinds) {
    it(`${kind}: valid Adaptive Card 1.5, under 28 KB (${(cardBytes(card) / 1024).toFixed(1)} KB), at most 6 buttons in each action set`, () => {
      assertValidCard(card, kind);
    });
  }

  it('gives each listed session its own buttons, and the list card two of its own for paging', () => {
    const [, middle] = kinds[0]!;
    const [, cardSet, ...sessionSets] = [0, ...actionSetSizes(middle)];
    assert.equal(cardSet, 2, 'Previous and Show more');
    assert.deepEqual(
      sessionSets,
      worst.map(() => 2),
      'Book a place (or Watch the recording) and Details',
    );
  });
});

describe('the session list card', () => {
  const upcoming = { session: session(), campaign };
  const pastWithRecording = {
    session: session({ id: 'past-1', title: 'Using data', startsAt: new Date('2026-03-02T11:00:00Z'), endsAt: new Date('2026-03-02T11:45:00Z') }),
    campaign,
    recording: recording('past-1'),
  };
  const pastWithout = {
    session: session({
      id: 'past-2',
      title: 'Dangerous dogs',
      presenters: [],
      startsAt: new Date('2026-03-03T14:00:00Z'),
      endsAt: new Date('2026-03-03T14:45:00Z'),
    }),
  };
  const card = sessionListCard(sessionListData(sessionsAnswer([upcoming, pastWithRecording, pastWithout]), question, now));
  const all = texts(card);

  it('shows each session with its title, UK day, date and time range, presenters and campaign', () => {
    assert.ok(all.includes('1. First on the scene: crisis intervention'));
    assert.ok(all.includes('Tue 21 April, 14:00\u201314:45'));
    assert.ok(all.includes('Inspector Stuart King KPM, Operational Lead, Avon and Somerset Police'));
    assert.ok(all.includes('Response policing week of action 2026'));
    assert.ok(all.includes('Mon 2 March, 11:00\u201311:45'), 'GMT before the clocks change');
  });

  const rows = (card.body as any[]).filter((b) => b.type === 'Container');
  const buttons = (row: unknown) => cardActions(row).map((a) => [a.type, a.title]);

  it('gives an upcoming session Book a place and Details, with the data its details card books with', () => {
    assert.deepEqual(buttons(rows[0]), [
      ['Action.Execute', 'Book a place'],
      ['Action.Execute', 'Details'],
    ]);
    const [book, details] = cardActions(rows[0]);
    const onDetails = cardActions(sessionDetailsCard(sessionDetailsData(upcoming, now))).find((a) => a.title === 'Book a place');
    assert.deepEqual([book.verb, book.data, book.associatedInputs], [onDetails.verb, onDetails.data, 'none']);
    assert.deepEqual(details.data, { verb: 'session.details', sessionId: 'rp-2026-crisis-intervention', back: { ...question, offset: 0 } });
  });

  it('gives a past session Watch the recording where one is posted, and no booking button either way', () => {
    assert.deepEqual(buttons(rows[1]), [
      ['Action.OpenUrl', 'Watch the recording'],
      ['Action.Execute', 'Details'],
    ]);
    assert.equal(cardActions(rows[1])[0].url, 'https://knowledgehub.group/web/response-policing/recordings/past-1');
    assert.deepEqual(buttons(rows[2]), [['Action.Execute', 'Details']]);
    assert.equal(all.filter((t) => t === 'Recording not posted yet').length, 1);
  });

  it('offers Join the waitlist on a full session, when the places taken are known', () => {
    const limited = { ...upcoming, session: { ...upcoming.session, capacity: 40 } };
    const titled = (booked: number | undefined) => {
      const places = booked === undefined ? undefined : new Map([[limited.session.id, { booked, waitlisted: 0 }]]);
      return cardActions(sessionListCard(sessionListData(sessionsAnswer([limited]), question, now, places)))[0].title;
    };
    assert.deepEqual([titled(undefined), titled(39), titled(40)], ['Book a place', 'Book a place', 'Join the waitlist']);
  });

  it('shows no presenters line when none are named', () => {
    const third = (card.body as any[]).filter((b) => b.type === 'Container')[2];
    assert.deepEqual(texts(third), [
      '3. Dangerous dogs',
      'Tue 3 March, 14:00\u201314:45',
      'Response officers are often first on the scene: managing crises and de-escalating danger.',
      'Recording not posted yet',
    ]);
  });

  it('has no drop-down to choose from: every session has its own Details, remembering the question to come back to', () => {
    assert.equal(JSON.stringify(card).includes('Input.'), false);
    assert.deepEqual(
      cardActions(card)
        .filter((a) => a.verb === 'session.details')
        .map((a) => a.data.sessionId),
      ['rp-2026-crisis-intervention', 'past-1', 'past-2'],
    );
  });

  it('has no Show more when every session is on the card', () => {
    assert.equal(cardActions(card).filter((a) => a.verb === 'whatsOn.more').length, 0);
  });

  it('asks the same question again at the next offset for Show more, and the previous one for Previous', () => {
    const middle = sessionListCard(sessionListData(sessionsAnswer(worstCaseMatches(PAGE_SIZE), 25, 5), question, now));
    const byTitle = Object.fromEntries(cardActions(middle).map((a) => [a.title, a]));
    assert.deepEqual(byTitle['Show more'].data, { verb: 'whatsOn.more', ...question, offset: 10 });
    assert.deepEqual(byTitle['Previous 5'].data, { verb: 'whatsOn.more', ...question, offset: 0 });
    assert.ok(texts(middle).includes('Showing 6\u201310 of 25 sessions.'));
    assert.ok(
      texts(middle).some((t) => t.startsWith('6. ')),
      'numbering continues across pages',
    );
  });

  it('explains plainly when nothing matches and lists the nearest sessions', () => {
    const nothing = sessionListCard(nothingFoundData(nothingAnswer([upcoming]), question, now));
    const t = texts(nothing);
    assert.ok(t.includes('Nothing is on on Saturday 25 April.'));
    assert.ok(t.includes('The nearest session:'));
    assert.ok(t.includes('1. First on the scene: crisis intervention'));
  });
});

describe('the session details card', () => {
  it('gives everything about an upcoming session, with its join link', () => {
    const card = sessionDetailsCard(sessionDetailsData({ session: session(), campaign }, now, { ...question, offset: 10 }));
    const t = texts(card);
    assert.ok(t.includes('Response officers are often first on the scene: managing crises and de-escalating danger.'));
    assert.ok(t.includes('Inspector Stuart King KPM') && t.includes('Operational Lead, Avon and Somerset Police'));
    assert.ok(t.includes('Part of Response policing week of action 2026'));
    assert.ok(t.includes('20\u201326 April 2026'));
    assert.ok(t.some((x) => x.includes('[Response policing](https://knowledgehub.group/web/response-policing)')));
    const byTitle = Object.fromEntries(cardActions(card).map((a) => [a.title, a]));
    assert.equal(byTitle['Join the session'].url, 'https://teams.microsoft.com/l/meetup-join/crisis');
    assert.equal(byTitle['Watch the recording'], undefined);
    assert.deepEqual(byTitle['Back to the list'].data, { verb: 'whatsOn.more', ...question, offset: 10 });
  });

  it('gives a past session its recording instead of the join link', () => {
    const past = session({ startsAt: new Date('2026-03-02T11:00:00Z'), endsAt: new Date('2026-03-02T11:45:00Z') });
    const card = sessionDetailsCard(sessionDetailsData({ session: past, campaign, recording: recording(past.id, { postedOn: '2026-03-05' }) }, now));
    const titles = cardActions(card).map((a) => a.title);
    assert.deepEqual(titles, ['Watch the recording']);
    assert.ok(texts(card).includes('Recording posted on 5 March 2026, 44 minutes.'));
  });

  const places = (card: unknown): string | undefined =>
    (JSON.stringify(card).match(/"title":"Places","value":"((?:[^"\\]|\\.)*)"/) ?? [])[1]?.replace(/\\"/g, '"');

  it('says how many places are left from the live counts, and "Join the waitlist" once they are all taken', () => {
    const card = (capacity: number | undefined, taken?: { booked: number; waitlisted: number }, at = now) =>
      sessionDetailsCard(sessionDetailsData({ session: session({ capacity }), campaign }, at, undefined, taken));
    const bookTitle = (c: unknown) => cardActions(c).find((a) => a.verb === 'booking.book')?.title;
    assert.equal(places(card(250, { booked: 238, waitlisted: 0 })), '250 places, 12 left');
    assert.equal(bookTitle(card(250, { booked: 238, waitlisted: 0 })), 'Book a place');
    assert.equal(places(card(250, { booked: 0, waitlisted: 0 })), '250 places, 250 left');
    assert.equal(places(card(1, { booked: 0, waitlisted: 0 })), '1 place, 1 left');
    assert.equal(places(card(250, { booked: 247, waitlisted: 0 })), '250 places, 3 left');
    const full = card(250, { booked: 250, waitlisted: 4 });
    assert.equal(places(full), 'Full (250 places): join the waitlist (4 waiting)');
    assert.equal(bookTitle(full), 'Join the waitlist', 'the same booking button, named for what it does now');
    assert.equal(places(card(30, { booked: 30, waitlisted: 0 })), 'Full (30 places): join the waitlist');
    // A capacity cut below the places already taken: still full, never a negative number left.
    assert.equal(places(card(20, { booked: 30, waitlisted: 2 })), 'Full (20 places): join the waitlist (2 waiting)');
    assert.equal(places(card(undefined, { booked: 400, waitlisted: 0 })), 'No limit: everyone who books gets a place');
    // Without the counts the card says the capacity, never a number left it cannot vouch for.
    assert.equal(places(card(250)), '250 places');
    assert.equal(bookTitle(card(250)), 'Book a place');
  });

  it('says nothing about places once the session has started or ended', () => {
    const during = new Date(session().startsAt.getTime() + 10 * 60_000);
    const live = sessionDetailsCard(sessionDetailsData({ session: session({ capacity: 250 }), campaign }, during, undefined, { booked: 250, waitlisted: 3 }));
    assert.equal(places(live), undefined);
    const past = session({ capacity: 250, startsAt: new Date('2026-03-02T11:00:00Z'), endsAt: new Date('2026-03-02T11:45:00Z') });
    assert.equal(places(sessionDetailsCard(sessionDetailsData({ session: past, campaign }, now, undefined, { booked: 12, waitlisted: 0 }))), undefined);
  });

  it('does not put a non-web link on the card', () => {
    const card = sessionDetailsCard(sessionDetailsData({ session: session({ joinUrl: 'javascript:alert(1)' }), campaign }, now));
    assert.deepEqual(
      cardActions(card).filter((a) => a.type === 'Action.OpenUrl'),
      [],
    );
  });
});

describe('the help card', () => {
  it('turns each example into a tap that asks it: an Action.Submit whose data is the question, with no msteams the playground cannot run', () => {
    const card = helpCard(helpData('help'));
    const taps = cardActions(card);
    assert.deepEqual(
      taps.map((a) => a.type),
      SUGGESTED_QUESTIONS.map(() => 'Action.Submit'),
    );
    assert.deepEqual(
      taps.map((a) => a.data),
      SUGGESTED_QUESTIONS.map((ask) => ({ ask })),
    );
  });

  it('says it did not catch the message when not understood, and greets on welcome', () => {
    assert.ok(texts(helpCard(helpData('not-understood'))).includes("Sorry, I didn't catch that."));
    assert.ok(texts(helpCard(helpData('welcome'))).some((t) => t.startsWith('Hello!')));
    assert.ok(!texts(helpCard(helpData('help'))).some((t) => t.startsWith('Hello!') || t.startsWith('Sorry')));
  });

  it('tells people in group chats and channels to mention the bot', () => {
    assert.ok(texts(helpCard(helpData('welcome', 'channel'))).some((t) => t.startsWith('Mention me')));
    assert.ok(texts(helpCard(helpData('welcome', 'personal'))).some((t) => t.startsWith('Ask me')));
  });
});
