/**
 * The CPD record's cards, held to the official templating SDK and to Teams' limits: the record
 * empty, one page of many with the longest titles and reflections, and the reflection card with
 * an over-long note put back.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { compileTemplate } from '../../bot/src/teams/cards/template.js';
import { cpdRecordCard, cpdRecordData, cpdReflectionCard, cpdReflectionData, CPD_CARD_PAGE } from '../../bot/src/teams/cards/cpd.js';
import type { CpdEntry } from '../../bot/src/cpd/cpd-record.js';
import { assertValidCard, cardBytes, countActions } from '../support/cards.js';

const cardsDir = path.resolve('bot/src/teams/cards');
const template = (name: string): object => JSON.parse(readFileSync(path.join(cardsDir, name), 'utf8'));
const official = (t: object, data: object): unknown => new ACData.Template(t).expand({ $root: data });

const longest = (n: number): CpdEntry => ({
  id: 1_000_000 + n,
  sessionId: `s-${n}`,
  kind: n % 2 ? 'attended' : 'recording',
  minutes: 45 + n,
  // Wide characters and characters JSON escapes, at every length limit.
  title: `“Session” ${'Ŵ\\"<'.repeat(100)}`,
  campaignTitle: null,
  occurredAt: new Date(Date.UTC(2026, 4, 20 - n, 9)),
  recordedAt: new Date(Date.UTC(2026, 4, 20 - n, 12)),
  reflection: '🚓"\\\n'.repeat(500),
});
const totals = { year: 2026, thisYearMinutes: 12_345, last12MonthsMinutes: 23_456, entries: 57 };

describe('CPD record cards', () => {
  const cases: Array<[string, string, object]> = [
    [
      'an empty record',
      'cpd-record.json',
      cpdRecordData({ total: 0, offset: 0, limit: CPD_CARD_PAGE, items: [] }, { ...totals, thisYearMinutes: 0, last12MonthsMinutes: 0, entries: 0 }),
    ],
    [
      'a middle page of the longest entries',
      'cpd-record.json',
      cpdRecordData(
        { total: 57, offset: 20, limit: CPD_CARD_PAGE, items: Array.from({ length: CPD_CARD_PAGE }, (_, i) => longest(i)) },
        totals,
        'Saved your reflection on “x”.',
      ),
    ],
    [
      'one entry, no reflection',
      'cpd-record.json',
      cpdRecordData({ total: 1, offset: 0, limit: CPD_CARD_PAGE, items: [{ ...longest(0), reflection: null }] }, totals),
    ],
    ['a reflection to add', 'cpd-reflection.json', cpdReflectionData({ ...longest(1), reflection: null }, { lead: '✓ Added to your CPD record' })],
    ['a reflection to edit', 'cpd-reflection.json', cpdReflectionData(longest(2), { offset: 10 })],
    ['a refused, enormous note', 'cpd-reflection.json', cpdReflectionData(longest(3), { problem: 'Your note is too long.', text: '"\\🚓'.repeat(20_000) })],
  ];

  for (const [what, file, data] of cases) {
    it(`expands ${file} as the official templating SDK does, and is a card Teams takes: ${what}`, () => {
      const t = template(file);
      const card = compileTemplate(t)(data);
      assert.deepEqual(card, official(t, data));
      const rendered = file === 'cpd-record.json' ? cpdRecordCard(data as never) : cpdReflectionCard(data as never);
      assertValidCard(rendered, what);
      assert.ok(cardBytes(rendered) < 28 * 1024, `${what}: ${cardBytes(rendered)} bytes`);
      assert.ok(countActions(rendered) <= 6);
    });
  }

  it('offers newer and older pages only where there are some, and says which entries are shown', () => {
    const items = Array.from({ length: CPD_CARD_PAGE }, (_, i) => longest(i));
    const first = cpdRecordData({ total: 25, offset: 0, limit: 10, items }, totals);
    assert.deepEqual([first.newer, first.older], [null, { verb: 'cpd.mine', offset: 10 }]);
    assert.equal(first.showing, 'Showing 1–10 of 25.');
    const last = cpdRecordData({ total: 25, offset: 20, limit: 10, items: items.slice(0, 5) }, totals);
    assert.deepEqual([last.newer, last.older], [{ verb: 'cpd.mine', offset: 10 }, null]);
    assert.equal(last.showing, 'Showing 21–25 of 25.');
    assert.equal(cpdRecordData({ total: 3, offset: 0, limit: 10, items: items.slice(0, 3) }, totals).showing, '');
  });

  it('keeps as much of a refused note as fits, never half an emoji', () => {
    const text = `${'a'.repeat(15_997)}🚓🚓🚓`;
    const data = cpdReflectionData(longest(4), { problem: 'Too long.', text });
    assert.ok(data.text.length < text.length);
    assert.ok(text.startsWith(data.text));
    assert.doesNotMatch(data.text, /[\uD800-\uDBFF]$/);
    assert.match(data.problem, /Only the first part of it fitted back in the box/);
    assert.equal(cpdReflectionData(longest(4), { problem: 'Too long.', text: 'short' }).problem, 'Too long.');
  });
});
