/**
 * Benchmark of the "what's on" understanding alone: a generated catalog of 10,000 sessions over two
 * years, the index built once, then a few hundred varied questions timed one by one.
 * Targets (issue 2): p99 under 5 ms a question, resident memory under 250 MB. Then a message of a
 * quarter of a million characters, answered and read by the time rules whole.
 *
 *   npx tsx bench/understanding.ts
 */
import { pathToFileURL } from 'node:url';
import { DateTime } from 'luxon';
import type { Campaign, Catalog, Recording, Session } from '../bot/src/catalog/model.js';
import { createWhatsOn, understandWhen } from '../bot/src/catalog/understanding/index.js';
import { seededRandom } from '../test/support/random.js';

export interface BenchRow {
  name: string;
  value: string;
  target?: string;
  ok?: boolean;
}

const ZONE = 'Europe/London';
const SESSIONS = 10_000;

const SUBJECTS = [
  'crisis intervention',
  'mental health',
  'domestic abuse',
  'anti-social behaviour',
  'facial recognition',
  'stop and search',
  'knife crime',
  'county lines',
  'missing persons',
  'roads policing',
  'public order',
  'dangerous dogs',
  'officer wellbeing',
  'trauma support',
  'leadership development',
  'data and analytics',
  'evidence-based policing',
  'body worn video',
  'taser',
  'custody',
  'firearms',
  'cybercrime',
  'fraud',
  'hate crime',
  'violence against women and girls',
  'child exploitation',
  'problem solving',
  'community engagement',
  'neurodiversity',
  'victim care',
  'investigation skills',
  'digital forensics',
  'drones',
  'safeguarding',
  'right care right person',
  'neighbourhood teams',
  'response driving',
  'first aid',
  'coercive control',
  'burglary',
];
const FRAMES = [
  'First on the scene: %s',
  'Getting it right: %s',
  '%s for frontline officers',
  'What works in %s',
  'Practical approaches to %s',
  '%s: lessons from the front line',
  'Understanding %s',
  'Leading teams through %s',
];
const FIRST = ['Sue', 'Ben', 'Stuart', 'Amira', 'Priya', 'Tom', 'Gareth', 'Siobhan', 'Kwame', 'Helen', 'Raj', 'Fiona', 'Dylan', 'Megan', 'Owen', 'Laura'];
const LAST = [
  'Brookes',
  'Gwyer',
  'King',
  'Patel',
  'Okafor',
  'Hughes',
  'Evans',
  'Macdonald',
  'Nowak',
  'Fraser',
  'Ahmed',
  'Jenkins',
  'Pritchard',
  'Walsh',
  'Sandhu',
  'Ellis',
];
const RANKS = ['Inspector', 'Sergeant', 'Chief Inspector', 'Superintendent', 'Dr', 'PC', ''];
const FORCES = [
  'South Wales Police',
  'Avon and Somerset Police',
  'Greater Manchester Police',
  'West Midlands Police',
  'Metropolitan Police Service',
  'Thames Valley Police',
  'Police Scotland',
  'Kent Police',
  'Merseyside Police',
  'College of Policing',
  'Durham Constabulary',
  'Lancashire Constabulary',
];

export function generateCatalog(count = SESSIONS, seed = 2026): Catalog {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const start = DateTime.fromISO('2026-01-05T00:00', { zone: ZONE });
  const campaigns: Campaign[] = [];
  for (let w = 0; w < 104; w += 6) {
    const subject = pick(SUBJECTS);
    const monday = start.plus({ weeks: w });
    const id = `campaign-${w}`;
    const title = `${subject[0]!.toUpperCase()}${subject.slice(1)} week of action ${monday.year}`;
    campaigns.push({
      id,
      title,
      aliases: [
        `${subject} week`,
        `#${subject
          .replace(/[^a-z]+/gi, ' ')
          .replace(/\b\w/g, (c) => c.toUpperCase())
          .replace(/ /g, '')}Week`,
      ],
      startsOn: monday.toISODate()!,
      endsOn: monday.plus({ days: 6 }).toISODate()!,
    });
  }
  const sessions: Session[] = [];
  const recordings: Recording[] = [];
  for (let i = 0; i < count; i++) {
    const subject = pick(SUBJECTS);
    const other = pick(SUBJECTS);
    const day = start.plus({ days: Math.floor(rnd() * 730) });
    const at = day.set({ hour: 8 + Math.floor(rnd() * 10), minute: rnd() < 0.5 ? 0 : 30 });
    const ends = at.plus({ minutes: pick([30, 45, 60, 90]) });
    const campaign = campaigns.find((c) => c.startsOn <= day.toISODate()! && day.toISODate()! <= c.endsOn);
    const name = `${pick(RANKS)} ${pick(FIRST)} ${pick(LAST)}`.trim();
    const session: Session = {
      id: `s-${i}`,
      ...(campaign && rnd() < 0.8 ? { campaignId: campaign.id } : {}),
      title: pick(FRAMES).replace('%s', subject),
      startsAt: at.toJSDate(),
      endsAt: ends.toJSDate(),
      presenters: [{ name, role: 'Lead', organisation: pick(FORCES) }],
      description: `A session on ${subject} and ${other}, with practical advice for officers and staff, case studies and time for questions about ${pick(SUBJECTS)}.`,
      topics: [subject, other],
      capacity: 300,
    };
    sessions.push(session);
    if (ends.toMillis() < DateTime.fromISO('2027-06-01', { zone: ZONE }).toMillis() && rnd() < 0.5) {
      recordings.push({
        id: `r-${i}`,
        sessionId: session.id,
        title: `${session.title} (recording)`,
        url: 'https://example.invalid/recording',
        postedOn: ends.plus({ days: 5 }).toISODate()!,
        sample: true,
      });
    }
  }
  return { timeZone: ZONE, campaigns, sessions, recordings };
}

const QUESTION_TEMPLATES = [
  "what's on next week?",
  'anything tomorrow',
  "what's on today",
  'anything on %s?',
  'sessions about %s next week',
  '%s',
  'anything on %s in june',
  'did I miss anything on %s',
  'recordings of %s',
  "what's on friday 19 june",
  'what was on last week',
  'anything by %p',
  'anything from %f',
  "what's on at 2pm on thursday",
  'mornings next week',
  'anything this weekend',
  'between 20 and 22 april',
  'from monday to wednesday',
  "what's on in september",
  'any training on %s for sergeants',
  '%s week',
  'anything on %t',
  'whats on nxt wk',
  'hello',
  'what is the weather',
  "what's coming up",
  'anything right now',
  'anything later today',
  'what was on 3 march',
  'facial recogniton',
  'evening sessions',
  'anything in the mornings?',
  "what's on after lunch on friday",
  'when is the next one on %s?',
  'anything for PCSOs?',
  'anything on %s for staff',
  'what have I booked',
  "what's on in the week of 15 june",
  'anything from avon and somerset',
  'anything from the met',
];

export function generateQuestions(count: number, seed = 7): string[] {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const typo = (s: string) => {
    const i = 1 + Math.floor(rnd() * (s.length - 2));
    return s.length > 6 ? s.slice(0, i) + s.slice(i + 1) : s;
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(
      pick(QUESTION_TEMPLATES)
        .replace('%s', pick(SUBJECTS))
        .replace('%t', typo(pick(SUBJECTS)))
        .replace('%p', `${pick(FIRST)} ${pick(LAST)}`)
        .replace('%f', pick(FORCES)),
    );
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function benchUnderstanding(): Promise<{ rows: BenchRow[] }> {
  const catalog = generateCatalog();
  const t0 = performance.now();
  const whatsOn = createWhatsOn(catalog);
  const buildMs = performance.now() - t0;

  const askedAt = DateTime.fromISO('2026-09-14T09:00', { zone: ZONE }).toJSDate();
  const questions = generateQuestions(400);
  // Warm up the JIT and caches the way a running bot would be warm.
  for (const q of questions.slice(0, 50)) whatsOn.answer({ text: q, askedAt });
  // Each question is timed in three rounds and its median kept, so a pause caused by another
  // process on a shared machine does not pass for the cost of a question.
  const ROUNDS = 3;
  const rounds: number[][] = questions.map(() => []);
  let answered = 0;
  for (let r = 0; r < ROUNDS; r++) {
    questions.forEach((q, i) => {
      const t = performance.now();
      const a = whatsOn.answer({ text: q, askedAt });
      rounds[i]!.push(performance.now() - t);
      if (r === 0 && a.kind !== 'not-understood') answered++;
    });
  }
  const times = rounds.map((list) => list.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!);
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  const p99 = percentile(times, 99);
  const rssMb = process.memoryUsage().rss / (1024 * 1024);
  const long = benchLongMessages(whatsOn, askedAt);
  return {
    rows: [
      { name: 'understanding: catalog', value: `${catalog.sessions.length} sessions, ${catalog.campaigns.length} campaigns` },
      { name: 'understanding: index build', value: `${buildMs.toFixed(0)} ms` },
      { name: 'understanding: questions', value: `${questions.length} (${answered} understood)` },
      { name: 'understanding: p50 per question (median of 3 runs)', value: `${p50.toFixed(2)} ms` },
      { name: 'understanding: p99 per question (median of 3 runs)', value: `${p99.toFixed(2)} ms`, target: '< 5 ms', ok: p99 < 5 },
      { name: 'understanding: resident memory', value: `${rssMb.toFixed(0)} MB`, target: '< 250 MB', ok: rssMb < 250 },
      ...long,
    ],
  };
}

/** The fastest of three runs, so a pause caused by another process is not counted. */
function fastest(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    run();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/**
 * A 250,000-character message of dates and times: answered from its first 500 characters as fast
 * as any question, and the time rules alone, on all of it, in time proportional to its length
 * (the floor is ten times the same rules on a tenth of the text, measured in this run).
 */
function benchLongMessages(whatsOn: ReturnType<typeof createWhatsOn>, askedAt: Date): BenchRow[] {
  const unit = 'anything on 19/06 friday tomorrow at 2pm w/c 20 april the 19th next week mornings between 20 and 22 april ';
  const text = (length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  const message = text(250_000);
  const answerMs = fastest(() => whatsOn.answer({ text: message, askedAt }));
  const rules = (length: number) => {
    const t = text(length);
    return fastest(() => understandWhen(t, askedAt, { zone: ZONE, past: false }));
  };
  const floor = 10 * rules(25_000);
  const allMs = rules(250_000);
  return [
    { name: 'understanding: a 250,000-character message, answered', value: `${answerMs.toFixed(2)} ms`, target: '< 5 ms', ok: answerMs < 5 },
    {
      name: 'understanding: time rules on all 250,000 characters',
      value: `${allMs.toFixed(0)} ms (floor ${floor.toFixed(0)} ms)`,
      target: '< 3 \u00d7 floor',
      ok: allMs < 3 * floor,
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { rows } = await benchUnderstanding();
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) {
    const verdict = r.ok === undefined ? '' : r.ok ? '  ok' : '  MISSED';
    console.log(`${r.name.padEnd(width)}  ${r.value.padEnd(32)} ${r.target ?? ''}${verdict}`);
  }
  if (rows.some((r) => r.ok === false)) process.exitCode = 1;
}
