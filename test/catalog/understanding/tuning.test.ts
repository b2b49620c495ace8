/**
 * The tuning questions (questions/tuning.yaml) against the year catalog: a part of the day with
 * no day, title and topic matches first, the next one, audiences, the week of a date, forces by
 * their short names, "my bookings" in officers' words, nothing-found sentences for every kind of
 * time, and both clock changes in both tenses. Each must be answered as it expects.
 */
import assert from 'node:assert/strict';
import { createWhatsOn } from '../../../bot/src/catalog/understanding/index.js';
import type { WhatsOn } from '../../../bot/src/catalog/whats-on.js';
import { describeCase, judge, readQuestions, yearCatalog } from './question-sets.js';

const cases = readQuestions('tuning.yaml');

describe("what's on: the tuning questions against the year catalog", () => {
  let whatsOn: WhatsOn;
  before(async () => {
    whatsOn = createWhatsOn(await yearCatalog());
  });

  it('has the questions to ask', () => {
    assert.ok(cases.length >= 150, String(cases.length));
  });

  for (const q of cases) {
    it(`"${q.ask}"${q.now ? ` at ${q.now}` : ''} ${describeCase(q)}`, () => {
      const why = judge(whatsOn, q);
      assert.equal(why, undefined, why);
    });
  }
});
