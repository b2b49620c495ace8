/**
 * The My CPD API in local mode (loopback, no SSO): whose record is named by ?officer=, the list
 * and totals, reflections saved and refused, and the downloads: CSV that a spreadsheet opens
 * without running anything, a one-page PDF read back with PDF.js (and drawn to PNG). The
 * organisers' registrations never carry an officer's reflections.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { startApp, type RunningApp } from '../support/app.js';
import { artifactPath } from '../support/browser.js';
import { pdfText, renderPdfPage } from '../support/pdf.js';
import type { CpdRecordJson } from '../../bot/src/cpd/wire.js';

const me = { aadObjectId: '3c9e6b1a-7d24-4f58-b0e3-5a1d2c8f9e01', name: 'PC Alex Morgan', email: 'alex.morgan@police.example' };
const colleague = { aadObjectId: '3c9e6b1a-7d24-4f58-b0e3-5a1d2c8f9e02', name: 'DS Priya Shah', email: 'priya.shah@police.example' };
const NOW = '2026-05-20T12:00:00+01:00';
const sessions = [
  { id: 'stalking', title: 'Stalking: spotting the pattern', starts: '2026-05-05T10:00', ends: '2026-05-05T11:00', campaign: 'vawg' },
  { id: 'formula', title: '=HYPERLINK("http://example.com","Click")', starts: '2026-05-06T10:00', ends: '2026-05-06T10:30' },
  { id: 'welsh', title: 'Plismona yng Nghymru: ŵyr a ŷd', starts: '2026-05-07T10:00', ends: '2026-05-07T11:15' },
  { id: 'old', title: 'Custody: detainee welfare', starts: '2025-03-14T10:00', ends: '2025-03-14T12:00' },
  ...Array.from({ length: 30 }, (_, i) => ({
    id: `many-${i}`,
    title: `Roads policing, part ${i + 1}: collision investigation and the family liaison officer's role`,
    starts: `2026-02-${String((i % 28) + 1).padStart(2, '0')}T${String(8 + Math.floor(i / 28)).padStart(2, '0')}:00`,
    ends: `2026-02-${String((i % 28) + 1).padStart(2, '0')}T${String(9 + Math.floor(i / 28)).padStart(2, '0')}:00`,
  })),
];
const campaigns = [{ id: 'vawg', title: 'Violence against women and girls week', starts: '2026-05-04', ends: '2026-05-08' }];

describe('the My CPD API in local mode, with CSV and PDF downloads', function () {
  this.timeout(60_000);
  let running: RunningApp;
  let dir: string;
  const get = (p: string) => fetch(`${running.baseUrl}${p}`);
  const json = async <T>(p: string): Promise<{ status: number; body: T }> => {
    const response = await get(p);
    return { status: response.status, body: (await response.json()) as T };
  };
  const put = (id: number, body: unknown, officer = me.aadObjectId) =>
    fetch(`${running.baseUrl}/api/cpd/entries/${id}/reflection?officer=${officer}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const record = (officerId: string, sessionId: string, minutes: number, kind: 'attended' | 'recording' = 'attended') =>
    running.app.cpd.record({ officerId, sessionId, kind, minutes, at: running.app.clock.now() });
  const entryId = async (officerId: string, sessionId: string) =>
    (await running.app.db.query<{ id: number }>('select id from cpd_entries where officer_id = $1 and session_id = $2', [officerId, sessionId]))[0]!.id;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cpd-api-'));
    const file = path.join(dir, 'catalog.yaml');
    writeFileSync(file, stringify({ timeZone: 'Europe/London', campaigns, sessions, recordings: [] }));
    running = await startApp({ now: NOW, env: { CATALOG_FILE: file } });
    // The officers are known from booking (name and e-mail), as they would be.
    await running.app.db.query(`insert into officers (aad_object_id, name, email) values ($1, $2, $3), ($4, $5, $6)`, [
      me.aadObjectId,
      me.name,
      me.email,
      colleague.aadObjectId,
      colleague.name,
      colleague.email,
    ]);
    await record(me.aadObjectId, 'stalking', 60);
    await record(me.aadObjectId, 'formula', 30);
    await record(me.aadObjectId, 'welsh', 75, 'recording');
    await record(me.aadObjectId, 'old', 120);
    await record(colleague.aadObjectId, 'stalking', 60);
    await running.app.cpd.setReflection(
      colleague.aadObjectId,
      await entryId(colleague.aadObjectId, 'stalking'),
      'PRIVATE-COLLEAGUE-NOTE about my own practice',
    );
    // Notes a spreadsheet would run as formulas, with quotes, commas and a line break.
    await running.app.cpd.setReflection(
      me.aadObjectId,
      await entryId(me.aadObjectId, 'stalking'),
      '=1+1 is how I remember the two-step check, "quoted", with a comma',
    );
    await running.app.cpd.setReflection(me.aadObjectId, await entryId(me.aadObjectId, 'formula'), '@SUM(A1:A9) and\nmore');
  });
  after(async () => {
    await running?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the named officer’s record newest first with this year’s and the last 12 months’ totals', async () => {
    const { status, body } = await json<CpdRecordJson>(`/api/cpd?officer=${me.aadObjectId}`);
    assert.equal(status, 200);
    assert.equal(body.name, 'PC Alex Morgan');
    assert.deepEqual(body.totals, { year: 2026, thisYearMinutes: 165, last12MonthsMinutes: 165 });
    assert.equal(body.total, 4);
    assert.deepEqual(
      body.items.map((e) => [e.sessionId, e.kind, e.minutes]),
      [
        ['welsh', 'recording', 75],
        ['formula', 'attended', 30],
        ['stalking', 'attended', 60],
        ['old', 'attended', 120],
      ],
    );
    assert.equal(body.items.find((e) => e.sessionId === 'stalking')!.campaignTitle, 'Violence against women and girls week');
    assert.equal(body.items[0]!.occurredAt, new Date(NOW).toISOString(), 'a recording counts on the day it was watched');
    assert.ok(!JSON.stringify(body).includes('PRIVATE-COLLEAGUE-NOTE'));
    const paged = await json<CpdRecordJson>(`/api/cpd?officer=${me.aadObjectId}&offset=1&limit=2`);
    assert.deepEqual(
      paged.body.items.map((e) => e.sessionId),
      ['formula', 'stalking'],
    );
    assert.equal(paged.body.total, 4);
  });

  it('asks whose record to show in local mode, and refuses paging it cannot read', async () => {
    for (const p of ['/api/cpd', '/api/cpd?officer=', '/api/cpd?officer=not-a-guid', '/api/cpd/record.csv', '/api/cpd/record.pdf']) {
      const { status, body } = await json<{ error: string; message: string }>(p);
      assert.equal(status, 400, p);
      assert.match(body.message, /add \?officer=/);
    }
    for (const q of ['offset=-1', 'limit=0', 'limit=501', 'offset=x']) {
      const { status } = await json(`/api/cpd?officer=${me.aadObjectId}&${q}`);
      assert.equal(status, 400, q);
    }
    const nobody = await json<CpdRecordJson>('/api/cpd?officer=00000000-0000-4000-8000-000000000999');
    assert.equal(nobody.status, 200);
    assert.deepEqual([nobody.body.total, nobody.body.name, nobody.body.items], [0, null, []]);
  });

  it('saves, edits and clears a reflection, and refuses a bad one with the text given back', async () => {
    const id = await entryId(me.aadObjectId, 'welsh');
    const saved = await put(id, { reflection: '  Log every contact.\r\nBrief the shift.  ' });
    assert.equal(saved.status, 200);
    assert.equal(((await saved.json()) as { reflection: string }).reflection, 'Log every contact.\nBrief the shift.');
    const tooLong = await put(id, { reflection: 'x'.repeat(2001) });
    assert.equal(tooLong.status, 422);
    const refusal = (await tooLong.json()) as { message: string; keep: string };
    assert.match(refusal.message, /2,001 characters long; the most a reflection can be is 2,000/);
    assert.equal(refusal.keep.length, 2001);
    const control = await put(id, { reflection: 'bell\u0007' });
    assert.equal(control.status, 422);
    assert.equal(((await control.json()) as { keep: string }).keep, 'bell');
    assert.equal((await put(id, 'not json')).status, 400);
    assert.equal((await put(id, { note: 'wrong field' })).status, 400);
    const list = await json<CpdRecordJson>(`/api/cpd?officer=${me.aadObjectId}`);
    assert.equal(list.body.items.find((e) => e.id === id)!.reflection, 'Log every contact.\nBrief the shift.');
    // Someone else's entry, or no entry, is simply not in this officer's record.
    assert.equal((await put(await entryId(colleague.aadObjectId, 'stalking'), { reflection: 'mine now' })).status, 404);
    assert.equal((await put(99_999, { reflection: 'x' })).status, 404);
    const [theirs] = await running.app.db.query<{ reflection: string }>('select reflection from cpd_entries where officer_id = $1', [colleague.aadObjectId]);
    assert.equal(theirs!.reflection, 'PRIVATE-COLLEAGUE-NOTE about my own practice');
    const cleared = await put(id, { reflection: '' });
    assert.equal(((await cleared.json()) as { reflection: string | null }).reflection, null);
  });

  it('downloads the record as CSV: UTF-8 with a BOM, one row per entry, no cell a spreadsheet would run', async () => {
    const response = await get(`/api/cpd/record.csv?officer=${me.aadObjectId}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal(response.headers.get('content-disposition'), 'attachment; filename="cpd-record-2026-05-20.csv"');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const bytes = Buffer.from(await response.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
    const csv = bytes.toString('utf8').slice(1);
    const lines = csv.split('\r\n');
    assert.equal(lines[0], 'Date,Session,Week of action,Activity,Minutes,Hours,Reflection');
    assert.equal(lines[1], '2026-05-20,Plismona yng Nghymru: ŵyr a ŷd,,Recording watched,75,1.25,');
    // A line break inside a reflection stays inside its quoted cell.
    assert.equal(lines[2], `2026-05-06,"'=HYPERLINK(""http://example.com"",""Click"")",,Attended,30,0.50,"'@SUM(A1:A9) and\nmore"`);
    assert.equal(
      lines[3],
      `2026-05-05,Stalking: spotting the pattern,Violence against women and girls week,Attended,60,1.00,"'=1+1 is how I remember the two-step check, ""quoted"", with a comma"`,
    );
    assert.equal(lines[4], '2025-03-14,Custody: detainee welfare,,Attended,120,2.00,');
    assert.equal(lines[5], '');
    assert.ok(!csv.includes('PRIVATE-COLLEAGUE-NOTE'));
  });

  it('downloads a one-page PDF summary whose text names the officer, the totals and each entry', async () => {
    const response = await get(`/api/cpd/record.pdf?officer=${me.aadObjectId}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    assert.equal(response.headers.get('content-disposition'), 'attachment; filename="cpd-record-2026-05-20.pdf"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    assert.equal(Buffer.from(bytes.subarray(0, 5)).toString('latin1'), '%PDF-');
    const { pages, lines, info } = await pdfText(bytes);
    assert.equal(pages, 1);
    const page = lines[0]!;
    assert.equal(info.Title, 'CPD record');
    assert.equal(info.Author, 'PC Alex Morgan');
    for (const expected of [
      'CPD record',
      'PC Alex Morgan',
      'Produced on Wed 20 May 2026 from the College of Policing CPD weeks of action app. Dates are UK time.',
      'This year (2026) Last 12 months Entries in the record',
      '2 hours 45 minutes 2 hours 45 minutes 4',
      'DATE SESSION ACTIVITY MINUTES',
      // Helvetica has no ŵ or ŷ: the letters are kept, without the accent.
      'Wed 20 May 2026 Plismona yng Nghymru: wyr a yd Recording watched 75',
      'Wed 6 May 2026 =HYPERLINK("http://example.com","Click") Attended 30',
      'Tue 5 May 2026 Stalking: spotting the pattern Attended 60',
      'Fri 14 Mar 2025 Custody: detainee welfare Attended 120',
    ]) {
      assert.ok(page.includes(expected), `the PDF lacks "${expected}":\n${page.join('\n')}`);
    }
    assert.ok(
      page.some((l) => l.startsWith('=1+1 is how I remember the two-step check')),
      'a reflection is under its session',
    );
    assert.ok(!page.join('\n').includes('PRIVATE-COLLEAGUE-NOTE'));
    await renderPdfPage(bytes, artifactPath('cpd-record.pdf.png'));
  });

  it('keeps a long record to one page, saying how many earlier entries the CSV has', async () => {
    const busy = '3c9e6b1a-7d24-4f58-b0e3-5a1d2c8f9e03';
    for (let i = 0; i < 30; i++) await record(busy, `many-${i}`, 60);
    for (const row of await running.app.db.query<{ id: number }>('select id from cpd_entries where officer_id = $1', [busy])) {
      await running.app.cpd.setReflection(
        busy,
        row.id,
        'A long note on what I took from it, how it changes the way I work a scene, and what I will share with my team. '.repeat(5),
      );
    }
    const bytes = new Uint8Array(await (await get(`/api/cpd/record.pdf?officer=${busy}`)).arrayBuffer());
    const { pages, lines } = await pdfText(bytes);
    assert.equal(pages, 1);
    const rest = lines[0]!.find((l) => /^And \d+ earlier entries: the CSV download lists every entry with its full reflection\.$/.test(l));
    assert.ok(rest, lines[0]!.join('\n'));
    const shown = lines[0]!.filter((l) => /Roads policing, part \d+/.test(l)).length;
    assert.equal(Number(/^And (\d+)/.exec(rest)![1]) + shown, 30, 'every entry is either shown or counted');
    await renderPdfPage(bytes, artifactPath('cpd-record-long.pdf.png'));
  });

  it('keeps reflections out of the organisers’ registrations, on screen and in the CSV', async () => {
    // Both had booked the session (it has happened since, so it can no longer be booked now).
    for (const [n, officer] of [me, colleague].entries()) {
      await running.app.db.query(
        `insert into bookings (session_id, officer_id, status, ics_token, booked_at) values ('stalking', $1, 'booked', $2, '2026-04-20T09:00:00Z')`,
        [officer.aadObjectId, `cpd-api-token-${n}`],
      );
    }
    const onScreen = await (await get('/api/organiser/sessions/stalking/registrations')).text();
    const csv = await (await get('/api/organiser/registrations.csv')).text();
    const one = await (await get('/api/organiser/registrations.csv?session=stalking')).text();
    assert.match(onScreen, /DS Priya Shah/);
    assert.match(csv, /priya\.shah@police\.example/);
    for (const text of [onScreen, csv, one]) {
      assert.ok(!text.includes('PRIVATE-COLLEAGUE-NOTE'));
      assert.ok(!text.includes('two-step check'));
      assert.ok(!/reflection/i.test(text));
    }
  });
});
