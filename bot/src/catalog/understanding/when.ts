/**
 * Understanding *when* an officer means: "tomorrow morning", "next week", "19/06", "between 20 and
 * 22 April", "at 2pm on Thursday", "now". Everything is worked out in calendar days on the
 * catalog's wall clock (Europe/London), and turned into instants by the catalog's zone only at the
 * end, so answers are right on both sides of the BST/GMT changes whatever time zone the server
 * runs in. chrono-node (its en-GB date parsers, day first) reads written dates;
 * the relative words are our own rules, because their meaning for a week of action (weeks start on
 * Monday, "on Friday" is the coming one) is a policy choice rather than grammar.
 *
 * Dates without a year:
 * - asked in the past tense ("what was on 22 April"): the most recent such date;
 * - otherwise the next such date, unless it fell in the last 30 days, when the one just gone is
 *   meant ("what's on 22 April" asked on 1 May is about the week that has just finished).
 * The same rule applies to a month with no year ("in March").
 *
 * Weekdays: "Friday" = the coming one (today if it is Friday), or the most recent one before
 * today when the question is in the past tense; "this Friday" = Friday of this week (Monday to Sunday); "next
 * Friday" = Friday of next week; "last Friday" = the most recent Friday before today.
 */
import * as chrono from 'chrono-node';
import { addYears, type Day, dayAt, dayOf, daysInMonth, firstOfMonth, partsOf, wallClockOf, weekdayOf } from '../local-day.js';
import { type CachedZone, cachedZone } from '../zone.js';

/** A period of local clock time within each day: minutes since midnight, end exclusive. */
export interface ClockWindow {
  from: number;
  to: number;
  /** "running": a session that is on at that moment ("at 2pm", "now"); "starts": one that begins in it. */
  mode: 'starts' | 'running';
}

export interface UnderstoodWhen {
  from: Date;
  /** Exclusive. */
  to: Date;
  /** How an answer names it without a preposition: "Friday 19 June", "next week (20–26 April)". */
  label: string;
  /** The same with its preposition, to go after "Sessions" or "Nothing is on": "on Friday 19 June". */
  phrase: string;
  /** Restricts the time of day on every day of the range ("mornings next week", "at 2pm"). */
  clock?: ClockWindow;
  /**
   * A part of the day said with no day ("evening sessions", "anything in the mornings?"): that
   * part of any day, so the range is all time and the tense of the question says which side of now.
   */
  anyDay?: boolean;
  /** Whether a session counts when it merely runs across the range ("now") or must start in it. */
  mode: 'starts' | 'running';
}

export interface WhenResult {
  when?: UnderstoodWhen;
  /** The text with every time expression blanked out, for the topic understanding. */
  rest: string;
}

interface DayAtom {
  start: number;
  end: number;
  from: Day;
  /** Exclusive. */
  to: Day;
  label: string;
  phrase: string;
  /** Words like "today" are shown with the date they stand for. */
  relativeWord?: string;
  weekday?: { n: number; modifier?: string };
  isWeek?: boolean;
}

interface ClockAtom {
  start: number;
  end: number;
  window: ClockWindow;
  words: string;
  /** The part of the day's name ("morning", "after lunch"), or "tonight" for the evening of tonight and last night. */
  part?: string;
}

const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};
const MONTH_NAMES = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');
/** Month words that are also ordinary English ("may I", "march on"): months only beside a date word. */
const AMBIGUOUS_MONTHS = new Set(['may', 'march', 'mar', 'jan', 'sep', 'dec', 'jun', 'jul', 'aug', 'oct', 'nov', 'feb', 'apr', 'sept']);

const WEEKDAYS: Record<string, number> = {
  monday: 1,
  mon: 1,
  tuesday: 2,
  tues: 2,
  tue: 2,
  wednesday: 3,
  weds: 3,
  wed: 3,
  thursday: 4,
  thurs: 4,
  thur: 4,
  thu: 4,
  friday: 5,
  fri: 5,
  saturday: 6,
  sat: 6,
  sunday: 7,
  sun: 7,
};
const WEEKDAY_NAMES = Object.keys(WEEKDAYS)
  .sort((a, b) => b.length - a.length)
  .join('|');
/** Short forms that are ordinary words too ("sat", "sun"): weekdays only after on/this/next/last. */
const AMBIGUOUS_WEEKDAYS = new Set(['sat', 'sun', 'wed', 'mon']);

/**
 * Parts of the day, by the local clock time a session starts. How each is said beside a day:
 * "in" parts go "on Friday 19 June in the morning", "at" parts "on Friday 19 June at lunchtime",
 * "around" parts (a time either side of lunch) "after lunch on Friday 19 June".
 */
interface Part {
  from: number;
  to: number;
  name: string;
  said: 'in' | 'at' | 'around';
}
const PARTS: Record<string, Part> = {
  morning: { from: 0, to: 12 * 60, name: 'morning', said: 'in' },
  afternoon: { from: 12 * 60, to: 17 * 60, name: 'afternoon', said: 'in' },
  evening: { from: 17 * 60, to: 24 * 60, name: 'evening', said: 'in' },
  night: { from: 17 * 60, to: 24 * 60, name: 'evening', said: 'in' },
  lunchtime: { from: 11 * 60 + 30, to: 14 * 60, name: 'lunchtime', said: 'at' },
  lunch: { from: 11 * 60 + 30, to: 14 * 60, name: 'lunchtime', said: 'at' },
};
/** "after lunch" is the afternoon once lunch is over; "before lunch" the morning. */
const AROUND_LUNCH: Record<string, Part> = {
  after: { from: 13 * 60, to: 17 * 60, name: 'after lunch', said: 'around' },
  before: { from: 0, to: 12 * 60, name: 'before lunch', said: 'around' },
};
const PART_NAMED = new Map<string, Part>([...Object.values(PARTS), ...Object.values(AROUND_LUNCH)].map((p) => [p.name, p]));

/** What chrono found must look like a date, not "tomorrow at 10", which our own rules read. */
const ORDINAL_WORDS =
  'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|[a-z]+teenth|twentieth|twenty[ -][a-z]+|thirtieth|thirty[ -]first';
const DATEISH = new RegExp(
  `\\d{1,2}(?:st|nd|rd|th)?(?: of)? (?:${MONTH_NAMES})\\b|\\b(?:${MONTH_NAMES}) \\d{1,2}|\\d{1,2}[/.]\\d{1,2}|\\d{4}-\\d{2}-\\d{2}|\\b(?:${ORDINAL_WORDS})(?: of)? (?:${MONTH_NAMES})\\b`,
);

/** "in June", "next March", "June 2027". */
const MONTH_RE = new RegExp(`\\b(?:(in|during|for|this|next|last|of|throughout|over) )?(${MONTH_NAMES})\\b(?: (20\\d\\d))?`, 'g');
/** "Friday", "next Friday", "on Fri". */
const WEEKDAY_RE = new RegExp(`\\b(?:(this|next|last|coming|this coming|on|past|previous) )?(${WEEKDAY_NAMES})s?\\b`, 'g');

/** "at 2pm", "14:00", "2 o'clock", "noon", "after 3pm", "before 11". */
const CLOCK_RE =
  /\b(?:(at|from|after|before|around|about|by|for|till|until)\s+)?(?:(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|o'?clock)|(\d{1,2})[:](\d{2})|(noon|midday|midnight))\b/g;

/**
 * chrono's en-GB reading (day first) with only its parsers for written dates: relative words,
 * clock times and months on their own are read by the rules below, and chrono trying them as well
 * doubled its cost. Checked at load, so a chrono release that renames one fails at start-up.
 */
const DATE_PARSERS = [
  'ENYearMonthDayParser',
  'ISOFormatParser',
  'SlashDateFormatParser',
  'ENMonthNameLittleEndianParser',
  'ENMonthNameMiddleEndianParser',
  'ENWeekdayParser',
];
const dateReader = (() => {
  const configuration = chrono.en.configuration.createConfiguration(false, true);
  configuration.parsers = configuration.parsers.filter((p) => DATE_PARSERS.includes(p.constructor.name));
  const found = configuration.parsers.map((p) => p.constructor.name);
  if (found.length !== DATE_PARSERS.length) throw new Error(`chrono-node's date parsers have changed: found ${found.join(', ')}`);
  return new chrono.Chrono(configuration);
})();

/**
 * Every rule below starts from a digit or one of these words (as a word's beginning, so "weeks"
 * and "mornings" are in), so a question with none of them, as most topic questions are, skips the
 * rules. A rule that reads a new word must add it here and to its rule's CUE below: the tests
 * ask each rule's phrasings.
 */
const TIME_CUE = new RegExp(
  `\\d|\\b(?:${[
    ...Object.keys(MONTHS),
    ...Object.keys(WEEKDAYS),
    ...Object.keys(PARTS),
    'today',
    'tonight',
    'tomorrow',
    'yesterday',
    'now',
    'moment',
    'present',
    'currently',
    'atm',
    'later',
    'rest',
    'week',
    'fortnight',
    'days',
    'month',
    'noon',
    'midday',
    'midnight',
  ].join('|')})`,
);

/**
 * What each rule cannot match without: a rule whose cue is not in the text is skipped. These are
 * plain scans, about a tenth of the cost of a rule's own pattern (which tries its words at every
 * word boundary). Each must be a part of every text its rule's pattern can match.
 */
const CUE = {
  ordinal: /\d(?:st|nd|rd|th)/,
  now: /now|moment|present|currently|atm/,
  later: /later|rest of/,
  dayAfterTomorrow: /day after tomorrow/,
  relativeDay: /today|tonight|tomorrow|yesterday|last night/,
  week: /week|fortnight/,
  days: / days/,
  month: / month/,
  monthName: /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/,
  weekday: /mon|tue|wed|thu|fri|sat|sun/,
  clock: /\d|noon|midday|midnight/,
  bareHour: /at \d/,
  part: /morning|afternoon|evening|night|lunch/,
};

const NUMBER_WORDS: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, few: 3, couple: 2, fortnight: 14 };

export interface WhenOptions {
  zone: string;
  /** The question is in the past tense: ambiguous dates resolve backwards. */
  past: boolean;
}

/** Finds the time an officer asks about, if any, as instants in the catalog's zone. */
export function understandWhen(text: string, askedAt: Date, options: WhenOptions): WhenResult {
  const zone = cachedZone(options.zone);
  const today = dayAt(zone.wallClock(askedAt.getTime()));
  const ctx: Ctx = { zone, askedAt, today, year: partsOf(today).year, past: options.past };
  const fmt = (d: Day) => fmtDay(d, ctx.year);
  const dayAtoms: DayAtom[] = [];
  const clockAtoms: ClockAtom[] = [];
  let instant: { kind: 'now' | 'later'; start: number; end: number } | undefined;

  // Each rule reads what the rules before it left: what they understood is blanked out.
  const str = prepare(text);
  if (!TIME_CUE.test(str)) return { rest: str };
  const left = new Unread(str);
  const blank = (start: number, end: number) => left.blank(start, end);
  const each = (cue: RegExp, re: RegExp, fn: (m: RegExpExecArray) => boolean | void) => {
    const unread = left.text;
    if (!cue.test(unread)) return;
    for (const m of [...unread.matchAll(re)]) {
      if (fn(m) !== false) blank(m.index!, m.index! + m[0].length);
    }
  };

  // Explicit dates first (they may contain a weekday: "Wednesday 22 April"), only where there is
  // a digit or a month name, so chrono's own ideas about "tomorrow" never compete with ours.
  // chrono sees only the dates: it reads "19/06 in the morning" as 6am, so clock times and
  // parts of the day are masked for it and read by our own rules below. It is also the dearest
  // step, so it runs only when something date-shaped is there.
  const datesOnly =
    !/\d/.test(str) && !CUE.monthName.test(str)
      ? ''
      : str.replace(
          /\b(?:(?:at|from|after|before) )?\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\b|\b\d{1,2}:\d{2}\b|\bat \d{1,2}\b(?![/.\d])|\b(?:in the |this |the )?(?:morning|afternoon|evening|night|lunchtime|lunch)s?\b/g,
          (m) => ' '.repeat(m.length),
        );
  if (DATEISH.test(datesOnly)) {
    // Noon on today's date, so chrono's own idea of "today" is the catalog's.
    const ref = new Date(wallClockOf(today, 12 * 60));
    for (const r of dateReader.parse(datesOnly, ref)) {
      if (!r.start.isCertain('day') || !r.start.isCertain('month')) continue;
      if (!DATEISH.test(r.text)) continue;
      const a = resolveDate(ctx, r.start.get('day')!, r.start.get('month')!, r.start.isCertain('year') ? r.start.get('year')! : undefined);
      if (a === undefined) continue;
      let atom = dayAtom(r.index, r.index + r.text.length, a, a + 1, fmt(a), `on ${fmt(a)}`);
      if (r.end && r.end.isCertain('day')) {
        const endMonth = r.end.isCertain('month') ? r.end.get('month')! : r.start.get('month')!;
        const aYear = partsOf(a).year;
        let b = dayOf(aYear, endMonth, r.end.get('day')!);
        if (b !== undefined && b < a) b = addYears(b, 1);
        if (b !== undefined) atom = spanAtom(r.index, r.index + r.text.length, a, b + 1, ctx.year);
      }
      dayAtoms.push(atom);
      blank(r.index, r.index + r.text.length);
    }
  }

  // "week commencing 20 April": the whole Monday-to-Sunday week holding that date.
  for (const atom of dayAtoms) {
    const before = left.slice(Math.max(0, atom.start - 24), atom.start);
    const m = /\b(?:w\/c|wc|week (?:commencing|beginning|starting)|(?:the )?week of)\s*(?:the )?$/.exec(before);
    if (m) {
      const start = atom.start - (before.length - m.index);
      const monday = atom.from - (weekdayOf(atom.from) - 1);
      Object.assign(atom, spanAtom(start, atom.end, monday, monday + 7, ctx.year), { isWeek: true });
      atom.label = `the week of ${fmt(monday)}`;
      atom.phrase = `in the week of ${fmt(monday)} (${fmtSpan(monday, monday + 6, ctx.year)})`;
      blank(start, atom.end);
    }
  }

  // "the 19th": that day of this month, or of the next month that has one once it has gone
  // (the last that had one, in the past tense).
  each(CUE.ordinal, /\b(?:on )?(?:the )?(\d{1,2})(?:st|nd|rd|th)\b/g, (m) => {
    const day = Number(m[1]);
    const { year, month } = partsOf(today);
    if (day < 1 || day > daysInMonth(year, month)) return false;
    let d = dayOf(year, month, day)!;
    for (let step = 1; (options.past ? d > today : d < today) && step <= 12; step++) {
      const first = partsOf(firstOfMonth(today, options.past ? -step : step));
      d = dayOf(first.year, first.month, day) ?? d;
    }
    dayAtoms.push(dayAtom(m.index!, m.index! + m[0].length, d, d + 1, fmt(d), `on ${fmt(d)}`));
  });

  each(CUE.now, /\b(?:right now|just now|at the moment|at present|currently|on now|atm|now)\b/g, (m) => {
    instant ??= { kind: 'now', start: m.index!, end: m.index! + m[0].length };
  });
  each(CUE.later, /\b(?:later (?:on )?today|later on|later|rest of (?:the )?day|rest of today)\b/g, (m) => {
    instant ??= { kind: 'later', start: m.index!, end: m.index! + m[0].length };
  });

  each(CUE.dayAfterTomorrow, /\b(?:the )?day after tomorrow\b/g, (m) => {
    const d = today + 2;
    dayAtoms.push(dayAtom(m.index!, m.index! + m[0].length, d, d + 1, fmt(d), `on ${fmt(d)}`));
  });
  each(CUE.relativeDay, /\b(today|tonight|tomorrow|yesterday|last night)\b/g, (m) => {
    const word = m[1]!;
    const d = today + (word === 'tomorrow' ? 1 : word === 'yesterday' || word === 'last night' ? -1 : 0);
    dayAtoms.push({ ...dayAtom(m.index!, m.index! + m[0].length, d, d + 1, `${word} (${fmt(d)})`, `${word} (${fmt(d)})`), relativeWord: word });
    if (word === 'tonight' || word === 'last night')
      clockAtoms.push({
        start: m.index!,
        end: m.index!,
        window: { from: PARTS.evening!.from, to: PARTS.evening!.to, mode: 'starts' },
        words: '',
        part: 'tonight',
      });
  });

  // Weeks, weekends, fortnights and "the next few days".
  const monday = today - (weekdayOf(today) - 1);
  each(
    CUE.week,
    /\b(?:(this|next|last|coming|past|previous|following|the) )?(?:(\d+|a|one|two|three|four|few|couple(?: of)?) )?(week|weeks|weekend|fortnight)\b(?: after next)?/g,
    (m) => {
      const mod = m[1] ?? 'this';
      const count = m[2];
      const unit = m[3]!;
      const afterNext = m[0].endsWith('after next');
      const start = m.index!;
      const end = start + m[0].length;
      if (unit === 'weekend') {
        const offset = mod === 'next' || mod === 'following' ? 1 : mod === 'last' || mod === 'past' || mod === 'previous' ? -1 : 0;
        let sat = monday + 5 + 7 * offset;
        if (offset === 0 && options.past && sat > today) sat -= 7;
        const word = offset === 0 ? 'this weekend' : offset > 0 ? 'next weekend' : 'last weekend';
        const label = `${word} (${fmtSpan(sat, sat + 1, ctx.year)})`;
        dayAtoms.push({ ...dayAtom(start, end, sat, sat + 2, label, label), relativeWord: word });
        return;
      }
      // A bare "week" is part of a name ("response week", "week of action"), not a time.
      if (!m[1] && !count && unit !== 'weekend' && unit !== 'fortnight') return false;
      if (count || unit === 'fortnight' || unit === 'weeks') {
        // "next two weeks", "the coming fortnight", "past few weeks": a rolling span from today.
        const n = unit === 'fortnight' ? 14 : 7 * (count ? (NUMBER_WORDS[count.replace(/ of$/, '')] ?? Number(count)) : 2);
        if (!Number.isFinite(n) || n <= 0 || n > 366) return false;
        const back = mod === 'last' || mod === 'past' || mod === 'previous';
        const [from, to] = back ? [today - (n - 1), today + 1] : [today, today + n];
        const word = `${back ? 'the past' : 'the next'} ${n === 14 ? 'fortnight' : `${n / 7} weeks`}`;
        const label = `${word} (${fmtSpan(from, to - 1, ctx.year)})`;
        dayAtoms.push({ ...dayAtom(start, end, from, to, label, label), relativeWord: word });
        return;
      }
      const offset = afterNext ? 2 : mod === 'next' || mod === 'following' ? 1 : mod === 'last' || mod === 'past' || mod === 'previous' ? -1 : 0;
      if (mod === 'the' && !afterNext) return false;
      const first = monday + 7 * offset;
      const word = afterNext ? 'the week after next' : offset === 0 ? 'this week' : offset > 0 ? 'next week' : 'last week';
      const label = `${word} (${fmtSpan(first, first + 6, ctx.year)})`;
      dayAtoms.push({ ...dayAtom(start, end, first, first + 7, label, label), relativeWord: word, isWeek: true });
    },
  );
  each(CUE.days, /\b(?:the )?(next|coming|following|past|last|previous) (\d+|few|couple of|two|three|four|five|six|seven) days\b/g, (m) => {
    const n = NUMBER_WORDS[m[2]!.replace(/ of$/, '')] ?? Number(m[2]);
    if (!Number.isFinite(n) || n <= 0 || n > 366) return false;
    const back = ['past', 'last', 'previous'].includes(m[1]!);
    const [from, to] = back ? [today - (n - 1), today + 1] : [today, today + n];
    const word = `${back ? 'the past' : 'the next'} ${n} days`;
    const label = `${word} (${fmtSpan(from, to - 1, ctx.year)})`;
    dayAtoms.push({ ...dayAtom(m.index!, m.index! + m[0].length, from, to, label, label), relativeWord: word });
  });

  // Months: "in June", "June 2027", "this month", "next month".
  each(CUE.month, /\b(this|next|last|coming|past|previous) month\b/g, (m) => {
    const offset = m[1] === 'next' || m[1] === 'coming' ? 1 : m[1] === 'this' ? 0 : -1;
    const first = firstOfMonth(today, offset);
    const word = `${offset === 0 ? 'this' : offset > 0 ? 'next' : 'last'} month`;
    const label = `${word} (${fmtMonth(first, ctx.year)})`;
    dayAtoms.push({ ...dayAtom(m.index!, m.index! + m[0].length, first, firstOfMonth(first, 1), label, label), relativeWord: word });
  });
  each(CUE.monthName, MONTH_RE, (m) => {
    const name = m[2]!;
    const lead = m[1];
    const year = m[3] ? Number(m[3]) : undefined;
    if (AMBIGUOUS_MONTHS.has(name) && !lead && !year) return false;
    const month = MONTHS[name]!;
    const first = year ? dayOf(year, month, 1)! : monthNamed(today, month, lead, options.past);
    const label = fmtMonth(first, ctx.year);
    dayAtoms.push(dayAtom(m.index!, m.index! + m[0].length, first, firstOfMonth(first, 1), label, `in ${label}`));
  });

  // Weekdays, possibly with "this/next/last".
  each(CUE.weekday, WEEKDAY_RE, (m) => {
    const name = m[2]!;
    const mod = m[1] === 'on' ? undefined : m[1];
    if (AMBIGUOUS_WEEKDAYS.has(name) && !m[1]) return false;
    const n = WEEKDAYS[name]!;
    const d = resolveWeekday(ctx, n, mod);
    dayAtoms.push({ ...dayAtom(m.index!, m.index! + m[0].length, d, d + 1, fmt(d), `on ${fmt(d)}`), weekday: { n, ...(mod ? { modifier: mod } : {}) } });
  });

  // Clock times: "at 2pm", "14:00", "2 o'clock", "noon", "after 3pm", "before 11".
  each(CUE.clock, CLOCK_RE, (m) => {
    let h: number;
    let min = 0;
    if (m[7]) h = m[7] === 'midnight' ? 0 : 12;
    else if (m[2] !== undefined) {
      h = Number(m[2]);
      min = m[3] ? Number(m[3]) : 0;
      const ap = m[4]!.replace(/\./g, '');
      if (ap === 'pm' && h < 12) h += 12;
      else if (ap === 'am' && h === 12) h = 0;
      else if (ap.startsWith('o')) h = workingHour(h);
    } else {
      h = Number(m[5]);
      min = Number(m[6]);
    }
    if (h > 23 || min > 59) return false;
    clockAtoms.push({
      start: m.index!,
      end: m.index! + m[0].length,
      window: clockWindow(m[1], h * 60 + min),
      words: `${clockPreposition(m[1])} ${fmtClock(h, min)}`,
    });
  });
  // A bare "at 2" means working hours: 1 to 7 are afternoon.
  each(CUE.bareHour, /\bat (\d{1,2})\b(?![:.\d/])/g, (m) => {
    const h = workingHour(Number(m[1]));
    if (h > 23) return false;
    clockAtoms.push({ start: m.index!, end: m.index! + m[0].length, window: clockWindow('at', h * 60), words: `at ${fmtClock(h, 0)}` });
  });

  // Parts of the day: "this afternoon", "evening sessions next week", "after lunch on Friday" (the
  // day, if any, was read above).
  each(CUE.part, /\b(?:(this|in the|on the|during the|the|over|at|after|before) )?(morning|afternoon|evening|night|lunchtime|lunch time|lunch)s?\b/g, (m) => {
    const named = PARTS[m[2]!.replace(' ', '')]!;
    const part = named.name === 'lunchtime' ? (AROUND_LUNCH[m[1] ?? ''] ?? named) : named;
    clockAtoms.push({ start: m.index!, end: m.index! + m[0].length, window: { from: part.from, to: part.to, mode: 'starts' }, words: '', part: part.name });
    if (m[1] === 'this') {
      dayAtoms.push({ ...dayAtom(m.index!, m.index!, today, today + 1, `today (${fmt(today)})`, `today (${fmt(today)})`), relativeWord: 'today' });
    }
  });

  const rest = left.text;
  const when = combine(ctx, rest, dayAtoms, clockAtoms, instant);
  return when ? { when, rest } : { rest };
}

/**
 * The text the rules have still to read. Blanking writes spaces over characters, and the text is
 * joined again only when a rule next reads it: a new string for each date blanked made a message
 * full of dates cost the square of its length.
 */
class Unread {
  private chars: string[] | undefined;
  private joined: string;

  constructor(text: string) {
    this.joined = text;
  }

  get text(): string {
    if (this.chars) {
      this.joined = this.chars.join('');
      this.chars = undefined;
    }
    return this.joined;
  }

  slice(start: number, end: number): string {
    return this.chars ? this.chars.slice(start, end).join('') : this.joined.slice(start, end);
  }

  blank(start: number, end: number): void {
    this.chars ??= this.joined.split('');
    this.chars.fill(' ', start, end);
  }
}

interface Ctx {
  zone: CachedZone;
  askedAt: Date;
  /** Today on the catalog's wall clock, and its year. */
  today: Day;
  year: number;
  past: boolean;
}

/** Puts the pieces together: a range of days, narrowed by a time of day, or a moment. */
function combine(ctx: Ctx, rest: string, days: DayAtom[], clocks: ClockAtom[], instant?: { kind: 'now' | 'later' }): UnderstoodWhen | undefined {
  const { today, askedAt } = ctx;
  const midnight = (d: Day) => wallTime(ctx.zone, d);
  days.sort((a, b) => a.start - b.start);
  if (instant?.kind === 'now' && days.length === 0) {
    return { from: askedAt, to: new Date(askedAt.getTime() + 60_000), label: 'right now', phrase: 'right now', mode: 'running' };
  }
  if (instant?.kind === 'later' && (days.length === 0 || days.every((d) => d.relativeWord === 'today'))) {
    return { from: askedAt, to: midnight(today + 1), label: 'later today', phrase: 'later today', mode: 'starts' };
  }

  let day: DayAtom | undefined;
  if (days.length >= 2) {
    const [a, b] = [days[0]!, days[1]!];
    const between = rest.slice(a.end, b.start).trim();
    const lead = rest.slice(0, a.start).trimEnd();
    if (/^(?:to|till|til|until|through|thru|-|and)$/.test(between) && (between !== 'and' || /\bbetween$/.test(lead))) {
      let bTo = b.to;
      if (b.weekday && bTo <= a.from) bTo += 7;
      if (bTo > a.from) day = spanAtom(a.start, b.end, a.from, bTo, ctx.year);
    } else {
      const week = days.find((d) => d.isWeek);
      const weekday = days.find((d) => d.weekday);
      if (week && weekday) {
        // "Friday next week": that weekday inside the week named.
        const d = week.from + weekday.weekday!.n - 1;
        day = dayAtom(0, 0, d, d + 1, fmtDay(d, ctx.year), `on ${fmtDay(d, ctx.year)}`);
      } else {
        // Otherwise the most precise of what was said wins ("Wednesday 22 April" read twice).
        // A date beats a weekday said with it ("Tues 21st").
        day = [...days].sort((x, y) => x.to - x.from - (y.to - y.from) || Number(!!x.weekday) - Number(!!y.weekday))[0];
      }
    }
  }
  day ??= days[0];

  // A clock time ("at 2pm") is more precise than a part of the day ("afternoon").
  const clock = clocks.find((c) => c.words) ?? clocks.find((c) => c.part === 'evening' && day?.relativeWord === 'tonight') ?? clocks[0];
  if (!day && !clock) return undefined;
  // "Evening sessions", "anything after lunch?": that part of every day. A clock time with no day
  // ("anything at 2pm?") is today's.
  const anyDayPart = !day && !clock!.words ? PART_NAMED.get(clock!.part ?? '') : undefined;
  if (anyDayPart) {
    const phrase = anyDayPart.said === 'in' ? `in the ${anyDayPart.name}` : anyDayPart.said === 'at' ? `at ${anyDayPart.name}` : anyDayPart.name;
    return { from: new Date(-8.64e15), to: new Date(8.64e15), label: phrase, phrase, mode: 'starts', clock: clock!.window, anyDay: true };
  }
  day ??= { ...dayAtom(0, 0, today, today + 1, `today (${fmtDay(today, ctx.year)})`, `today (${fmtDay(today, ctx.year)})`), relativeWord: 'today' };
  if (!clock) return { from: midnight(day.from), to: midnight(day.to), label: day.label, phrase: day.phrase, mode: 'starts' };

  const date = fmtDay(day.from, ctx.year);
  const singleDay = day.to - day.from <= 1;
  let phrase: string;
  if (clock.words) {
    phrase = day.relativeWord ? `${clock.words} ${day.label}` : `${clock.words} ${day.phrase}`;
  } else if (day.relativeWord === 'last night') {
    phrase = `last night (${date})`;
  } else if (day.relativeWord === 'tonight' || (day.relativeWord === 'today' && clock.part === 'evening')) {
    phrase = `tonight (${date})`;
  } else {
    const part = PART_NAMED.get(clock.part ?? '') ?? PARTS.evening!;
    const relative = day.relativeWord === 'today' || day.relativeWord === 'tomorrow' || day.relativeWord === 'yesterday';
    if (part.said === 'around') phrase = singleDay ? `${part.name} ${relative ? day.label : day.phrase}` : `${day.phrase}, ${part.name}`;
    else if (relative) phrase = `${day.relativeWord === 'today' ? 'this' : day.relativeWord} ${part.name} (${date})`;
    else if (!singleDay) phrase = `${day.phrase}, ${part.name}s`;
    else phrase = `${day.phrase} ${part.said === 'at' ? 'at' : 'in the'} ${part.name}`;
  }
  return narrow(ctx.zone, day, clock.window, phrase, singleDay);
}

/** A single day with a time of day becomes one narrow range; longer spans keep a daily window. */
function narrow(zone: CachedZone, day: DayAtom, window: ClockWindow, phrase: string, singleDay: boolean): UnderstoodWhen {
  const label = phrase.replace(/^on /, '');
  if (singleDay) {
    const time = (minute: number) => (minute >= 24 * 60 ? wallTime(zone, day.from + 1) : wallTime(zone, day.from, minute));
    return { from: time(window.from), to: time(window.to), label, phrase, mode: window.mode, clock: window };
  }
  return { from: wallTime(zone, day.from), to: wallTime(zone, day.to), label, phrase, mode: 'starts', clock: window };
}

/**
 * The instant of a wall-clock time on a day in the zone (by default its midnight). Worked out from
 * the clock reading, not by adding minutes: on the days the clocks change, midnight + 600 minutes
 * is not 10:00.
 */
function wallTime(zone: CachedZone, d: Day, minuteOfDay = 0): Date {
  return new Date(zone.instant(wallClockOf(d, minuteOfDay)));
}

function dayAtom(start: number, end: number, from: Day, to: Day, label: string, phrase: string): DayAtom {
  return { start, end, from, to, label, phrase };
}

function spanAtom(start: number, end: number, from: Day, to: Day, thisYear: number): DayAtom {
  const last = to - 1;
  const label = fmtSpan(from, last, thisYear);
  return dayAtom(start, end, from, to, label, `from ${fmtDay(from, thisYear)} to ${fmtDay(last, thisYear)}`);
}

const ORDINAL = '(\\d{1,2})(?:st|nd|rd|th)?';
const BETWEEN_DAYS = new RegExp(`\\b(?:between|from) ${ORDINAL} (?:and|to|till|until|through|-) ${ORDINAL}(?: of)? (${MONTH_NAMES})\\b`, 'g');
const DAY_RANGE = new RegExp(`\\b${ORDINAL} ?(?:-|to|till|until) ?${ORDINAL}(?: of)? (${MONTH_NAMES})\\b`, 'g');

/** Rewrites "between 20 and 22 April" into the "20-22 April" that chrono reads as a range. */
function prepare(text: string): string {
  let out = text
    // "Morning all, ..." is a greeting, not a time.
    .replace(/^(?:good )?(?:morning|afternoon|evening)(?: all| team| guys| folks| everyone| everybody| mate)?\s*[,!.]+/, ' ')
    .replace(/^good (?:morning|afternoon|evening)\b/, ' ');
  if (/\d/.test(out)) out = out.replace(BETWEEN_DAYS, '$1-$2 $3').replace(DAY_RANGE, '$1-$2 $3');
  return out.includes('clock') ? out.replace(/\bo'?clock\b/g, "o'clock") : out;
}

/** A day and month with the year said or inferred (see the rule at the top of this file). */
function resolveDate(ctx: Ctx, day: number, month: number, year?: number): Day | undefined {
  if (year !== undefined) return dayOf(year, month, day);
  const thisYear = dayOf(ctx.year, month, day);
  if (thisYear === undefined) {
    // 29 February: the next year that has one.
    for (let y = ctx.year + 1; y < ctx.year + 8; y++) {
      const d = dayOf(y, month, day);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (ctx.past) return thisYear > ctx.today ? addYears(thisYear, -1) : thisYear;
  if (thisYear >= ctx.today || ctx.today - thisYear <= 30) return thisYear;
  return addYears(thisYear, 1);
}

function resolveWeekday(ctx: Ctx, n: number, modifier?: string): Day {
  const { today } = ctx;
  const weekday = weekdayOf(today);
  const monday = today - (weekday - 1);
  switch (modifier) {
    case 'this':
      return monday + n - 1;
    case 'next':
      return monday + 7 + n - 1;
    case 'last':
    case 'past':
    case 'previous':
      return today - ((weekday - n + 7) % 7 || 7);
    default:
      if (ctx.past) return today - ((weekday - n + 7) % 7 || 7);
      return today + ((n - weekday + 7) % 7);
  }
}

/** The month meant by "June", "next June", "last June" (see the rule at the top of this file). */
function monthNamed(today: Day, month: number, lead: string | undefined, past: boolean): Day {
  const current = firstOfMonth(today);
  const thisYear = dayOf(partsOf(today).year, month, 1)!;
  if (lead === 'next') return thisYear > current ? thisYear : addYears(thisYear, 1);
  if (lead === 'last') return thisYear < current ? thisYear : addYears(thisYear, -1);
  if (past) return thisYear <= current ? thisYear : addYears(thisYear, -1);
  if (thisYear >= current) return thisYear;
  return today - firstOfMonth(thisYear, 1) <= 30 ? thisYear : addYears(thisYear, 1);
}

function clockWindow(preposition: string | undefined, minute: number): ClockWindow {
  switch (preposition) {
    case 'from':
    case 'after':
      return { from: minute, to: 24 * 60, mode: 'starts' };
    case 'before':
    case 'by':
    case 'till':
    case 'until':
      return { from: 0, to: minute, mode: 'starts' };
    default:
      return { from: minute, to: minute + 1, mode: 'running' };
  }
}

function clockPreposition(p: string | undefined): string {
  return p === 'from' || p === 'after' ? 'from' : p === 'before' || p === 'by' || p === 'till' || p === 'until' ? 'before' : 'at';
}

/** "at 2" in an office day means 2pm; 8 to 12 are mornings. */
function workingHour(h: number): number {
  return h >= 1 && h <= 7 ? h + 12 : h;
}

const DISPLAY_WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const DISPLAY_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Friday 19 June", with the year only when it is not this one. */
export function fmtDay(d: Day, thisYear: number): string {
  const { year, month, day } = partsOf(d);
  const text = `${DISPLAY_WEEKDAYS[weekdayOf(d) - 1]} ${day} ${DISPLAY_MONTHS[month - 1]}`;
  return year === thisYear ? text : `${text} ${year}`;
}

/** "20–26 April", "27 April – 3 May", with the year only when it is not this one. */
export function fmtSpan(from: Day, last: Day, thisYear: number): string {
  if (from === last) return fmtDay(from, thisYear);
  const a = partsOf(from);
  const b = partsOf(last);
  const year = (p: { year: number }) => (p.year === thisYear && a.year === b.year ? '' : ` ${p.year}`);
  if (a.year === b.year && a.month === b.month) return `${a.day}–${b.day} ${DISPLAY_MONTHS[b.month - 1]}${year(b)}`;
  return `${a.day} ${DISPLAY_MONTHS[a.month - 1]}${year(a)} – ${b.day} ${DISPLAY_MONTHS[b.month - 1]}${year(b)}`;
}

function fmtMonth(first: Day, thisYear: number): string {
  const { year, month } = partsOf(first);
  return year === thisYear ? DISPLAY_MONTHS[month - 1]! : `${DISPLAY_MONTHS[month - 1]} ${year}`;
}

function fmtClock(h: number, min: number): string {
  const suffix = h < 12 ? 'am' : 'pm';
  const h12 = h % 12 === 0 ? 12 : h % 12;
  if (h === 12 && min === 0) return 'midday';
  return min ? `${h12}:${String(min).padStart(2, '0')}${suffix}` : `${h12}${suffix}`;
}

/** Words the time rules read, so the typo corrector can bring "tomorow" or "wensday" back to them. */
export const TIME_WORDS: readonly string[] = [
  ...Object.keys(MONTHS),
  ...Object.keys(WEEKDAYS),
  ...Object.keys(PARTS),
  'today',
  'tonight',
  'tomorrow',
  'yesterday',
  'weekend',
  'week',
  'weeks',
  'fortnight',
  'month',
  'next',
  'last',
  'this',
  'coming',
  'later',
  'now',
  'currently',
  'midday',
  'noon',
  'midnight',
  'between',
  'until',
  'commencing',
  'beginning',
  'starting',
];
