/**
 * Whether a message reads as an officer in distress or at risk: "I can't cope", "I want to end it
 * all", "feeling suicidal", "I'm not OK". The bot answers such a message with the crisis line
 * before anything else, and nothing of it is logged.
 *
 * What counts is the speaker's own state, now: a first-person subject with a feeling, an intent to
 * die or to self-harm, hopelessness, or not being able to go on. The same words used as a subject
 * of learning ("suicide prevention training", "self-harm awareness", "responding to suicidal
 * callers", "crisis intervention") are topics and get sessions, and so are everyday uses of the
 * words ("I'm not OK with the time", "I can't go on Friday", "struggling to find the link").
 *
 * A missed message costs far more than a kind card sent once too often, so a message that reads
 * both ways (a bare "suicidal", "I need help") is answered as distress.
 */
import { editDistance, normalise } from '../catalog/understanding/text.js';

/** A long message is read as far as a long message goes; nobody types a crisis after 4,000 characters of something else. */
export const DISTRESS_READ_CHARS = 4000;

export function readsAsDistress(message: string): boolean {
  if (!message) return false;
  const clauses = clausesOf(message.slice(0, DISTRESS_READ_CHARS));
  return clauses.some((clause) => RISK.some((rule) => rule.test(clause)) || aboutMe(clause)) || runTogether(clauses);
}

// ---------------------------------------------------------------------------------------------
// Reading the text: lower case, straight apostrophes dropped ("can't" -> "cant"), one spelling for
// the contractions and slips people type, clauses split at sentence punctuation.

/** Spellings of one word, typed as the officer typed them, and the one the rules read. */
const SAME_WORD: Readonly<Record<string, string>> = {
  cannot: 'cant',
  carnt: 'cant',
  cnat: 'cant',
  cnt: 'cant',
  cant: 'cant',
  couldnt: 'cant',
  iam: 'im',
  iv: 'ive',
  ima: 'im',
  imm: 'im',
  okay: 'ok',
  okey: 'ok',
  oky: 'ok',
  okk: 'ok',
  okie: 'ok',
  kk: 'ok',
  'all right': 'alright',
  alrite: 'alright',
  aright: 'alright',
  wanna: 'want to',
  wana: 'want to',
  wnat: 'want',
  gonna: 'going to',
  gona: 'going to',
  anymore: 'anymore',
  anymor: 'anymore',
  nomore: 'no more',
  meself: 'myself',
  myslef: 'myself',
  mself: 'myself',
  selfharm: 'selfharm',
  selfharming: 'selfharming',
  kms: 'kill myself',
  coep: 'cope',
  cpoe: 'cope',
  copeing: 'coping',
  dont: 'dont',
  dnt: 'dont',
  didnt: 'didnt',
  nt: 'not',
  u: 'you',
  ur: 'your',
  pls: 'please',
  plz: 'please',
  suicidle: 'suicidal',
  sucidal: 'suicidal',
  suicdal: 'suicidal',
  suacidal: 'suicidal',
  feelin: 'feeling',
  strugglin: 'struggling',
  strugling: 'struggling',
  struggeling: 'struggling',
};

/** Phrases typed as two words (or one) that the rules read as one spelling. */
const SAME_PHRASE: ReadonlyArray<[RegExp, string]> = [
  [/\bi am\b/g, 'im'],
  [/\bi m\b/g, 'im'],
  [/\bi have\b/g, 'ive'],
  [/\bi ve\b/g, 'ive'],
  [/\bcan not\b/g, 'cant'],
  [/\bcould not\b/g, 'cant'],
  [/\bdo not\b/g, 'dont'],
  [/\bdid not\b/g, 'didnt'],
  [/\bany more\b/g, 'anymore'],
  [/\bany longer\b/g, 'anymore'],
  [/\bmy self\b/g, 'myself'],
  [/\bself (harm|harming|harmed|harms)\b/g, 'self$1'],
  [/\bo k\b/g, 'ok'],
  [/\ball right\b/g, 'alright'],
  [/\bthere is\b/g, 'theres'],
  [/\bwhat is\b/g, 'whats'],
  [/\bit is\b/g, 'its'],
  [/\bis not\b/g, 'isnt'],
];

/**
 * Words whose slips are read as the word ("sucidal", "hopless", "strugling"): only long words that
 * no everyday word lies one slip away from ("coping" is one letter from "coming", so it is not here).
 */
const SLIP_WORDS = [
  'suicidal',
  'suicide',
  'myself',
  'hopeless',
  'worthless',
  'struggling',
  'depressed',
  'overdose',
  'breakdown',
  'anymore',
  'helpless',
  'desperate',
];
/** Real words one slip from a word above, kept as typed. */
const NOT_SLIPS = new Set(['repressed', 'overdone', 'overdoes', 'suicides', 'desperado']);

function clausesOf(message: string): string[] {
  const text = normalise(message)
    .replace(/&#39;|&apos;/g, "'")
    .replace(/'/g, '')
    .replace(/([a-z])\1{2,}/g, '$1');
  const clauses: string[] = [];
  for (const part of text.split(/[.!?;:,\n()]+|\s-\s|\s+but\s+/)) {
    const tokens = (part.match(/[a-z0-9]+/g) ?? []).map(oneSpelling);
    if (tokens.length === 0) continue;
    let clause = tokens.join(' ');
    for (const [pattern, spelling] of SAME_PHRASE) clause = clause.replace(pattern, spelling);
    clauses.push(clause);
  }
  return clauses;
}

const slipCache = new Map<string, string>();

function oneSpelling(word: string): string {
  const known = SAME_WORD[word];
  if (known) return known;
  if (word.length < 6 || NOT_SLIPS.has(word)) return word;
  let read = slipCache.get(word);
  if (read === undefined) {
    read = word;
    let nearest = 3;
    for (const w of SLIP_WORDS) {
      const allowed = w.length >= 8 ? 2 : 1;
      const distance = w[0] === word[0] ? editDistance(word, w, allowed) : allowed + 1;
      if (distance <= allowed && distance < nearest) [read, nearest] = [w, distance];
    }
    if (slipCache.size < 10_000) slipCache.set(word, read);
  }
  return read;
}

// ---------------------------------------------------------------------------------------------
// The rules. Each reads one clause (a sentence or part of one), words separated by one space.

/** Nothing more follows in the clause, or only words that keep it about the speaker's life. */
const ENDS = String.raw`(?=$| (?:anymore|like this|much longer|no more|of this|of it|at all|now|right now|today|tonight|please|honestly|really|mate|i (?:just )?(?:cant|dont|feel|need|want|think)|im|ive|and (?:i|im|ive|its|everything|nothing)|with (?:life|this|it|everything|living|things|my life)|help|someone|anyone)\b)`;
/** Words that strengthen what follows: "I'm really not OK", "I feel so hopeless". */
const SO = String.raw`(?:(?:so|really|very|just|completely|totally|utterly|honestly|seriously|genuinely|properly|absolutely|too|quite|pretty|a bit|bit|kind of|kinda|actually|literally|still|always|constantly|increasingly|extremely|incredibly|massively|badly|feeling|getting|becoming|starting to feel|beginning to feel) )*`;
/** The speaker feeling: "I feel", "feeling", "I've been feeling". */
const I_FEEL = String.raw`(?:i feel|i felt|feeling|im feeling|ive been feeling|i keep feeling|i just feel|i honestly feel|i really feel|i always feel|i often feel|i feel like|i get|i think i feel)`;
/** The speaker being: "I'm", "I've been". */
const I_AM = String.raw`(?:im|ive been|i think im|im just|and im|honestly im)`;
/** What follows a feeling word when it is about something else: "desperate for a place", "hopeless at tech". */
const NOT_A_FEELING = String.raw`(?! (?:about|for (?!(?:weeks|days|months|ages|a while|a long time|years|so long|some time)\b)|that|because|to (?:book|get|attend|find|see|join|go|know|hear|start)|at (?!all\b)|with (?!(?:everything|life|it all|myself|my life|the world|all of it|all this)\b)|by (?:the|this|that) (?:choice|number|options|list|sessions|programme)|on)\b)`;
/** Coping "with" a thing the bot or the day brings is not distress: "can't cope with this app". */
const NOT_THINGS = String.raw`(?! with (?:the|this|that|your|these|all the) (?:new |old |online )?(?:bot|app|form|link|links|website|site|card|cards|system|booking system|teams|booking|bookings|tech|technology|wifi|computer|laptop|phone|weather|heat|cold|emails|paperwork)\b)`;
/** Ways of saying a feeling of one's own. */
const FEELINGS = String.raw`(?:hopeless|helpless|worthless|broken|desperate|suicidal|depressed|miserable|overwhelmed|a burden|like a burden|a failure|like a failure|dead inside|numb|so alone|all alone|completely alone|totally alone|lonely|like giving up|like ending it|like dying|like i want to die|like im drowning|like i cant go on|like i cant cope|like i cant breathe|like nothing matters|like theres no way out|like (?:im )?falling apart|like no ?one cares|like nobody cares|scared of myself|like disappearing|like im losing my mind|like im going mad|like im going crazy)`;
/** Feelings said only with "I feel": "I'm down" can mean "count me in", "I feel down" cannot. */
const FELT_ONLY = String.raw`(?:empty|trapped|alone|isolated|low|down|unsafe|awful all the time)`;

/**
 * Phrases that say it whoever else is named: intent to die or to self-harm, hopelessness about
 * living, not being able to go on. Each ends (or is followed) so that everyday uses do not match.
 */
const RISK: readonly RegExp[] = [
  // Self-harm and suicide in so many words.
  /\b(?:kill|killing|kil|end|ending|harm|harming|hang|hanging|poison|poisoning|drown|drowning|shoot|shooting|stab|stabbing|starve|starving|topping|hurting|cutting|burning|suffocate|suffocating|gassing) myself\b/,
  /\btop myself\b(?! up\b)/,
  /\b(?:to|might|could|will|ll|ill|id|i will|i might|i could|i would|going to|about to|urge to|urges to|tempted to|thinking about|thinking of|feel like|keep|scared i|afraid i|worried i|want to|wanted to) (?:hurt|cut|burn) myself\b/,
  new RegExp(
    String.raw`\b(?:i|ive|just) (?:hurt|cut|burnt|burned) myself(?: again)?(?:${ENDS}| (?:last night|yesterday|this morning|earlier|on purpose|deliberately|again))`,
  ),
  /\b(?:take|taking|swallow|swallowing|took|taken|swallowed) (?:all (?:of )?(?:my|the|these|those)|loads of|a lot of|lots of|a load of|an overdose of|every one of my) (?:pills|tablets|meds|medication|sleeping pills|painkillers)\b/,
  /\b(?:end|ending|take|taking|finish|finishing|took) (?:my|me) (?:own )?life\b/,
  /\b(?:end|ending) it all\b/,
  /\b(?:end|ending) (?:it|everything|things|this) (?:tonight|today|now|soon|forever|for good|once and for all)\b/,
  /\b(?:want|wanted|wanting|going|planning|plan|ready|decided|deciding|about|tempted|thinking about|thinking of|think about) (?:to )?(?:end|ending) (?:it|everything|things)(?!(?: (?:with|on|for|at|in|off|early|booking|session|place|meeting|call|chat|conversation|reminder|reminders))\b)/,
  /(?<!\b(?:dont|never|didnt|not) )\b(?:want|wanted|wanting|going|ready|wish|wishing|deserve|hoping|hope|planning|plan|like) to die\b(?! (?:of|from|laughing|my hair)\b)/,
  /\bwish (?:i|im) (?:was|were|could be|could just be|was just) dead\b/,
  /\bwish i (?:could )?(?:just )?(?:die|disappear|not exist|stop existing|not wake up|never woke up|wasnt here|wasnt alive|wasnt born|werent here|had never been born|was never born|hadnt been born|could sleep forever)\b/,
  /\bbetter off (?:dead|without me|if i (?:was|were|wasnt) (?:dead|gone|here|around))\b/,
  /\b(?:dont|didnt) want to (?:live|be alive|exist|wake up|breathe)\b(?! (?:in|at|near|with|on|there|abroad|somewhere|like that)\b)/,
  new RegExp(String.raw`\bdont want to (?:be here|be around|go on|carry on|keep going|do this|do life|keep living|live anymore)${ENDS}`),
  /\b(?:nothing (?:left )?to live for|no reason to (?:live|go on|carry on|keep going|be here|wake up)|no point (?:in |of )?(?:living|life|going on|carrying on|being alive|being here|existing|waking up|me being here|trying anymore|anything anymore))\b/,
  /\bwhats the point (?:of |in )?(?:living|life|anything|going on|carrying on|being alive|being here|it all|trying|existing|me|waking up|anymore|of anything|of it all)\b/,
  /\blife (?:isnt|aint|is not|just isnt|doesnt feel|no longer feels|isnt really) worth (?:living|it)\b/,
  /\blife (?:is|feels|seems|has become|has got) (?:so |just |completely |totally |really )?(?:pointless|meaningless|hopeless|unbearable|too much|too hard|not worth (?:it|living))\b/,
  /\bnot worth living\b/,
  /\bwant (?:it all|everything|it|the pain|this|the thoughts|the voices|all of it) to (?:stop|end|be over|go away)(?=$| (?:now|please|already|forever|for good|i|im))/,
  /\b(?:dont|cant|no longer) see (?:the|any) point (?:in |of )?(?:anything|living|life|going on|carrying on|trying|being here|it all|anymore)\b/,
  /\b(?:tired|sick|exhausted|weary) of (?:living|life|being alive|existing|it all|waking up)\b/,
  /\b(?:im|i am) (?:so |just |really )?(?:done|finished) with (?:life|living|everything|it all|existing)\b/,
  /\bhad enough of (?:life|living|everything|it all|being alive|this life|existing)\b/,
  /\bgiv(?:e|ing) up on (?:life|living|everything|myself|it all)\b/,
  /\b(?:want|wanted|going|ready|about|feel like|feeling like|think ill|close) (?:to )?giv(?:e|ing) up\b(?! (?:my|the|a|on (?:the|this|that|a)|booking|session|place|seat|spot|slot|smoking|drinking|sugar|caffeine)\b)/,
  /\b(?:theres|i see|i can see|there seems to be) no way out\b/,
  /\bno way out(?=$| (?:anymore|for me|of this|of it))/,
  /\b(?:and |to )?(?:never|not) wake up\b(?! (?:in time|early|on time|for|before|till|until)\b)/,
  /\b(?:disappear forever|stop existing|cease to exist|sleep forever and never|go to sleep and not wake)\b/,
  /\bthis is (?:my )?goodbye\b|\b(?:saying|say|said) my (?:final |last )?goodbyes?\b|\b(?:wanted|want|just wanted) to say goodbye$/,
  /\bgoodbye (?:everyone|forever|cruel world|world)\b/,
  /\bwont be (?:here|around|alive) (?:much longer|anymore|for long|tomorrow)\b/,
  /\bby the time (?:you|anyone|someone) (?:read|reads|see|sees) this\b/,
  /\b(?:no ?one|nobody|noone) (?:would|will|d) (?:miss|notice|care|even notice)(?: me| if i|$| when i)/,
  /\b(?:no ?one|nobody|noone) (?:cares|gives a damn|gives a shit) (?:about me|if i|whether i)\b/,
  // Not coping, not able to go on.
  new RegExp(String.raw`\bcant (?:really )?cope\b${NOT_THINGS}`),
  new RegExp(String.raw`\b(?:not|barely|hardly|struggling to|unable to|failing to|no longer) (?:really )?cop(?:e|ing)\b${NOT_THINGS}`),
  new RegExp(
    String.raw`\bcant (?:go on|carry on|keep going|keep doing this|do this|take (?:it|this|much more|anymore|any more)|handle (?:it|this|life|anything|everything)|keep it together|hold it together|hold on)${ENDS}`,
  ),
  /\bcant (?:live like this|go on living|keep living|bear (?:it|this|life|living|to live)|face (?:it anymore|anything|anyone|life|living|another day|another shift|tomorrow|today|work|people|the world|waking up|going back|going on)|stand (?:life|living|being alive|myself)|stop crying|function|get out of bed|see a way out|see a future|see the point|see any point|see any way|take the pain|escape this)\b/,
  /\bdont know how (?:much (?:longer|more) i can (?:take|cope|go on|do this|keep going|carry on|handle|last)|to (?:cope|keep going|go on living)|i (?:can|will|ll) (?:keep going|go on|carry on|cope|survive))\b/,
  new RegExp(String.raw`\bdont know how to (?:go on|carry on)${ENDS}`),
  /\b(?:dont think i can|not sure i can|dont know if i can|doubt i can|no longer able to|not able to) (?:go on|carry on|keep going|cope|do this anymore|take (?:it|this|much more|anymore|any more))\b(?! (?:on|at|to|with the|the|a|friday|monday|tuesday|wednesday|thursday|saturday|sunday|tomorrow|next)\b)/,
  // Struggling, and not "struggling to find the link".
  new RegExp(
    String.raw`\b(?:im|ive been|i|i keep|i still|really) ${SO}struggl(?:e|ing)(?! (?:to (?!(?:cope|keep|carry|go on|get through|function|sleep|breathe|live|stay alive|hold|manage|see the point|get out of bed|eat|stop|face|deal|talk|think straight)\b)\w+|with (?!(?:my )?(?:mental|life|everything|things|it all|depression|anxiety|stress|grief|loss|trauma|ptsd|head|thoughts|the job|work|being|myself|feelings|emotions|sleep|drinking|alcohol|loneliness|what|how|home|family|money|it)\b)|at (?:the|this|that)(?! (?:moment|minute|time)\b)|on (?:the|this|that|a)|for|in (?:the|this|that))\b)`,
  ),
  // Not OK (and not "not OK with the time").
  new RegExp(
    String.raw`(?:^|\b(?:im|ive been|been|feeling|feel|i feel|im feeling|ive been feeling|i really am|honestly im|im just|and im|i think im) )${SO}not ${SO}(?:ok|alright|fine|coping|myself|in a good (?:place|way|headspace|space|state)|doing (?:ok|well|good|great|alright))(?! (?:with|to|for|about|that|if|at (?!all\b)|on|in|doing|having|going|attending|being|sure|available|free|around|able|happy|by|this|when|as|from|after|before)\b)`,
  ),
  /\b(?:i dont feel|i didnt feel|i never feel|i no longer feel|i havent felt|ive not felt) (?:ok|alright|safe|myself|like myself|like me|like living|like going on|good about anything)(?! (?:with|to|for|about|that|if|at (?!home|all)|on|doing|going|attending|using|booking)\b)/,
  // Feelings of the speaker's own.
  new RegExp(String.raw`\b${I_FEEL} ${SO}(?:${FEELINGS}|${FELT_ONLY})\b${NOT_A_FEELING}`),
  new RegExp(String.raw`\b${I_AM} ${SO}${FEELINGS}\b${NOT_A_FEELING}`),
  new RegExp(
    String.raw`\b(?:im|ive been|im just|i think im) ${SO}(?:a mess|in crisis(?! (?:comms|communications|management|team|negotiation|negotiations|negotiator|negotiators|intervention|response|support|services|planning|unit|cell|role|work|training)\b)|having a crisis|having a mental health crisis|in a mental health crisis|falling apart|breaking down|at breaking point|at my breaking point|at rock bottom|hit rock bottom|losing my mind|losing the will to live|on the edge|on the verge of (?:tears|a breakdown|breaking down|giving up|ending it|collapse)|scared of what i (?:might|could|will|ll|may) do|afraid of what i (?:might|could|will|ll|may) do|frightened of what i (?:might|could|will|ll|may) do|not safe|not in a good place|in a (?:really |very |so )?(?:dark|bad|terrible|horrible|awful|low) (?:place|way|state|headspace|space))\b`,
  ),
  new RegExp(
    String.raw`\b(?:im|ive been|i) ${SO}(?:having|had|going through) a (?:really |very )?(?:hard|tough|rough|difficult|dark|awful|horrible|terrible) (?:time|patch|few weeks|few months|week)${ENDS}`,
  ),
  /\b(?:everything|my life|life|my world|it all) (?:is|feels|seems|has) (?:so |just |completely |totally |really )?(?:falling apart|hopeless|pointless|too much|fallen apart|crumbling|collapsing)\b/,
  /\b(?:ive lost|i have lost|lost) (?:all )?(?:hope|the will to live|my will to live|the will to carry on)\b/,
  /\b(?:theres|i have|ive got|i see|there seems to be) no hope(?: left| for me| anymore)?$/,
  /\b(?:i|ill|i will|i might|i could|im going to|im scared ill|im afraid ill|im worried ill|scared ill|afraid ill) (?:do something (?:stupid|silly|drastic)|do something to myself|hurt someone)\b/,
  /\bdont trust myself\b/,
  /\bmy (?:mental health|depression|anxiety|ptsd|head|mind) (?:is|has been|has got|feels) (?:so |really |very |just |getting |completely )*(?:bad|terrible|awful|worse|shot|gone|a mess|in pieces|out of control|unbearable|at rock bottom|spiralling|spiraling|falling apart|killing me)\b/,
  /\bmy mental health (?:isnt|is not) (?:good|ok|great|well)\b/,
  // Asking for the help itself.
  /^(?:please |hi |hello |hey )?(?:i (?:really |urgently |desperately |just |badly )?need (?:some )?(?:help|support|someone|someone to talk to)|help me|someone help(?: me)?|somebody help(?: me)?|please help me|i need to talk to someone|i need someone to talk to)(?: (?:please|now|right now|urgently|asap|badly|quickly|someone|anyone|me|now please|please now))*$/,
  /\b(?:crisis (?:line|helpline|number|phone line|hotline|phone number)|mental health (?:helpline|hotline|line)|(?:wellbeing|welfare) (?:helpline|hotline|phone line)|samaritans)\b/,
  /(?<!\b(?:it|tech|technical|booking|ict|service desk|servicedesk|computer|teams|college|events) )\b(?:helpline|hotline)\b(?! (?:for|about) (?:booking|bookings|technical|tech|it|the app|the bot|teams|problems|issues|help with|the college)\b)/,
  /\b(?:someone|somebody|anyone|anybody) (?:to talk to|i can talk to|to speak to|i can speak to)\b(?! about (?:booking|bookings|the|a|my booking|sessions|cpd|a session|the session)\b)/,
  /\b(?:need|want) to (?:talk|speak) to (?:someone|somebody|anyone|a person)\b(?! (?:about|regarding|at|in|from) (?:booking|bookings|the|a|my booking|my bookings|sessions|cpd|a session|the session|the college)\b)/,
  /\b(?:who|where) can i (?:talk|speak|turn|go) (?:to|for help|for support)(?:$| for help| for support| when| if| i)/,
  // Someone close to them.
  /\bmy (?:colleague|mate|friend|partner|wife|husband|boyfriend|girlfriend|son|daughter|brother|sister|mum|mom|dad|sergeant|sarge|inspector|oppo|crewmate|team ?mate|pal|flatmate|housemate|skipper|boss|manager|best friend|cousin)\b.*\b(?:suicidal|(?:attempted|tried|commit|committing|thinking about|talking about|talked about|thoughts of) suicide|kill (?:himself|herself|themselves|themself)|killing (?:himself|herself|themselves)|end (?:his|her|their) (?:own )?life|end it all|ending it all|wants to die|want to die|selfharm|selfharming|selfharms|hurt (?:himself|herself|themselves)|harm (?:himself|herself|themselves)|overdose|overdosed|not coping|cant cope|in crisis)\b/,
];

/** Words whose presence in a clause means it is about someone else: a topic, or a third party. */
const OTHERS = new Set(
  [
    'someone somebody anyone anybody person persons people caller callers public individual individuals man woman men women male males female females',
    'lad girl boy guy bloke lady adult adults child children kids teenager teenagers youngsters student students driver patient patients victim victims',
    'he she they him her them his their who officers colleagues subject subjects members detainee detainees prisoners force system service team nhs',
  ]
    .join(' ')
    .split(' '),
);
/** The speaker, as the subject or object of the clause. */
const ME = new Set(['i', 'im', 'ive', 'id', 'me', 'myself']);
/** Words before a cue, or between the speaker and it, that make it a subject of learning: "on self-harm", "about an overdose". */
const FRAMES = new Set(
  [
    'on about around regarding re into of for awareness understanding recognising recognizing spotting identifying managing handling supporting support',
    'dealing responding respond deal help helping policing tackling preventing prevention topic learn learning training session sessions course courses',
    'attending attend call calls incident job scene',
  ]
    .join(' ')
    .split(' '),
);
/** A frame after these is the speaker's intent, not a topic: "thinking about overdosing". */
const INTENT = new Set(['thinking', 'thought', 'thoughts', 'scared', 'afraid', 'frightened', 'worried', 'urge', 'urges', 'dreaming', 'obsessing']);
/** Words after a cue that make it a subject of learning: "suicidal callers", "self-harm awareness". */
const TOPIC_NOUNS = new Set(
  [
    'awareness prevention training session sessions course courses policy policies guidance legislation procedure procedures protocol protocols risk risks',
    'cases case incidents incident calls call callers caller response responses intervention first support services charities talk talks webinar webinars',
    'event events cpd module modules resources resource research statistics stats rates rate data in among amongst within and',
  ]
    .join(' ')
    .split(' '),
);

interface Cue {
  /** The word (or the first word of the phrase) that says it. */
  word: RegExp;
  /** Said alone, or to open a clause ("suicidal again today"), it is the speaker's. */
  bare?: true;
  /** Before it, a word that makes it someone else's: "a suicidal man". */
  notAfter?: ReadonlySet<string>;
  /** After it, a word that makes it something else: "a breakdown of my hours". */
  notBefore?: ReadonlySet<string>;
}

/**
 * Words that say distress when the speaker is the one they are about ("I've been self-harming
 * again", "I'm having a breakdown", "I'm suicidal"), and are topics otherwise.
 */
const MY_CUES: readonly Cue[] = [
  { word: /^suicidal$/, bare: true, notAfter: new Set(['a', 'an', 'the', 'any', 'some', 'this', 'that', 'these', 'those', 'with']) },
  { word: /^selfharm(?:ing|ed|s)?$/ },
  { word: /^(?:overdose|overdosing|overdosed)$/ },
  { word: /^breakdown$/, notBefore: new Set(['of', 'by', 'for', 'per', 'on', 'in', 'cover', 'recovery', 'truck']) },
];
/** Phrases read the same way. */
const MY_PHRASES =
  /\b(?:panic attacks?|dark thoughts|intrusive thoughts|suicidal (?:thoughts|feelings|ideation|urges)|thoughts of (?:suicide|dying|death|ending it|ending my life|killing myself|selfharm|harming myself|hurting myself)|breaking point|rock bottom|(?:commit|committing|committed|attempt|attempted|attempting|contemplating|considering|planning|thinking about|thinking of|thought about|thoughts about|tried) (?:committing )?suicide|my suicide|suicide note|took (?:all )?(?:my|the|some|a lot of) (?:pills|tablets|meds)|swallow(?:ed)? (?:all )?(?:my|the) (?:pills|tablets|meds))\b/g;
/** A clause that opens with one of these and a cue is the speaker's own: "having panic attacks again". */
const BARE_STARTS = new Set([
  'took',
  'taken',
  'tried',
  'attempted',
  'having',
  'been',
  'keep',
  'started',
  'starting',
  'feeling',
  'thinking',
  'cant',
  'constant',
  'constantly',
  'so',
  'really',
  'very',
  'just',
  'totally',
  'completely',
]);
/** A cue after these is denied: "I'm not suicidal". */
const DENIALS = new Set(['not', 'never', 'isnt', 'no']);
/** A message that is only a feeling ("suicidal", "so depressed", "struggling") is the speaker's. */
const ONLY_A_FEELING =
  /^(?:(?:so|really|very|feeling|just|im|totally|completely) )*(?:suicidal|depressed|hopeless|worthless|struggling|desperate|broken|empty|numb|overwhelmed|not ok|not coping|in crisis|falling apart|help me)(?: (?:please|now|today|right now|again))*$/;

function aboutMe(clause: string): boolean {
  if (ONLY_A_FEELING.test(clause)) return true;
  const tokens = clause.split(' ');
  for (let i = 0; i < tokens.length; i++) {
    const cue = MY_CUES.find((c) => c.word.test(tokens[i]!));
    if (!cue || cue.notAfter?.has(tokens[i - 1] ?? '') || cue.notBefore?.has(tokens[i + 1] ?? '')) continue;
    if (cueIsMine(tokens, i, i + 1, cue.bare === true)) return true;
  }
  for (const m of clause.matchAll(MY_PHRASES)) {
    const start = m.index === 0 ? 0 : clause.slice(0, m.index - 1).split(' ').length;
    if (cueIsMine(tokens, start, start + m[0].split(' ').length, false)) return true;
  }
  return false;
}

/**
 * Whether the cue at tokens[start, end) is about the speaker: not denied, not framed as a topic,
 * and either "I" comes before it with nobody else and no topic word in between, or it comes after
 * with nobody else in the clause, or the clause opens with it.
 */
function cueIsMine(tokens: readonly string[], start: number, end: number, bare: boolean): boolean {
  const after = tokens[end];
  if (DENIALS.has(tokens[start - 1] ?? '') || DENIALS.has(tokens[start - 2] ?? '')) return false;
  if (after !== undefined && TOPIC_NOUNS.has(after)) return false;
  for (let j = start - 1; j >= 0; j--) {
    const word = tokens[j]!;
    if (OTHERS.has(word) || (FRAMES.has(word) && !INTENT.has(tokens[j - 1] ?? ''))) return false;
    if (ME.has(word)) return true;
  }
  const rest = tokens.slice(end);
  if (rest.some((t) => OTHERS.has(t))) return false;
  if (rest.some((t) => ME.has(t))) return true;
  if (start === 0) return bare || BARE_STARTS.has(tokens[0]!);
  return start <= 2 && BARE_STARTS.has(tokens[0]!);
}

/** Despaced phrases found inside one long run-together word: "icantcopeanymore". */
const RUN_TOGETHER = [
  'cantcope',
  'killmyself',
  'endmylife',
  'enditall',
  'wanttodie',
  'suicidal',
  'hurtmyself',
  'harmmyself',
  'imnotok',
  'cantgoon',
  'nothingtolivefor',
  'betteroffdead',
  'takemyownlife',
  'notokay',
  'cantdothisanymore',
  'cantcarryon',
];

function runTogether(clauses: readonly string[]): boolean {
  return clauses.some((clause) => clause.split(' ').some((word) => word.length >= 9 && RUN_TOGETHER.some((phrase) => word.includes(phrase))));
}
