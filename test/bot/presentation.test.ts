import assert from 'node:assert/strict';
import { Settings } from 'luxon';
import { presenterLine } from '../../bot/src/catalog/presenters.js';
import { formatSessionTime, markdownLink, presenterLines, sessionTiming, truncate } from '../../bot/src/teams/presentation.js';
import { dateSpan } from '../../bot/src/teams/cards/session-details.js';

const now = new Date('2026-04-13T09:00:00+01:00');

describe('session times on cards', () => {
  it('shows a summer (BST) session in UK time with an en dash', () => {
    assert.equal(formatSessionTime(new Date('2026-06-19T09:00:00Z'), new Date('2026-06-19T10:00:00Z'), now), 'Fri 19 June, 10:00\u201311:00');
    assert.equal(formatSessionTime(new Date('2026-04-20T13:00:00Z'), new Date('2026-04-20T13:45:00Z'), now), 'Mon 20 April, 14:00\u201314:45');
  });

  it('shows a winter (GMT) session in UK time', () => {
    assert.equal(formatSessionTime(new Date('2026-01-15T14:00:00Z'), new Date('2026-01-15T15:30:00Z'), now), 'Thu 15 January, 14:00\u201315:30');
  });

  it('is right on both sides of the clock changes', () => {
    // Clocks go forward at 01:00 UTC on 29 March 2026 and back at 01:00 UTC on 25 October 2026.
    assert.equal(formatSessionTime(new Date('2026-03-28T09:00:00Z'), new Date('2026-03-28T10:00:00Z'), now), 'Sat 28 March, 09:00\u201310:00');
    assert.equal(formatSessionTime(new Date('2026-03-29T09:00:00Z'), new Date('2026-03-29T10:00:00Z'), now), 'Sun 29 March, 10:00\u201311:00');
    assert.equal(formatSessionTime(new Date('2026-10-24T09:00:00Z'), new Date('2026-10-24T10:00:00Z'), now), 'Sat 24 October, 10:00\u201311:00');
    assert.equal(formatSessionTime(new Date('2026-10-25T09:00:00Z'), new Date('2026-10-25T10:00:00Z'), now), 'Sun 25 October, 09:00\u201310:00');
  });

  it('uses the UK day, not the UTC day, for a session just after midnight in summer', () => {
    assert.equal(formatSessionTime(new Date('2026-06-18T23:30:00Z'), new Date('2026-06-19T00:30:00Z'), now), 'Fri 19 June, 00:30\u201301:30');
  });

  it('adds the year only when it is not the current UK year', () => {
    assert.equal(formatSessionTime(new Date('2027-04-20T13:00:00Z'), new Date('2027-04-20T13:45:00Z'), now), 'Tue 20 April 2027, 14:00\u201314:45');
    assert.equal(formatSessionTime(new Date('2025-11-04T10:00:00Z'), new Date('2025-11-04T11:00:00Z'), now), 'Tue 4 November 2025, 10:00\u201311:00');
    // Asked on New Year's Eve in London, a session in January belongs to next year.
    assert.equal(
      formatSessionTime(new Date('2027-01-05T10:00:00Z'), new Date('2027-01-05T11:00:00Z'), new Date('2026-12-31T23:59:00Z')),
      'Tue 5 January 2027, 10:00\u201311:00',
    );
  });

  it('names both days when a session runs past midnight', () => {
    assert.equal(formatSessionTime(new Date('2026-06-19T21:00:00Z'), new Date('2026-06-19T23:30:00Z'), now), 'Fri 19 June, 22:00 \u2013 Sat 20 June, 00:30');
  });

  it('does not depend on the zone the machine runs in', () => {
    const before = Settings.defaultZone;
    Settings.defaultZone = 'America/Los_Angeles';
    try {
      assert.equal(formatSessionTime(new Date('2026-06-19T09:00:00Z'), new Date('2026-06-19T10:00:00Z'), now), 'Fri 19 June, 10:00\u201311:00');
    } finally {
      Settings.defaultZone = before;
    }
  });

  it('says whether a session is upcoming, happening now or past', () => {
    const s = { startsAt: new Date('2026-04-13T08:30:00Z'), endsAt: new Date('2026-04-13T09:30:00Z') };
    assert.equal(sessionTiming(s, new Date('2026-04-13T08:00:00Z')), 'upcoming');
    assert.equal(sessionTiming(s, new Date('2026-04-13T08:30:00Z')), 'live');
    assert.equal(sessionTiming(s, new Date('2026-04-13T09:30:00Z')), 'past');
  });

  it('writes a week of action as a span of dates', () => {
    assert.equal(dateSpan('2026-04-20', '2026-04-26'), '20\u201326 April 2026');
    assert.equal(dateSpan('2026-06-29', '2026-07-03'), '29 June \u2013 3 July 2026');
    assert.equal(dateSpan('2026-12-30', '2027-01-05'), '30 December 2026 \u2013 5 January 2027');
  });
});

describe('presenters and descriptions on cards', () => {
  it('writes a presenter with role and force, leaving out what is missing', () => {
    assert.equal(
      presenterLine({ name: 'Inspector Stuart King KPM', role: 'Operational Lead', organisation: 'Avon and Somerset Police' }),
      'Inspector Stuart King KPM, Operational Lead, Avon and Somerset Police',
    );
    assert.equal(presenterLine({ name: 'Jo Bloggs', organisation: 'College of Policing' }), 'Jo Bloggs, College of Policing');
  });

  it('lists a few presenters and counts the rest', () => {
    const p = (name: string) => ({ name });
    assert.deepEqual(presenterLines([p('A'), p('B'), p('C'), p('D'), p('E')], 3, 100), ['A', 'B', 'C', 'and 2 others']);
    assert.deepEqual(presenterLines([p('A'), p('B')], 3, 100), ['A', 'B']);
  });

  it('shortens long text at a word with an ellipsis and leaves short text alone', () => {
    assert.equal(truncate('How data can make response policing more effective', 30), 'How data can make response\u2026');
    assert.equal(truncate('  short   text ', 30), 'short text');
    assert.ok(truncate('x'.repeat(500), 100).length <= 100);
  });

  it('keeps a URL with brackets or spaces inside its markdown link', () => {
    assert.equal(markdownLink('Watch [it]', 'https://example.org/a (b).mp4'), '[Watch it](https://example.org/a%20%28b%29.mp4)');
  });
});
