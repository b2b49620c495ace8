import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { CatalogFileError, parseCatalog, readCatalogFile } from '../../bot/src/catalog/catalog-file.js';
import { defaultCatalogFile } from '../../bot/src/config.js';
import type { Catalog } from '../../bot/src/catalog/model.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'catalogs');

/** A session's time as an officer reads it: UK wall clock. */
function ukRange(catalog: Catalog, id: string): string {
  const s = catalog.sessions.find((x) => x.id === id);
  assert.ok(s, `no session ${id}`);
  const at = (d: Date) => DateTime.fromJSDate(d, { zone: 'Europe/London' });
  return `${at(s.startsAt).toFormat('ccc d LLLL yyyy, HH:mm')}–${at(s.endsAt).toFormat('HH:mm')}`;
}

function refusal(text: string): string[] {
  try {
    parseCatalog(text, 'catalog.yaml');
  } catch (error) {
    assert.ok(error instanceof CatalogFileError, `expected a CatalogFileError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail('the catalog was accepted');
}

// A small valid catalog; each case below changes one thing in it.
const base = `timeZone: Europe/London
campaigns:
  - id: rp-week
    title: Response policing week
    starts: 2026-04-20
    ends: 2026-04-26
    knowledgeHubGroup: { name: Response policing, url: "https://knowledgehub.group/web/response-policing" }
sessions:
  - id: crisis
    campaign: rp-week
    title: "First on the scene: crisis intervention"
    starts: 2026-04-21T14:00
    ends: 2026-04-21T14:45
    capacity: 300
    joinUrl: "https://teams.microsoft.com/l/meetup-join/crisis"
recordings:
  - id: rec-crisis
    session: crisis
    title: Crisis intervention (recording)
    url: https://knowledgehub.group/web/response-policing
    postedAt: 2026-04-28
    duration: PT44M
`;

function edit(from: string, to: string): string {
  assert.ok(base.includes(from), `the base catalog has no "${from}"`);
  return base.replace(from, to);
}

describe('the catalog file', () => {
  describe('the demo catalog', () => {
    let demo: Catalog;
    before(async () => {
      demo = await readCatalogFile(defaultCatalogFile);
    });

    it('holds every announced session with its title, day, UK time and presenters', () => {
      // As published by the College of Policing for the two 2026 weeks of action.
      const announced = [
        ['The future for response policing', 'Mon 20 April 2026, 14:00–14:45', []],
        ['First on the scene: crisis intervention', 'Tue 21 April 2026, 14:00–14:45', []],
        ['Using data to power trusted and effective response policing', 'Wed 22 April 2026, 11:00–11:45', []],
        ['First on the scene: unplanned protests and auditors', 'Thu 23 April 2026, 14:00–14:45', []],
        ['First on the scene: dangerous dogs', 'Fri 24 April 2026, 14:00–14:45', []],
        [
          'Supporting officer welfare: using automated trauma tracking to start better conversations',
          'Fri 19 June 2026, 10:00–11:00',
          [{ name: 'Inspector Stuart King KPM', role: 'Operational Lead', organisation: 'Avon and Somerset Police' }],
        ],
        [
          'Faces in our communities: maximising opportunities to disrupt crime and disorder through facial recognition',
          'Fri 19 June 2026, 12:00–13:00',
          [{ name: 'Inspector Ben Gwyer', organisation: 'South Wales Police' }],
        ],
        [
          'Supporting your leadership development: the National Centre for Police Leadership and updated learning platform',
          'Fri 19 June 2026, 14:00–15:00',
          [{ name: 'Sue Brookes', role: 'Leadership & Management Development Lead', organisation: 'College of Policing' }],
        ],
      ];
      const actual = demo.sessions.map((s) => [s.title, ukRange(demo, s.id), s.presenters]);
      assert.deepEqual(actual, announced);
    });

    it('holds both weeks of action with their days and Knowledge Hub groups', () => {
      const weeks = demo.campaigns.map((c) => [c.title, c.startsOn, c.endsOn, c.knowledgeHubGroup?.name]);
      assert.deepEqual(weeks, [
        ['Response policing week of action 2026', '2026-04-20', '2026-04-26', 'Response policing'],
        ['Neighbourhood policing week of action 2026', '2026-06-15', '2026-06-19', 'Modernising neighbourhood policing'],
      ]);
      for (const s of demo.sessions)
        assert.ok(
          demo.campaigns.some((c) => c.id === s.campaignId),
          `${s.id} belongs to a week of action`,
        );
    });

    it('marks every recording as a sample', () => {
      assert.ok(demo.recordings.length > 0);
      assert.ok(demo.recordings.every((r) => r.sample));
    });
  });

  describe('reading times', () => {
    let catalog: Catalog;
    before(async () => {
      catalog = await readCatalogFile(path.join(fixtures, 'clock-changes.yaml'));
    });

    it('reads wall-clock times in the file’s zone on both sides of the clock changes', () => {
      const utc = (id: string) => {
        const s = catalog.sessions.find((x) => x.id === id)!;
        return [s.startsAt.toISOString(), s.endsAt.toISOString()];
      };
      assert.deepEqual(utc('spring-before-change'), ['2026-03-27T10:00:00.000Z', '2026-03-27T11:00:00.000Z']);
      assert.deepEqual(utc('spring-after-change'), ['2026-03-30T09:00:00.000Z', '2026-03-30T10:30:00.000Z']);
      assert.deepEqual(utc('autumn-before-change'), ['2026-10-23T09:00:00.000Z', '2026-10-23T09:45:00.000Z']);
      assert.deepEqual(utc('autumn-after-change'), ['2026-10-27T10:00:00.000Z', '2026-10-27T11:00:00.000Z']);
    });

    it('takes an offset to say which of the two fall-back times is meant', () => {
      const night = catalog.sessions.find((s) => s.id === 'autumn-night-of-change')!;
      assert.equal(night.startsAt.toISOString(), '2026-10-24T23:30:00.000Z');
      assert.equal(night.endsAt.toISOString(), '2026-10-25T01:30:00.000Z');
    });

    it('does not depend on the machine’s time zone', () => {
      const saved = process.env.TZ;
      process.env.TZ = 'Pacific/Auckland';
      try {
        assert.deepEqual(parseCatalog(base, 'catalog.yaml').sessions[0]!.startsAt, new Date('2026-04-21T13:00:00Z'));
      } finally {
        if (saved === undefined) delete process.env.TZ;
        else process.env.TZ = saved;
      }
    });

    it('reads times in whatever zone the file names', () => {
      const catalog = parseCatalog(edit('timeZone: Europe/London', 'timeZone: America/New_York'), 'ny.yaml');
      assert.equal(catalog.timeZone, 'America/New_York');
      assert.equal(catalog.sessions[0]!.startsAt.toISOString(), '2026-04-21T18:00:00.000Z');
    });

    it('reads unquoted dates the same whether YAML gives text or a timestamp', () => {
      // Under a %YAML 1.1 directive the parser turns 2026-04-20 and 2026-04-21T14:00:00 into Dates.
      const asText = parseCatalog(edit('starts: 2026-04-21T14:00', 'starts: 2026-04-21T14:00:00'), 'a.yaml');
      const asTimestamps = parseCatalog(`%YAML 1.1\n---\n${edit('starts: 2026-04-21T14:00', 'starts: 2026-04-21T14:00:00')}`, 'b.yaml');
      assert.deepEqual(asTimestamps, asText);
      assert.equal(asText.campaigns[0]!.startsOn, '2026-04-20');
      assert.equal(asText.sessions[0]!.startsAt.toISOString(), '2026-04-21T13:00:00.000Z');
    });

    it('reads everything else a session, campaign and recording may hold', () => {
      const spring = catalog.sessions.find((s) => s.id === 'spring-after-change')!;
      assert.deepEqual(spring, {
        id: 'spring-after-change',
        campaignId: 'spring-week-2026',
        title: 'After the clocks go forward',
        startsAt: new Date('2026-03-30T09:00:00Z'),
        endsAt: new Date('2026-03-30T10:30:00Z'),
        presenters: [{ name: 'Inspector Jo Bloggs', role: 'Operational Lead', organisation: 'Avon and Somerset Police' }, { name: 'Sergeant Sam Smith' }],
        description: 'A session in British Summer Time.',
        topics: ['summer time', 'clocks'],
        capacity: 0,
        joinUrl: 'https://teams.microsoft.com/l/meetup-join/spring-after-change',
      });
      const standalone = catalog.sessions.find((s) => s.id === 'standalone-webinar')!;
      assert.equal(standalone.campaignId, undefined);
      assert.equal(standalone.capacity, undefined);
      assert.deepEqual(catalog.campaigns[0]!.aliases, ['spring week', '#SpringWeek']);
      assert.deepEqual(catalog.recordings, [
        {
          id: 'rec-spring-after-change',
          sessionId: 'spring-after-change',
          title: 'After the clocks go forward (recording)',
          url: 'https://knowledgehub.group/web/spring',
          postedOn: '2026-04-02',
          durationSeconds: 5130,
          sample: false,
        },
        { id: 'rec-standalone', title: 'A talk recorded elsewhere', url: 'https://knowledgehub.group/web/elsewhere', postedOn: '2026-11-05', sample: true },
      ]);
    });
  });

  describe('refusing a bad file', () => {
    const cases: Array<[string, string, RegExp]> = [
      [
        'an unknown field, suggesting the nearest',
        edit('    capacity: 300', '    capacty: 300'),
        /^catalog\.yaml:14:5: sessions\[0\]\.capacty: unknown field "capacty" \(did you mean "capacity"\?\)/,
      ],
      ['an unknown top-level section', `${base}speakers: []\n`, /^catalog\.yaml:23:1: speakers: unknown field "speakers"/],
      ['a missing required field', edit('    ends: 2026-04-21T14:45\n', ''), /^catalog\.yaml:9:5: sessions\[0\]: a session needs "ends"/],
      ['an empty required field', edit('title: "First on the scene: crisis intervention"', 'title:'), /^catalog\.yaml:11:5: sessions\[0\]\.title: is empty/],
      [
        'a value of the wrong type',
        edit('capacity: 300', 'capacity: lots'),
        /^catalog\.yaml:14:15: sessions\[0\]\.capacity: must be a whole number of places, e\.g\. 300, not "lots"/,
      ],
      [
        'a list where a mapping belongs',
        edit('    knowledgeHubGroup: {', '    knowledgeHubGroup: [').replace('response-policing" }', 'response-policing" ]'),
        /^catalog\.yaml:7:24: campaigns\[0\]\.knowledgeHubGroup: must be a Knowledge Hub group/,
      ],
      [
        'an unknown campaign, suggesting the nearest',
        edit('campaign: rp-week', 'campaign: rp-weak'),
        /^catalog\.yaml:10:15: sessions\[0\]\.campaign: no campaign has the id "rp-weak" \(did you mean "rp-week"\?\)/,
      ],
      ['an unknown session', edit('session: crisis', 'session: crises'), /^catalog\.yaml:18:14: recordings\[0\]\.session: no session has the id "crises"/],
      [
        'an end before the start',
        edit('ends: 2026-04-21T14:45', 'ends: 2026-04-21T13:45'),
        /^catalog\.yaml:13:11: sessions\[0\]\.ends: 2026-04-21T13:45 is not after the session starts \(2026-04-21T14:00\)/,
      ],
      [
        'an end equal to the start',
        edit('ends: 2026-04-21T14:45', 'ends: 2026-04-21T14:00'),
        /^catalog\.yaml:13:11: sessions\[0\]\.ends: .* is not after the session starts/,
      ],
      [
        'a campaign ending before it starts',
        edit('ends: 2026-04-26', 'ends: 2026-04-19'),
        /^catalog\.yaml:6:11: campaigns\[0\]\.ends: 2026-04-19 is before the campaign starts \(2026-04-20\)/,
      ],
      [
        'an impossible date',
        edit('postedAt: 2026-04-28', 'postedAt: 2026-02-30'),
        /^catalog\.yaml:21:15: recordings\[0\]\.postedAt: 2026-02-30 is not a real date/,
      ],
      [
        'an impossible time',
        edit('starts: 2026-04-21T14:00', 'starts: 2026-04-21T25:00'),
        /^catalog\.yaml:12:13: sessions\[0\]\.starts: 2026-04-21T25:00 is not a real date and time/,
      ],
      [
        'a date in another format',
        edit('starts: 2026-04-20', 'starts: 20/04/2026'),
        /^catalog\.yaml:5:13: campaigns\[0\]\.starts: "20\/04\/2026" is not a date; write it as yyyy-mm-dd/,
      ],
      [
        'a time skipped when the clocks go forward',
        edit('    campaign: rp-week\n', '').replace('starts: 2026-04-21T14:00', 'starts: 2026-03-29T01:30'),
        /^catalog\.yaml:11:13: sessions\[0\]\.starts: 2026-03-29T01:30 does not exist in Europe\/London: the clocks go forward/,
      ],
      [
        'a time that happens twice when the clocks go back',
        edit('    campaign: rp-week\n', '')
          .replace('starts: 2026-04-21T14:00', 'starts: 2026-10-25T01:30')
          .replace('ends: 2026-04-21T14:45', 'ends: 2026-10-25T03:00'),
        /sessions\[0\]\.starts: 2026-10-25T01:30 happens twice in Europe\/London \(the clocks go back\); add the offset to say which: 2026-10-25T01:30\+01:00 \(the first\) or 2026-10-25T01:30\+00:00 \(the second\)/,
      ],
      [
        'an offset the zone does not have',
        edit('starts: 2026-04-21T14:00', 'starts: 2026-04-21T14:00+00:00'),
        /^catalog\.yaml:12:13: sessions\[0\]\.starts: the offset in 2026-04-21T14:00\+00:00 is not Europe\/London's at that time \(\+01:00\)/,
      ],
      [
        'a duplicate id',
        edit('recordings:', `  - id: crisis\n    title: Again\n    starts: 2026-04-22T14:00\n    ends: 2026-04-22T15:00\nrecordings:`),
        /^catalog\.yaml:16:9: sessions\[1\]\.id: duplicate id "crisis": sessions\[0\] \(line 9\) already uses it/,
      ],
      ['an id that is not one', edit('id: rec-crisis', 'id: rec crisis'), /^catalog\.yaml:17:9: recordings\[0\]\.id: "rec crisis" is not a usable id/],
      [
        'a join link that is not https',
        edit('https://teams.microsoft.com', 'http://teams.microsoft.com'),
        /^catalog\.yaml:15:14: sessions\[0\]\.joinUrl: "http:\/\/teams\.microsoft\.com\/l\/meetup-join\/crisis" must be an https:\/\/ address/,
      ],
      [
        'a Knowledge Hub group that is not https',
        edit('url: "https://knowledgehub', 'url: "ftp://knowledgehub'),
        /^catalog\.yaml:7:56: campaigns\[0\]\.knowledgeHubGroup\.url: .* must be an https:\/\/ address/,
      ],
      [
        'a join link with a line break hidden in it',
        edit('meetup-join/crisis"', 'meetup-join/crisis\\nATTENDEE:mailto:x@example.com"'),
        /^catalog\.yaml:15:14: sessions\[0\]\.joinUrl: a web address cannot contain line breaks, tabs or other control characters/,
      ],
      [
        'a recording link that is not a link',
        edit('url: https://knowledgehub.group/web/response-policing\n    postedAt', 'url: the hub\n    postedAt'),
        /^catalog\.yaml:20:10: recordings\[0\]\.url: "the hub" is not a web address/,
      ],
      ['a negative capacity', edit('capacity: 300', 'capacity: -5'), /^catalog\.yaml:14:15: sessions\[0\]\.capacity: -5 is not a number of places/],
      ['a fractional capacity', edit('capacity: 300', 'capacity: 12.5'), /^catalog\.yaml:14:15: sessions\[0\]\.capacity: 12\.5 is not a number of places/],
      [
        'an unknown time zone',
        edit('timeZone: Europe/London', 'timeZone: Europe/Londres'),
        /^catalog\.yaml:1:11: timeZone: "Europe\/Londres" is not a time zone/,
      ],
      [
        'a session outside its campaign’s days',
        edit('starts: 2026-04-21T14:00', 'starts: 2026-04-26T23:30').replace('ends: 2026-04-21T14:45', 'ends: 2026-04-27T00:30'),
        /^catalog\.yaml:12:13: sessions\[0\]\.starts: the session \(2026-04-26 to 2026-04-27\) is outside its campaign "rp-week" \(2026-04-20 to 2026-04-26\)/,
      ],
      [
        'a duration that is not ISO 8601',
        edit('duration: PT44M', 'duration: 44 minutes'),
        /^catalog\.yaml:22:15: recordings\[0\]\.duration: "44 minutes" is not an ISO 8601 duration/,
      ],
      [
        'a sample flag that is not true or false',
        `${base}    sample: maybe\n`,
        /^catalog\.yaml:23:13: recordings\[0\]\.sample: must be true or false, not "maybe"/,
      ],
      ['a YAML syntax error', edit('title: Response policing week', 'title: [Response policing week'), /^catalog\.yaml:5:\d+: YAML: /],
      ['a key given twice', edit('    capacity: 300\n', '    capacity: 300\n    capacity: 200\n'), /^catalog\.yaml:15:5: YAML: Map keys must be unique/],
      ['an empty file', '', /^catalog\.yaml:1:1: the file is empty/],
      ['a file that is a list', '- sessions\n', /^catalog\.yaml:1:1: must be the catalog: a mapping with sessions/],
    ];

    it('accepts the catalog the cases below change', () => {
      assert.equal(parseCatalog(base, 'catalog.yaml').sessions.length, 1);
    });

    for (const [what, text, expected] of cases) {
      it(`refuses ${what}, naming its place`, () => {
        const problems = refusal(text);
        assert.ok(
          problems.some((p) => expected.test(p)),
          `expected a problem matching ${expected}, got:\n${problems.join('\n')}`,
        );
      });
    }

    it('lists every problem in the file, in file order', () => {
      const text = edit('campaign: rp-week', 'campaign: nowhere')
        .replace('capacity: 300', 'capacity: -1')
        .replace('duration: PT44M', 'duration: soon')
        .replace('timeZone: Europe/London', 'timeZone: Europe/London\nowner: somebody');
      const problems = refusal(text);
      assert.deepEqual(
        problems.map((p) => p.split(': ')[0]),
        ['catalog.yaml:2:1', 'catalog.yaml:11:15', 'catalog.yaml:15:15', 'catalog.yaml:23:15'],
      );
    });

    it('names a catalog file that cannot be read', async () => {
      const missing = path.join(fixtures, 'no-such-catalog.yaml');
      await assert.rejects(readCatalogFile(missing), (error: unknown) => {
        assert.ok(error instanceof CatalogFileError);
        assert.deepEqual(error.problems, [`${missing}: there is no such file`]);
        return true;
      });
    });

    it('reads the places from the file it was given', async () => {
      const file = path.join(fixtures, 'bad-catalog.yaml');
      await assert.rejects(readCatalogFile(file), (error: unknown) => {
        assert.ok(error instanceof CatalogFileError);
        assert.deepEqual(
          error.problems.map((p) => p.slice(0, p.indexOf(': ', file.length + 1))),
          [`${file}:9:15`, `${file}:12:11`, `${file}:16:13`],
        );
        assert.match(error.message, /has 3 problems/);
        return true;
      });
    });
  });
});
