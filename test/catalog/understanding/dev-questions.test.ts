import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { createWhatsOn } from '../../../bot/src/catalog/understanding/index.js';
import type { WhatsOn } from '../../../bot/src/catalog/whats-on.js';
import { demoCatalog, lists, london, titles } from './helpers.js';

interface DevQuestion {
  now: string;
  ask: string;
  expect?: string[];
  forbid?: string[];
  none?: boolean;
}

const questions = YAML.parse(readFileSync(new URL('../../fixtures/whats-on/dev-questions.yaml', import.meta.url), 'utf8')) as DevQuestion[];

describe("what's on: the development questions against the demo catalog", () => {
  let whatsOn: WhatsOn;
  before(async () => {
    whatsOn = createWhatsOn(await demoCatalog());
  });

  it('has the questions to ask', () => {
    assert.ok(questions.length >= 20);
  });

  for (const q of questions) {
    it(`answers "${q.ask}" asked at ${q.now}`, () => {
      const answer = whatsOn.answer({ text: q.ask, askedAt: london(q.now) });
      if (q.none) {
        assert.equal(answer.kind, 'nothing', `expected a "nothing" answer, got ${answer.kind}`);
        assert.ok(answer.kind === 'nothing' && answer.explanation.length > 0);
        return;
      }
      assert.equal(answer.kind, 'sessions');
      const listed = titles(answer);
      for (const e of q.expect ?? []) assert.ok(lists(listed, e), `missing "${e}" in ${JSON.stringify(listed)}`);
      for (const f of q.forbid ?? []) assert.ok(!lists(listed, f), `"${f}" should not be in ${JSON.stringify(listed)}`);
    });
  }
});
