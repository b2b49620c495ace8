/**
 * The organiser rules, free of storage: what a new catalog changes, how a quick edit rewrites the
 * YAML, what the preview says, and CSV that a spreadsheet cannot run.
 */
import assert from 'node:assert/strict';
import { parseCatalog } from '../../bot/src/catalog/catalog-file.js';
import { diffCatalogs } from '../../bot/src/catalog/changes.js';
import { applyEdit, readEdit } from '../../bot/src/organise/quick-edits.js';
import { summarise } from '../../bot/src/organise/summary.js';
import { csvCell, csvDocument } from '../../bot/src/organise/csv.js';
import { toProblem } from '../../bot/src/organise/publisher.js';

const yaml = `# The programme
timeZone: Europe/London
sessions:
  # Opening session
  - id: a
    title: Stalking
    starts: 2026-05-05T10:00
    ends: 2026-05-05T11:00
    capacity: 10
    joinUrl: https://teams.microsoft.com/l/meetup-join/a
  - id: b
    title: Drug driving
    starts: 2026-05-06T10:00
    ends: 2026-05-06T11:00
recordings: []
`;
const now = new Date('2026-04-13T08:00:00Z');
const context = { now, timeZone: 'Europe/London', by: 'sam@college.police.uk' };
const edited = (edit: Parameters<typeof applyEdit>[1]) => {
  const result = applyEdit(yaml, edit, context);
  assert.ok(result.ok, JSON.stringify(result));
  return result;
};

describe('what a new catalog version changes', () => {
  const before = parseCatalog(yaml, 'a.yaml');

  it('sees nothing in the same catalog, whatever the key order or comments', () => {
    const reordered = parseCatalog(
      yaml
        .replace('  # Opening session\n', '')
        .replace(
          '    capacity: 10\n    joinUrl: https://teams.microsoft.com/l/meetup-join/a\n',
          '    joinUrl: https://teams.microsoft.com/l/meetup-join/a\n    capacity: 10\n',
        ),
      'b.yaml',
    );
    assert.equal(diffCatalogs(before, reordered).unchanged, true);
  });

  it('tells a move, a capacity change, a new join link, a removal, an addition and a recording apart', () => {
    const after = parseCatalog(
      yaml
        .replace('2026-05-05T10:00', '2026-05-05T12:00')
        .replace('2026-05-05T11:00', '2026-05-05T13:00')
        .replace('capacity: 10', 'capacity: 12')
        .replace('meetup-join/a', 'meetup-join/a2')
        .replace(/ {2}- id: b[^]*?(?=recordings)/, '  - id: c\n    title: New\n    starts: 2026-05-07T10:00\n    ends: 2026-05-07T11:00\n')
        .replace('recordings: []', 'recordings:\n  - { id: r, session: a, title: Rec, url: "https://knowledgehub.group/r", postedAt: 2026-05-06 }'),
      'c.yaml',
    );
    const diff = diffCatalogs(before, after);
    assert.deepEqual(
      diff.rescheduled.map((p) => p.after.id),
      ['a'],
    );
    assert.deepEqual(
      diff.capacity.map((p) => [p.before.capacity, p.after.capacity]),
      [[10, 12]],
    );
    assert.deepEqual(
      diff.changed.map((c) => c.fields),
      [['joinUrl']],
    );
    assert.deepEqual(
      diff.withdrawn.map((s) => s.id),
      ['b'],
    );
    assert.deepEqual(
      diff.added.map((s) => s.id),
      ['c'],
    );
    assert.deepEqual(
      diff.recordingsAdded.map((r) => r.id),
      ['r'],
    );

    const summary = summarise(
      diff,
      after,
      new Map([
        ['a', { booked: 10, waitlisted: 4 }],
        ['b', { booked: 3, waitlisted: 0 }],
      ]),
      new Map(),
      now,
    );
    assert.deepEqual(summary.counts, { added: 1, changed: 1, rescheduled: 1, withdrawn: 1, capacityUp: 1, capacityDown: 0, recordingsAdded: 1 });
    assert.equal(summary.capacity[0]!.promoted, 2, 'two more places for fourteen waiting');
    assert.equal(summary.recordingsAdded[0]!.officers, 14);
    assert.equal(
      summary.text,
      '1 session added, 1 session rescheduled (10 booked, 4 waiting), 1 session cancelled (3 booked), capacity raised on 1 session (2 promoted from the waitlist), details changed on 1 session, 1 recording posted.',
    );
  });

  it('leaves the bookings of a session that has already run alone when it is removed', () => {
    const after = parseCatalog(yaml.replace(/ {2}- id: b[^]*?(?=recordings)/, ''), 'd.yaml');
    const later = new Date('2026-05-07T00:00:00Z');
    const summary = summarise(diffCatalogs(before, after), after, new Map([['b', { booked: 3, waitlisted: 1 }]]), new Map(), later);
    assert.deepEqual(
      summary.withdrawn.map((w) => [w.booked, w.waitlisted]),
      [[0, 0]],
    );
  });
});

describe('quick edits to the published YAML', () => {
  it('moves a session, keeping the comments and the rest of the file', () => {
    const result = edited({ kind: 'move', sessionId: 'a', date: '2026-05-08', start: '14:30', end: '15:15' });
    assert.match(result.yaml, /# The programme/);
    assert.match(result.yaml, /# Opening session/);
    const s = parseCatalog(result.yaml, 'x.yaml').sessions.find((x) => x.id === 'a')!;
    assert.equal(s.startsAt.toISOString(), '2026-05-08T13:30:00.000Z');
    assert.equal(s.endsAt.toISOString(), '2026-05-08T14:15:00.000Z');
  });

  it('sets and removes a capacity', () => {
    assert.equal(parseCatalog(edited({ kind: 'capacity', sessionId: 'b', capacity: 40 }).yaml, 'x').sessions[1]!.capacity, 40);
    assert.equal(parseCatalog(edited({ kind: 'capacity', sessionId: 'a', capacity: null }).yaml, 'x').sessions[0]!.capacity, undefined);
  });

  it('cancels a session with the message for its officers, noting who did it in the file', () => {
    const result = edited({ kind: 'cancel', sessionId: 'b', message: 'Presenter unwell.' });
    assert.deepEqual([...result.withdrawnMessages], [['b', 'Presenter unwell.']]);
    assert.deepEqual(
      parseCatalog(result.yaml, 'x').sessions.map((s) => s.id),
      ['a'],
    );
    assert.match(result.yaml, /Cancelled 2026-04-13 09:00 by sam@college\.police\.uk: b \(Drug driving\)/);
  });

  it('posts a recording with its length, posted today by default', () => {
    const result = edited({ kind: 'recording', sessionId: 'a', title: 'Stalking (recording)', url: 'https://knowledgehub.group/web/x', durationMinutes: 44 });
    assert.deepEqual(parseCatalog(result.yaml, 'x').recordings, [
      {
        id: 'rec-a',
        sessionId: 'a',
        title: 'Stalking (recording)',
        url: 'https://knowledgehub.group/web/x',
        postedOn: '2026-04-13',
        durationSeconds: 2640,
        sample: false,
      },
    ]);
  });

  it('names the field of every mistake, before touching the file', () => {
    const paths = (body: unknown) => {
      const r = readEdit(body);
      return r.ok ? [] : r.problems.map((p) => p.path);
    };
    assert.deepEqual(paths({ kind: 'move', sessionId: 'a', date: '5 May', start: '9am', end: '10:00' }), ['date', 'start']);
    assert.deepEqual(paths({ kind: 'capacity', sessionId: 'a', capacity: 2.5 }), ['capacity']);
    assert.deepEqual(paths({ kind: 'cancel', sessionId: 'a', message: '   ' }), ['message']);
    assert.deepEqual(paths({ kind: 'recording', sessionId: 'a', title: 'x', url: 'javascript:alert(1)' }), ['url']);
    assert.deepEqual(paths({ kind: 'delete-everything' }), ['kind']);
    const unknown = applyEdit(yaml, { kind: 'capacity', sessionId: 'zzz', capacity: 3 }, context);
    assert.ok(!unknown.ok && unknown.problems[0]!.path === 'sessionId');
  });
});

describe('problems and CSV', () => {
  it('splits a catalog problem into its place, path and message', () => {
    assert.deepEqual(toProblem('catalog.yaml:12:5: sessions[3].ends: must be after "starts"'), {
      line: 12,
      column: 5,
      path: 'sessions[3].ends',
      message: 'must be after "starts"',
      text: 'catalog.yaml:12:5: sessions[3].ends: must be after "starts"',
    });
    assert.equal(toProblem('catalog.yaml:2:1: YAML: Unexpected end').message, 'YAML: Unexpected end');
  });

  it('defuses every cell a spreadsheet would run as a formula, and quotes what needs it', () => {
    assert.equal(csvCell('=1+2'), "'=1+2");
    assert.equal(csvCell('+44 7700 900123'), "'+44 7700 900123");
    assert.equal(csvCell('-2'), "'-2");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('\tx'), "'\tx");
    assert.equal(csvCell('O\'Brien, "Jo"'), '"O\'Brien, ""Jo"""');
    assert.equal(csvCell('Zoë'), 'Zoë');
    assert.equal(csvDocument(['a', 'b'], [['1', '2']]), '\uFEFFa,b\r\n1,2\r\n');
  });
});
