import assert from 'node:assert/strict';
import { maxLimit, parseRecordingQuery } from '../../bot/src/recordings/recording-query.js';

describe('reading a recordings search from the query string', () => {
  it('when nothing is given, then it asks for the newest first page', () => {
    assert.deepEqual(parseRecordingQuery({}), { ok: true, query: { terms: [], sort: 'newest', offset: 0, limit: 50 } });
  });

  it('splits the search into lower-case words, each counted once', () => {
    const parsed = parseRecordingQuery({
      q: '  Crisis  crisis INTERVENTION ',
      campaign: 'response-2026',
      topic: 'de-escalation',
      sort: 'oldest',
      offset: '50',
      limit: '25',
    });
    assert.deepEqual(parsed, {
      ok: true,
      query: { terms: ['crisis', 'intervention'], campaign: 'response-2026', topic: 'de-escalation', sort: 'oldest', offset: 50, limit: 25 },
    });
  });

  it('caps the page size instead of refusing a large one', () => {
    const parsed = parseRecordingQuery({ limit: '100000' });
    assert.ok(parsed.ok);
    assert.equal(parsed.query.limit, maxLimit);
  });

  it('names every problem with a bad sort, offset, limit, long search or repeated parameter', () => {
    const parsed = parseRecordingQuery({ sort: 'random', offset: '-1', limit: '0', q: ['a', 'b'] });
    assert.equal(parsed.ok, false);
    assert.deepEqual(!parsed.ok && parsed.problems, [
      'q: give it once',
      'sort: must be newest or oldest',
      'offset: must be a whole number',
      'limit: must be at least 1',
    ]);
    const long = parseRecordingQuery({ q: 'x'.repeat(201) });
    assert.deepEqual(!long.ok && long.problems, ['q: at most 200 characters']);
  });
});
