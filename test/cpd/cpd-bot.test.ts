/**
 * "my cpd" and the CPD record's buttons through the running server: the card lists the officer's
 * own entries newest first with the year's and the last 12 months' totals, pages when there are
 * many, and adds, edits and clears reflections, refusing bad ones with the officer's text kept.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { startApp, teamsMessage, type RunningApp } from '../support/app.js';
import { adaptiveCards, assertValidCard, assertValidInvokeResponse, cardActions, cardBytes } from '../support/cards.js';
import type { SentActivity } from '../fakes/connector.js';
import { execute, personal, type TestOfficer } from '../organise/support.js';

const CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';
const text = (card: unknown): string => JSON.stringify(card);
const action = (card: unknown, title: string): any => cardActions(card).find((a) => a.title === title);
/** Every TextBlock's text and every fact, in order: what the officer reads. */
function reads(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(reads);
  if (!node || typeof node !== 'object') return [];
  const n = node as Record<string, unknown>;
  const own = n.type === 'TextBlock' && typeof n.text === 'string' ? [n.text] : n.title && n.value && !n.type ? [`${n.title}: ${n.value}`] : [];
  return [...own, ...Object.entries(n).flatMap(([k, v]) => (k === 'data' || k === 'choices' ? [] : reads(v)))];
}
const input = (card: any, id: string): any => JSON.stringify(card.body) && findInput(card.body, id);
function findInput(node: unknown, id: string): any {
  if (Array.isArray(node)) return node.map((n) => findInput(n, id)).find(Boolean);
  if (!node || typeof node !== 'object') return undefined;
  const n = node as Record<string, unknown>;
  if (n.id === id) return n;
  return Object.values(n)
    .map((v) => findInput(v, id))
    .find(Boolean);
}

function officer(n: number): TestOfficer {
  return {
    id: `29:cpd-${n}`,
    aadObjectId: `00000000-0000-4000-8000-0000000d${String(n).padStart(4, '0')}`,
    name: `PC Cpd ${n}`,
    personalChat: `a:cpd-personal-${n}`,
  };
}

// Wednesday 20 May 2026, 12:00 UK time: the week of action is over, and so is last year's.
const NOW = '2026-05-20T12:00:00+01:00';
const sessions = [
  { id: 'stalking', title: 'Stalking: spotting the pattern', starts: '2026-05-05T10:00', ends: '2026-05-05T11:00' },
  { id: 'drugs', title: 'Drug driving: the new roadside tests', starts: '2026-05-06T14:00', ends: '2026-05-06T15:30' },
  { id: 'dogs', title: 'Dangerous dogs: seizure and kennelling', starts: '2026-05-07T10:00', ends: '2026-05-07T10:45' },
  { id: 'last-year', title: 'Custody: detainee welfare', starts: '2025-05-14T10:00', ends: '2025-05-14T12:00' },
  { id: 'new-year-eve', title: 'Winter roads briefing', starts: '2025-12-31T23:00', ends: '2025-12-31T23:59' },
  { id: 'upcoming', title: 'Next week: knife crime', starts: '2026-05-27T10:00', ends: '2026-05-27T11:00' },
  ...Array.from({ length: 23 }, (_, i) => ({
    id: `many-${i}`,
    title: `Roads policing session ${i + 1}`,
    starts: `2026-03-${String(i + 1).padStart(2, '0')}T10:00`,
    ends: `2026-03-${String(i + 1).padStart(2, '0')}T10:30`,
  })),
];
const recordings = [
  {
    id: 'rec-dogs',
    session: 'dogs',
    title: 'Dangerous dogs (recording)',
    url: 'https://knowledgehub.group/web/dogs',
    postedAt: '2026-05-12',
    duration: 'PT44M20S',
  },
  { id: 'rec-drugs', session: 'drugs', title: 'Drug driving (recording)', url: 'https://knowledgehub.group/web/drugs', postedAt: '2026-05-12' },
];

describe('"my cpd" and the CPD record card, through the running server (Wednesday 20 May 2026)', function () {
  this.timeout(30_000);
  let running: RunningApp;
  let dir: string;
  let sentBefore = 0;

  async function press(verb: string, data: unknown, who: TestOfficer, where?: Record<string, unknown>): Promise<any> {
    const { status, body } = await running.send(execute(verb, data, where ?? personal(who)));
    assertValidInvokeResponse(body);
    assert.equal(status, body.statusCode);
    return body;
  }
  async function say(words: string, who: TestOfficer, where?: Record<string, any>): Promise<SentActivity[]> {
    const place = where ?? personal(who);
    const before = running.connector.to(place.conversation.id).length;
    const { status } = await running.send(teamsMessage(words, place));
    assert.equal(status, 200);
    return running.connector.to(place.conversation.id).slice(before);
  }
  function onlyCard(sent: SentActivity[]): any {
    assert.equal(sent.length, 1);
    const cards = adaptiveCards(sent[0]!.activity);
    assert.equal(cards.length, 1);
    assertValidCard(cards[0]);
    return cards[0];
  }
  const attended = (who: TestOfficer, sessionId: string, minutes: number) =>
    running.app.cpd.record({ officerId: who.aadObjectId, sessionId, kind: 'attended', minutes, at: running.app.clock.now() });

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cpd-bot-'));
    const file = path.join(dir, 'catalog.yaml');
    writeFileSync(file, stringify({ timeZone: 'Europe/London', campaigns: [], sessions, recordings }));
    running = await startApp({ now: NOW, env: { CATALOG_FILE: file } });
  });
  after(async () => {
    await running?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    sentBefore = running.connector.sent.length;
  });
  afterEach(() => {
    for (const card of running.connector.sent.slice(sentBefore).flatMap((s) => adaptiveCards(s.activity))) assertValidCard(card);
  });

  it('answers "my cpd", and the ways officers say it, with a kind empty record', async () => {
    const me = officer(1);
    for (const words of ['my cpd', 'My CPD record', 'show my cpd', 'my c.p.d.', 'cpd record', 'Show me my CPD hours?']) {
      const card = onlyCard(await say(words, me));
      const lines = reads(card);
      assert.ok(lines.includes('Your CPD record'), `${words}: ${lines.join(' | ')}`);
      assert.ok(lines.includes('This year (2026): 0 minutes'), lines.join(' | '));
      assert.ok(lines.includes('Last 12 months: 0 minutes'));
      assert.match(text(card), /Nothing here yet, and that\\u2019s fine|Nothing here yet, and that’s fine/);
      assert.equal(cardActions(card).length, 0, 'nothing to press on an empty record');
    }
    // A question about CPD sessions is still a "what's on" question.
    assert.doesNotMatch(text(onlyCard(await say('cpd sessions next week', me))), /Your CPD record/);
  });

  it('lists only the officer’s own entries, newest first, with date, minutes, kind and the totals', async () => {
    const me = officer(2);
    const someoneElse = officer(3);
    await attended(me, 'stalking', 60);
    await attended(me, 'drugs', 90);
    await attended(me, 'last-year', 120);
    await attended(me, 'new-year-eve', 59);
    await attended(someoneElse, 'dogs', 45);
    const added = await press('cpd.addRecording', { verb: 'cpd.addRecording', sessionId: 'dogs' }, me);
    assert.match(text(added.value), /Added to your CPD record: recording watched \(45 minutes\)/);

    const card = onlyCard(await say('my cpd', me));
    const lines = reads(card);
    // The recording was watched today, so it is the newest; last year's custody session is in neither total's window but the 12 months'.
    const titles = card.body.filter((b: any) => b.type === 'Container').map((c: any) => c.items[0].text);
    assert.deepEqual(titles, [
      'Dangerous dogs: seizure and kennelling',
      'Drug driving: the new roadside tests',
      'Stalking: spotting the pattern',
      'Winter roads briefing',
      'Custody: detainee welfare',
    ]);
    assert.ok(lines.includes('Wed 20 May 2026 · 45 minutes · Recording watched'), lines.join(' | '));
    assert.ok(lines.includes('Wed 6 May 2026 · 1 hour 30 minutes · Attended'));
    assert.ok(lines.includes('Wed 31 December 2025 · 59 minutes · Attended') || lines.includes('Wed 31 Dec 2025 · 59 minutes · Attended'), lines.join(' | '));
    assert.ok(lines.includes('This year (2026): 3 hours 15 minutes'), lines.join(' | '));
    // 12 months back from 20 May 2026 12:00: the custody session on 14 May 2025 is outside.
    assert.ok(lines.includes('Last 12 months: 4 hours 14 minutes'), lines.join(' | '));
    assert.ok(lines.includes('5 entries, newest first. Add a reflection on what you learned: it stays private to you.'));
    assert.doesNotMatch(text(card), /seizure and kennelling.*seizure and kennelling.*seizure/s, 'the other officer’s entry is not listed');
    assert.equal(input(card, 'entryId').choices.length, 5);
    assert.ok(action(card, 'Reflect'));
    assert.equal(action(card, 'Older entries'), undefined);
  });

  it('adds a reflection from the card, edits it, and clears it; the list shows it', async () => {
    const me = officer(4);
    await attended(me, 'stalking', 60);
    const card = onlyCard(await say('my cpd', me));
    const entryId = input(card, 'entryId').choices[0].value;
    const reflect = action(card, 'Reflect');
    assert.equal(reflect.associatedInputs, 'auto');

    const form = await press('cpd.reflect', { ...reflect.data, entryId }, me);
    assert.equal(form.type, CARD);
    assert.ok(reads(form.value).includes('Add a reflection'));
    const box = input(form.value, 'reflection');
    assert.equal(box.type, 'Input.Text');
    assert.equal(box.isMultiline, true);
    const save = action(form.value, 'Save reflection');

    const note = 'Learned to log each contact as part of a pattern.\r\nWill brief the team on Monday. 👮';
    const saved = await press('cpd.saveReflection', { ...save.data, reflection: note }, me);
    assert.equal(saved.type, CARD);
    assert.ok(reads(saved.value).includes('Saved your reflection on “Stalking: spotting the pattern”.'));
    assert.ok(reads(saved.value).includes('Learned to log each contact as part of a pattern. Will brief the team on Monday. 👮'));
    const [row] = await running.app.db.query<{ reflection: string }>('select reflection from cpd_entries where id = $1', [Number(entryId)]);
    assert.equal(row!.reflection, 'Learned to log each contact as part of a pattern.\nWill brief the team on Monday. 👮');

    const edit = await press('cpd.reflect', { ...reflect.data, entryId }, me);
    assert.ok(reads(edit.value).includes('Edit your reflection'));
    assert.equal(input(edit.value, 'reflection').value, row!.reflection, 'the saved note is in the box, line break and all');
    const edited = await press('cpd.saveReflection', { ...save.data, reflection: '  Shared the checklist with my shift.  ' }, me);
    assert.ok(reads(edited.value).includes('Shared the checklist with my shift.'));

    const cleared = await press('cpd.saveReflection', { ...save.data, reflection: '' }, me);
    assert.ok(reads(cleared.value).includes('Removed your reflection on “Stalking: spotting the pattern”.'));
    assert.ok(reads(cleared.value).includes('No reflection yet.'));
    // An old client that leaves an empty box out of the data clears it too.
    const again = await press('cpd.saveReflection', { ...save.data }, me);
    assert.match(text(again.value), /Nothing to save/);
  });

  it('refuses a note over 2,000 characters, or with control characters, keeping the officer’s text', async () => {
    const me = officer(5);
    await attended(me, 'drugs', 90);
    const card = onlyCard(await say('my cpd', me));
    const entryId = input(card, 'entryId').choices[0].value;
    const form = await press('cpd.reflect', { verb: 'cpd.reflect', offset: 0, entryId }, me);
    const save = action(form.value, 'Save reflection');

    // 2,000 characters (emoji count as one each, as officers count them) is fine ...
    const longest = '🚓'.repeat(10) + 'a'.repeat(1990);
    const ok = await press('cpd.saveReflection', { ...save.data, reflection: longest }, me);
    assert.match(text(ok.value), /Saved your reflection/);
    // ... one more is refused, and the text comes back in the box.
    const tooLong = `${longest}!`;
    const refused = await press('cpd.saveReflection', { ...save.data, reflection: tooLong }, me);
    assert.equal(refused.type, CARD);
    assert.ok(
      reads(refused.value).some((l) => l.startsWith('Your note is 2,001 characters long; the most a reflection can be is 2,000. Please shorten it by 1')),
      reads(refused.value).join(' | '),
    );
    assert.equal(input(refused.value, 'reflection').value, tooLong);
    const [kept] = await running.app.db.query<{ reflection: string }>('select reflection from cpd_entries where id = $1', [Number(entryId)]);
    assert.equal(kept!.reflection, longest, 'the saved note is unchanged');

    // A huge paste comes back as much as fits on a card.
    const huge = await press('cpd.saveReflection', { ...save.data, reflection: 'x'.repeat(60_000) }, me);
    assert.ok(cardBytes(huge.value) < 28 * 1024);
    assert.match(text(huge.value), /Only the first part of it fitted back in the box/);

    // (A NUL never gets this far: the HTTP edge refuses any request that holds one.)
    const controls = await press('cpd.saveReflection', { ...save.data, reflection: 'Good\u001b session\u0007 overall' }, me);
    assert.match(text(controls.value), /2 characters that can't be stored/);
    assert.equal(input(controls.value, 'reflection').value, 'Good session overall');
    const lone = await press('cpd.saveReflection', { ...save.data, reflection: 'half a pair \ud83d here' }, me);
    assert.match(text(lone.value), /a character that can't be stored/);
    assert.equal(input(lone.value, 'reflection').value, 'half a pair  here');
    const [still] = await running.app.db.query<{ reflection: string }>('select reflection from cpd_entries where id = $1', [Number(entryId)]);
    assert.equal(still!.reflection, longest);

    // Not a string at all: a sentence, not a stack trace.
    const odd = await press('cpd.saveReflection', { ...save.data, reflection: { text: 'x' } }, me);
    assert.match(text(odd.value), /couldn't read that note/);
  });

  it('pages a long record ten at a time, each card under 28 KB with at most 6 actions, even with the longest reflections', async () => {
    const me = officer(6);
    for (let i = 0; i < 23; i++) await attended(me, `many-${i}`, 30);
    const rows = await running.app.db.query<{ id: number }>('select id from cpd_entries where officer_id = $1', [me.aadObjectId]);
    for (const r of rows) await running.app.cpd.setReflection(me.aadObjectId, r.id, '"\\</>'.repeat(400));
    const first = onlyCard(await say('my cpd', me));
    assert.ok(reads(first).includes('Showing 1–10 of 23.'));
    assert.equal(action(first, 'Newer entries'), undefined);
    const second = await press('cpd.mine', action(first, 'Older entries').data, me);
    assert.ok(reads(second.value).includes('Showing 11–20 of 23.'));
    const third = await press('cpd.mine', action(second.value, 'Older entries').data, me);
    assert.ok(reads(third.value).includes('Showing 21–23 of 23.'));
    assert.equal(action(third.value, 'Older entries'), undefined);
    const back = await press('cpd.mine', action(third.value, 'Newer entries').data, me);
    assert.ok(reads(back.value).includes('Showing 11–20 of 23.'));
    for (const card of [first, second.value, third.value]) assert.ok(cardBytes(card) < 28 * 1024, `${cardBytes(card)} bytes`);
    // Saving a reflection returns to the page that entry is on.
    const entryId = input(third.value, 'entryId').choices[1].value;
    const saved = await press('cpd.saveReflection', { verb: 'cpd.saveReflection', offset: 20, entryId: Number(entryId), reflection: 'Short now.' }, me);
    assert.ok(reads(saved.value).includes('Showing 21–23 of 23.'));
    assert.ok(reads(saved.value).includes('Short now.'));
  });

  it('"Add to my CPD record" under a recording: the recording’s length, or the session’s; once; not for a session attended or still to come', async () => {
    const me = officer(7);
    const add = (sessionId: string) => press('cpd.addRecording', { verb: 'cpd.addRecording', sessionId }, me);
    const dogs = await add('dogs');
    assert.match(text(dogs.value), /Added to your CPD record: recording watched \(45 minutes\)/);
    assert.ok(input(dogs.value, 'reflection'), 'the box for a reflection is right there');
    assert.match(text((await add('dogs')).value), /Already in your CPD record: recording watched \(45 minutes\)/);
    // No length on the recording: the session's 90 minutes.
    assert.match(text((await add('drugs')).value), /recording watched \(1 hour 30 minutes\)/);
    await attended(me, 'stalking', 60);
    assert.match(text((await add('stalking')).value), /already in your CPD record: you attended it \(1 hour\)/);
    const upcoming = await add('upcoming');
    assert.equal(upcoming.type, MESSAGE);
    assert.match(upcoming.value, /hasn’t taken place yet/);
    const gone = await add('no-such-session');
    assert.equal(gone.type, MESSAGE);
    const rows = await running.app.db.query<{ session_id: string; kind: string; minutes: number }>(
      'select session_id, kind, minutes from cpd_entries where officer_id = $1 order by session_id, kind',
      [me.aadObjectId],
    );
    assert.deepEqual(rows, [
      { session_id: 'dogs', kind: 'recording', minutes: 45 },
      { session_id: 'drugs', kind: 'recording', minutes: 90 },
      { session_id: 'stalking', kind: 'attended', minutes: 60 },
    ]);
  });

  it('never shows or changes another officer’s entry, and keeps the record out of group chats', async () => {
    const me = officer(8);
    const other = officer(9);
    await attended(other, 'stalking', 60);
    const [theirs] = await running.app.db.query<{ id: number }>('select id from cpd_entries where officer_id = $1', [other.aadObjectId]);
    const peek = await press('cpd.reflect', { verb: 'cpd.reflect', offset: 0, entryId: String(theirs!.id) }, me);
    assert.equal(peek.type, MESSAGE);
    assert.match(peek.value, /couldn't find that entry in your CPD record/);
    const write = await press('cpd.saveReflection', { verb: 'cpd.saveReflection', offset: 0, entryId: theirs!.id, reflection: 'mine now' }, me);
    assert.equal(write.type, MESSAGE);
    const [row] = await running.app.db.query<{ reflection: string | null }>('select reflection from cpd_entries where id = $1', [theirs!.id]);
    assert.equal(row!.reflection, null);
    // An officer id in the data is never read.
    const spoof = await press('cpd.mine', { verb: 'cpd.mine', offset: 0, officerId: other.aadObjectId }, me);
    assert.doesNotMatch(text(spoof.value), /Stalking/);

    const group = {
      from: personal(other).from,
      conversation: { id: '19:cpd-group@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: 'tenant-1' },
    };
    const sent = await say('<at>CPD sessions</at> my cpd', other, {
      ...group,
      entities: [{ type: 'mention', text: '<at>CPD sessions</at>', mentioned: { id: '28:cpd-bot', name: 'CPD sessions' } }],
    });
    assert.equal(sent.length, 1);
    assert.match(sent[0]!.activity.text ?? '', /Your CPD record is private/);
    assert.equal(adaptiveCards(sent[0]!.activity).length, 0);
    const pressed = await press('cpd.mine', { verb: 'cpd.mine', offset: 0 }, other, group);
    assert.equal(pressed.type, MESSAGE);
    assert.match(pressed.value, /private/);
  });

  it('refuses a button whose data it cannot read with a sentence, and asks who you are without an Entra id', async () => {
    const me = officer(10);
    const bad = await press('cpd.saveReflection', { verb: 'cpd.saveReflection', entryId: 'drop table' }, me);
    assert.equal(bad.statusCode, 400);
    const anonymous = { ...personal(me), from: { id: me.id, name: me.name } };
    const { body } = await running.send(execute('cpd.mine', { verb: 'cpd.mine' }, anonymous));
    assert.equal(body.type, MESSAGE);
    assert.match(body.value, /couldn't tell who you are/);
  });
});
