/**
 * The small word lists the understanding leans on. Kept apart from the rules so they can grow
 * without touching logic.
 */

/** Text-speak and shorthand officers type, rewritten before anything else reads the message. */
export const SHORTHAND: Readonly<Record<string, string>> = {
  tmrw: 'tomorrow',
  tmr: 'tomorrow',
  tmrow: 'tomorrow',
  tomoz: 'tomorrow',
  tomo: 'tomorrow',
  '2moro': 'tomorrow',
  '2morrow': 'tomorrow',
  '2mrw': 'tomorrow',
  '2day': 'today',
  tdy: 'today',
  tonite: 'tonight',
  '2nite': 'tonight',
  '2night': 'tonight',
  wkend: 'weekend',
  wknd: 'weekend',
  wk: 'week',
  wks: 'weeks',
  nxt: 'next',
  arvo: 'afternoon',
  avo: 'afternoon',
  eve: 'evening',
  mornin: 'morning',
  morn: 'morning',
  whats: 'what',
  wots: 'what',
  wot: 'what',
  wat: 'what',
  sesh: 'session',
  seshs: 'sessions',
  seshes: 'sessions',
  abt: 'about',
  u: 'you',
  r: 'are',
  ur: 'your',
  pls: 'please',
  plz: 'please',
  thx: 'thanks',
  ty: 'thanks',
  ta: 'thanks',
  anythin: 'anything',
  owt: 'anything',
  summat: 'something',
  // Misspellings too far from the word for the typo rule (which allows one slip under 8 letters).
  wensday: 'wednesday',
  wendsday: 'wednesday',
  wednsday: 'wednesday',
  wedensday: 'wednesday',
  wenesday: 'wednesday',
  thursady: 'thursday',
  tommorow: 'tomorrow',
  tommorrow: 'tomorrow',
  tomorow: 'tomorrow',
  febuary: 'february',
  satuday: 'saturday',
  saterday: 'saturday',
  wellbeeing: 'wellbeing',
  recognision: 'recognition',
  n: 'and',
  '&': 'and',
  b4: 'before',
  wanna: 'want',
  gonna: 'going',
  // American spellings of words the catalog writes the British way.
  neighborhood: 'neighbourhood',
  neighborhoods: 'neighbourhoods',
  behavior: 'behaviour',
  behaviors: 'behaviours',
  organization: 'organisation',
  organizations: 'organisations',
  program: 'programme',
  programs: 'programmes',
  center: 'centre',
  defense: 'defence',
  analyze: 'analyse',
  analyzing: 'analysing',
  traveling: 'travelling',
  counseling: 'counselling',
  modernizing: 'modernising',
  modernize: 'modernise',
  maximizing: 'maximising',
  specialized: 'specialised',
  utilize: 'utilise',
  color: 'colour',
  honor: 'honour',
  harbor: 'harbour',
};

const wordSet = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter(Boolean));

const SESSION_NOUNS = 'session sessions event events webinar webinars talk talks seminar seminars workshop workshops cpd training';

/**
 * The words a question is framed with ("what's on", "is there anything", "any sessions"), each
 * with the words that follow it there. An unknown word one slip from a framing word, standing
 * before one of that word's followers, is the framing word mistyped, however short ("wat's on",
 * "whta is on", "is ther anything"), not a topic. Only before a follower: after "on" comes the
 * subject, and "anything on chat" is about chat.
 */
export const FRAMING_WORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  what: wordSet('on is are was were happening coming going there have has did'),
  "what's": wordSet('on happening coming going there'),
  is: wordSet('there theres anything any something'),
  there: wordSet('anything any something a some on'),
  "there's": wordSet('anything any something a some on'),
  anything: wordSet(`on about for in at this next happening coming going tomorrow today ${SESSION_NOUNS}`),
  any: wordSet(`${SESSION_NOUNS} on happening coming going`),
};

/**
 * Words that carry no subject: question scaffolding, politeness, and the words for "a session"
 * itself. Anything left after these, the time words, campaigns, presenters and organisations is
 * treated as a topic.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any anybody anyone anything anythings are around as ask at
  available be been before being below between bit both but by can cheers could coming cover covered covering covers
  details did do does doing done during each else every everything find for from get give giving go going good got
  great had has have having hello help hey hi how i id if im in info information interested into is it its ive just
  kind know learn let like list look looking lot lots may me mine more most much my need needs near next no nope not
  now of off ok okay on one ones onto or other our out over please plus possible pretty re regarding related relating
  relevant run running say see show shown so some something soon still stuff such tell than thank thanks that the
  their them then there these they thing things this those through thru to too topic topics under until up upon us
  very want wanted wants was we were what whats when where whether which while who whom why will with would yeah yes
  yo you your yours anywhere somewhere please cheers mate mates guys folks team hiya howdy morning evening
  session sessions event events webinar webinars talk talks seminar seminars workshop workshops meeting meetings cpd
  presentation presentations presenting presented presents presenter presenters present speaker speakers speaking
  hosting hosted host hosts held hold holding delivered delivering delivers delivery lecture lectures class classes
  course courses live online virtually virtual teams happen happening happens happened scheduled schedule planned plan
  programme agenda timetable diary calendar lineup line-up week weeks action day days time times date dates
  police policing officer officers cop cops colleague colleagues force forces people person anyone
  upcoming coming future past previous previously recent recently earlier later latest missed miss catch watch watched
  again back recording recordings recorded replay replays video videos available already gone went ago last
  attend attending join joining book booking booked bookable go sign signup register left remaining rest remainder`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Words that show the message is about sessions, so an unknown subject ("anything on drones?")
 * gets a "nothing about drones" answer instead of "I didn't understand".
 */
export const SESSION_CUES: ReadonlySet<string> = new Set(
  `on anything any session sessions event events webinar webinars talk talks seminar seminars workshop workshops cpd
  coming upcoming happening scheduled programme agenda timetable lineup recording recordings recorded replay
  presenting presented presenter presenters speaker speakers about week action missed miss watch attend book`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words that turn a question to the past: "what was on", "did I miss", "recordings of". */
export const PAST_CUES: ReadonlySet<string> = new Set(
  `was were did missed miss happened recording recordings recorded replay replays rewatch catchup watch watched previous
  previously earlier ago went gone been had past`
    .split(/\s+/)
    .filter(Boolean),
);

/** Phrases (several words) that turn a question to the past. */
export const PAST_PHRASES: readonly RegExp[] = [/\bcatch(ing)? up\b/, /\bwatch (it |them )?(again|back)\b/, /\bhave i missed\b/];

/** Ranks, titles and honours around a presenter's name, not part of what officers type to find them. */
export const NAME_AFFIXES: ReadonlySet<string> = new Set(
  `inspector insp chief superintendent supt ch sergeant sgt ps pc dc ds di dci dsu det detective constable commander
  cmdr assistant deputy commissioner acc dcc cc dr doctor prof professor mr mrs ms miss mx sir dame lord lady rev
  kpm qpm obe mbe cbe dbe kbe bem qfsm phd msc ba bsc ma llb`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Words that describe the kind of help rather than the subject ("any training on dogs", "how do I
 * deal with auditors"): they narrow nothing when a real subject is named with them, and count as
 * the subject only when alone ("training").
 */
export const WEAK_TOPIC_WORDS: ReadonlySet<string> = new Set(
  `training course courses input inputs briefing briefings development deal dealing handle handling manage managing
  tips advice guidance practice practical approach approaches update updates overview introduction intro basics`
    .split(/\s+/)
    .filter(Boolean),
);
