/**
 * Messages far longer than a question: the understanding reads a bounded part of them, and the
 * time rules cost time in proportion to the text however many dates it holds.
 */
import assert from 'node:assert/strict';
import type { Catalog } from '../../../bot/src/catalog/model.js';
import { createWhatsOn, SearchIndex, understand, understandWhen } from '../../../bot/src/catalog/understanding/index.js';
import { TIME_WORDS } from '../../../bot/src/catalog/understanding/when.js';
import { MAX_QUESTION_CHARS, questionPart } from '../../../bot/src/catalog/whats-on.js';
import { demoCatalog, lists, london, titles } from './helpers.js';

const ASKED = london('2026-04-13T09:00');

/** `unit` repeated to exactly `length` characters. */
const repeated = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** The fastest of a few runs, so a pause from another process on the machine is not counted. */
function fastest(run: () => void, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    run();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

describe("what's on: long messages", () => {
  let index: SearchIndex;
  before(async () => {
    index = new SearchIndex(await demoCatalog(), TIME_WORDS);
  });

  describe('the part of a message that is read', () => {
    it('is the whole of a question that fits', () => {
      assert.equal(questionPart("what's on next week?"), "what's on next week?");
      const exactly = repeated('dogs ', MAX_QUESTION_CHARS - 1) + 'x';
      assert.equal(questionPart(exactly), exactly);
    });

    it(`is at most ${MAX_QUESTION_CHARS} characters, ending at a word`, () => {
      const part = questionPart(repeated('dangerous dogs ', 10_000));
      assert.ok(part.length <= MAX_QUESTION_CHARS, String(part.length));
      assert.ok(part.length > MAX_QUESTION_CHARS - 20, String(part.length));
      assert.match(part, /(?:dangerous|dogs)$/);
    });

    it('cuts one very long word rather than reading nothing, and never halves an emoji', () => {
      assert.equal(questionPart('x'.repeat(5000)).length, MAX_QUESTION_CHARS);
      const emoji = questionPart('a' + '\u{1F600}'.repeat(1000));
      assert.ok(emoji.length <= MAX_QUESTION_CHARS);
      assert.doesNotMatch(emoji, /[\ud800-\udbff]$/, 'ends on half a surrogate pair');
    });
  });

  // A question of 499 characters, then more.
  const START = `anything on dangerous dogs next week?${' please'.repeat(66)}`;

  it('understands a long message from its beginning only: what follows is not read', () => {
    const long = `${START} and facial recognition in june ${repeated('19/06 ', 250_000)}`;
    const understood = understand(index, long, ASKED);
    assert.deepEqual(understood, understand(index, questionPart(long), ASKED));
    assert.deepEqual(
      understood.concepts.map((c) => c.surface),
      ['dangerous dogs'],
    );
    assert.equal(understood.when?.label, 'next week (20\u201326 April)');
  });

  it('answers a 250,000-character message by its first part', async () => {
    const whatsOn = createWhatsOn(await demoCatalog());
    const answer = whatsOn.answer({ text: `${START} ${repeated('19/06 ', 250_000)}`, askedAt: ASKED });
    assert.equal(answer.kind, 'sessions');
    assert.ok(lists(titles(answer), 'dangerous dogs'), JSON.stringify(titles(answer)));
    assert.ok(!lists(titles(answer), 'facial recognition'));
  });

  describe('headings', () => {
    it("name at most 80 characters of the officer's words for the topics, with an ellipsis", async () => {
      const whatsOn = createWhatsOn(await demoCatalog());
      const words = Array.from({ length: 60 }, (_, i) => `zorvek${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);
      const answer = whatsOn.answer({ text: `anything on ${words.join(' ')}?`, askedAt: ASKED });
      assert.equal(answer.kind, 'nothing');
      const label = /about (.*)$/.exec(answer.heading)![1]!;
      assert.ok(label.length <= 80, label);
      assert.ok(label.endsWith('\u2026') && label.startsWith('zorvekaa zorvekba'), label);
      assert.equal(answer.explanation, `There are no upcoming sessions about ${label}.`);
    });

    it('list at most three of the presenters a question names, and how many more', () => {
      const surnames = ['Abbott', 'Barker', 'Carver', 'Dalton', 'Ellison', 'Fairbairn', 'Garside', 'Hollins', 'Ingram', 'Jarvis', 'Kitson', 'Lomax'];
      const catalog: Catalog = {
        timeZone: 'Europe/London',
        campaigns: [],
        recordings: [],
        sessions: surnames.map((name, i) => ({
          id: `s${i}`,
          title: `Session ${i + 1}`,
          startsAt: london(`2026-05-${String(i + 1).padStart(2, '0')}T10:00`),
          endsAt: london(`2026-05-${String(i + 1).padStart(2, '0')}T11:00`),
          presenters: [{ name: `Sam ${name}` }],
          topics: [],
        })),
      };
      const answer = createWhatsOn(catalog).answer({ text: `anything by ${surnames.map((n) => `sam ${n}`).join(', ')}`, askedAt: ASKED });
      assert.equal(answer.kind, 'sessions');
      assert.equal(answer.heading, 'Sessions presented by Sam Abbott, Sam Barker, Sam Carver or 9 others');
    });
  });

  describe('the time rules, on text far past the part that is read', () => {
    // Ten times the text should cost about ten times as much; the bound leaves room for a noisy
    // machine, not for work that grows with the square of the length (a hundred times and more).
    const every = '19/06 friday tomorrow at 2pm w/c 20 april the 19th next week mornings between 20 and 22 april right now this afternoon 3 may ';
    for (const [name, unit] of [
      ['dates', '19/06 '],
      ['weekdays', 'friday '],
      ['every kind of time', every],
    ]) {
      it(`reads a message of nothing but ${name} in time proportional to its length`, function () {
        this.timeout(120_000);
        const read = (length: number) => () => understandWhen(repeated(unit!, length), ASKED, { zone: 'Europe/London', past: false });
        const short = fastest(read(25_000));
        const long = fastest(read(250_000));
        assert.ok(long < 60 * Math.max(short, 5), `25,000 characters: ${short.toFixed(1)} ms; 250,000: ${long.toFixed(1)} ms`);
      });
    }
  });
});
