/**
 * CPD rules against the real store: one entry per officer, session and kind however often it is
 * asked, and the year's and the last 12 months' totals counted in UK time by the app's clock.
 */
import assert from 'node:assert/strict';
import { fixedClock, type Clock } from '../../bot/src/clock.js';
import { CpdRecord } from '../../bot/src/cpd/cpd-record.js';
import { checkReflection } from '../../bot/src/cpd/reflection.js';
import { pdfText } from '../../bot/src/cpd/cpd-export.js';
import { testDb, type TestDb } from '../support/db.js';

async function addSession(db: TestDb['db'], id: string, startsAt: string, minutes = 60, title = `Session ${id}`): Promise<void> {
  const starts = new Date(startsAt);
  await db.query('insert into sessions (id, title, starts_at, ends_at) values ($1, $2, $3, $4)', [
    id,
    title,
    starts,
    new Date(starts.getTime() + minutes * 60_000),
  ]);
}

describe('CPD record rules', () => {
  let t: TestDb;
  let now: Date;
  const clock: Clock = { now: () => now };
  beforeEach(async () => {
    t = await testDb();
    now = new Date('2026-01-10T12:00:00Z');
  });
  afterEach(() => t.drop());

  it('records an officer, session and kind once, however often it is asked, even at the same moment', async () => {
    await addSession(t.db, 's1', '2026-01-05T10:00:00Z');
    const cpd = new CpdRecord(t.db, clock);
    const entry = { officerId: 'o1', sessionId: 's1', kind: 'attended' as const, minutes: 60, at: now };
    await Promise.all([cpd.record(entry), cpd.record(entry), cpd.record({ ...entry, minutes: 90 })]);
    await cpd.record(entry);
    const rows = await t.db.query<{ minutes: number }>('select minutes from cpd_entries');
    assert.deepEqual(
      rows.map((r) => r.minutes),
      [60],
    );
    // Another kind for the same session, and another officer, are entries of their own.
    await cpd.record({ ...entry, kind: 'recording', minutes: 45 });
    await cpd.record({ ...entry, officerId: 'o2' });
    assert.equal((await cpd.totals('o1')).entries, 2);
    assert.equal((await cpd.totals('o2')).entries, 1);
  });

  it('refuses minutes below one and a session it does not know', async () => {
    await addSession(t.db, 's1', '2026-01-05T10:00:00Z');
    const cpd = new CpdRecord(t.db, clock);
    await assert.rejects(cpd.record({ officerId: 'o1', sessionId: 's1', kind: 'attended', minutes: 0, at: now }), RangeError);
    await assert.rejects(cpd.record({ officerId: 'o1', sessionId: 'nope', kind: 'attended', minutes: 30, at: now }), /no session nope/);
  });

  it('counts this year and the last 12 months in UK time, across the year boundary', async () => {
    // 23:30 on 31 December in London is still last year; 00:30 on 1 January (UK time) is this year.
    await addSession(t.db, 'nye', '2025-12-31T23:30:00Z', 30);
    await addSession(t.db, 'nyd', '2026-01-01T00:30:00Z', 45);
    // A summer session at 00:30 BST on 1 July 2025 is 23:30 UTC on 30 June.
    await addSession(t.db, 'summer', '2025-06-30T23:30:00Z', 60);
    await addSession(t.db, 'old', '2025-01-10T11:00:00Z', 120);
    await addSession(t.db, 'edge', '2025-01-10T12:30:00Z', 15);
    const cpd = new CpdRecord(t.db, clock);
    for (const [id, minutes] of [
      ['nye', 30],
      ['nyd', 45],
      ['summer', 60],
      ['old', 120],
      ['edge', 15],
    ] as const) {
      await cpd.record({ officerId: 'o1', sessionId: id, kind: 'attended', minutes, at: now });
    }
    // A recording watched now counts on the day it was watched, whenever its session ran.
    await cpd.record({ officerId: 'o1', sessionId: 'old', kind: 'recording', minutes: 100, at: now });
    const totals = await cpd.totals('o1');
    assert.equal(totals.year, 2026);
    assert.equal(totals.thisYearMinutes, 45 + 100);
    // 'old' ran before 12:00 on 10 January 2025 (outside); 'edge' after (inside).
    assert.equal(totals.last12MonthsMinutes, 30 + 45 + 60 + 15 + 100);
    assert.deepEqual(await cpd.totals('nobody'), { year: 2026, thisYearMinutes: 0, last12MonthsMinutes: 0, entries: 0 });
  });

  it('takes the year from UK time at the turn of the year, and counts nothing dated after now', async () => {
    await addSession(t.db, 'a', '2026-12-31T10:00:00Z', 60);
    await addSession(t.db, 'later', '2027-02-01T10:00:00Z', 60);
    const cpd = new CpdRecord(t.db, fixedClock(new Date('2026-12-31T23:59:00Z')));
    await cpd.record({ officerId: 'o1', sessionId: 'a', kind: 'attended', minutes: 60, at: now });
    await cpd.record({ officerId: 'o1', sessionId: 'later', kind: 'attended', minutes: 60, at: now });
    assert.equal((await cpd.totals('o1')).year, 2026);
    assert.equal((await cpd.totals('o1')).thisYearMinutes, 60);
    const newYear = new CpdRecord(t.db, fixedClock(new Date('2027-01-01T00:00:00Z')));
    assert.equal((await newYear.totals('o1')).year, 2027);
    assert.equal((await newYear.totals('o1')).thisYearMinutes, 0);
    assert.equal((await newYear.totals('o1')).last12MonthsMinutes, 60);
  });
});

describe('checking a reflection note', () => {
  it('keeps line breaks, trims the ends, and treats an empty or missing note as none', () => {
    assert.deepEqual(checkReflection('  First line\r\nsecond\rthird\n\n'), { ok: true, text: 'First line\nsecond\nthird' });
    assert.deepEqual(checkReflection('\t  \n'), { ok: true, text: null });
    assert.deepEqual(checkReflection(undefined), { ok: true, text: null });
    assert.deepEqual(checkReflection('Cafe\u0301'), { ok: true, text: 'Caf\u00e9' });
  });

  it('counts characters as officers do: 2,000 emoji fit, 2,001 letters do not', () => {
    assert.equal(checkReflection('👮'.repeat(2000)).ok, true);
    const over = checkReflection('a'.repeat(2001));
    assert.equal(over.ok, false);
    assert.ok(!over.ok && over.problem === 'too-long' && over.keep === 'a'.repeat(2001));
  });

  it('refuses NUL, other control characters and half a surrogate pair, giving back the text without them', () => {
    for (const [raw, kept, count] of [
      ['a\u0000b', 'ab', 'a character'],
      ['a\u0007b\u001bc\u0085', 'abc', '3 characters'],
      ['x\ud800y\udc00', 'xy', '2 characters'],
    ] as const) {
      const result = checkReflection(raw);
      assert.ok(!result.ok && result.problem === 'unprintable', raw);
      assert.equal(result.keep, kept);
      assert.ok(result.message.includes(count), result.message);
    }
    // A whole emoji, a tab and a line break are not control characters to refuse.
    assert.deepEqual(checkReflection('👮\tok\nyes'), { ok: true, text: '👮\tok\nyes' });
    assert.equal(checkReflection(42).ok, false);
  });
});

describe('text for the PDF’s standard font', () => {
  it('keeps Windows-1252, drops accents it lacks, leaves emoji out and marks anything else', () => {
    assert.equal(pdfText('Café – “Ŵyr” £5 €3 👮‍♀️ done 中'), 'Café – “Wyr” £5 €3 done ?');
    assert.equal(pdfText('tab\there\nand  there'), 'tab here and there');
  });
});
