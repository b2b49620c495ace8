/**
 * Policing synonyms and abbreviations. Each line is a group of phrases that mean the same thing to
 * an officer; asking for any one of them finds sessions that use any other. Phrases are matched on
 * stemmed words, so plurals and "-ing" forms need no line of their own; hyphens count as spaces
 * ("anti-social" = "anti social").
 *
 * Groups are deliberately narrow: a group that is too broad ("crime" = "disorder") makes every
 * session match every question. Add a line when officers use a word the catalog does not.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  // Common abbreviations
  ['asb', 'anti social behaviour', 'antisocial behaviour', 'nuisance behaviour'],
  ['da', 'domestic abuse', 'domestic violence', 'dv', 'domestics', 'coercive control'],
  ['vawg', 'violence against women and girls', 'violence against women'],
  ['rcrp', 'right care right person'],
  ['wellbeing', 'well being', 'welfare', 'wellness', 'oscar kilo', 'npws', 'national police wellbeing service'],
  ['mental health', 'mh', 'mental ill health', 'mental illness', 'section 136', 's136'],
  ['facial recognition', 'lfr', 'live facial recognition', 'frt', 'face recognition', 'facial recog', 'rfr', 'retrospective facial recognition', 'ofr'],
  ['npt', 'neighbourhood policing team', 'neighbourhood team', 'snt', 'safer neighbourhood team', 'safer neighbourhoods'],
  ['de escalation', 'deescalation', 'de escalate', 'de escalating', 'defusing', 'conflict management', 'tactical communication'],
  ['protest', 'demonstration', 'protester', 'protestor', 'public order'],
  ['auditor', 'frauditor', 'first amendment auditor'],
  ['dangerous dog', 'xl bully', 'xl bullies', 'bully xl', 'dog attack', 'status dog', 'banned breed'],
  ['data', 'analytics', 'statistics', 'stats', 'data analysis'],
  ['emergency response', '999', 'blue light', 'immediate response', 'response officer'],
  ['leadership', 'leader', 'leading'],
  ['supervision', 'supervisor', 'supervising'],
  ['trauma', 'traumatic', 'ptsd', 'post traumatic stress', 'vicarious trauma', 'critical incident'],
  ['cse', 'child sexual exploitation'],
  ['cce', 'child criminal exploitation', 'county lines'],
  ['csa', 'child sexual abuse'],
  ['rasso', 'rape and serious sexual offences', 'rape', 'serious sexual offences'],
  ['missing person', 'misper', 'mfh', 'missing from home', 'missing people', 'missing children'],
  ['rtc', 'road traffic collision', 'rta', 'road collision', 'road traffic accident', 'crash'],
  ['roads policing', 'traffic', 'road safety', 'rpu'],
  ['bwv', 'body worn video', 'body worn camera', 'bodycam', 'body cam'],
  ['taser', 'ced', 'conducted energy device'],
  ['use of force', 'uof', 'restraint'],
  ['stop and search', 'stop search', 'stop and account'],
  ['edi', 'equality diversity and inclusion', 'diversity', 'inclusion', 'equality'],
  ['ai', 'artificial intelligence', 'machine learning'],
  ['evidence based policing', 'ebp', 'evidence based', 'what works'],
  ['professional development', 'continuing professional development'],
  ['knife crime', 'knives', 'knife', 'bladed article', 'weapon'],
  ['organised crime', 'ocg', 'organised crime group', 'soc', 'serious organised crime'],
  ['safeguarding', 'vulnerability', 'vulnerable', 'vulnerable people'],
  ['hate crime', 'hate incident'],
  ['drugs', 'narcotics', 'controlled drugs', 'substance misuse'],
  ['fraud', 'scam', 'economic crime'],
  ['cybercrime', 'cyber crime', 'cyber', 'online crime', 'online harm'],
  ['neurodiversity', 'neurodivergent', 'neurodiverse', 'autism', 'adhd', 'dyslexia'],
  ['technology', 'tech', 'digital'],
  ['training', 'learning', 'upskilling'],
  ['career', 'promotion', 'progression'],
  ['custody', 'detention'],
  ['firearms', 'afo', 'armed policing', 'armed response', 'arv'],
  ['resilience', 'resilient', 'coping'],
  ['community engagement', 'engagement', 'public confidence', 'trust and confidence', 'public trust', 'legitimacy'],
  ['problem solving', 'problem oriented policing', 'pop', 'scara'],
  ['crime prevention', 'preventing crime', 'prevent crime', 'crime reduction'],
  ['investigation', 'investigating', 'investigative', 'investigator', 'cid'],
  ['victim', 'victims', 'victim care', 'witness care'],
  // Irregular forms the stemmer does not join.
  ['crisis', 'crises'],
  ['child', 'children'],
  ['woman', 'women'],
  ['man', 'men'],
];

/**
 * Who sessions are for, as officers say it ("anything for PCSOs?"), matched in titles, topics and
 * descriptions as the subjects above are. Named alone, an audience narrows the answer; named with
 * a subject ("data for PCSOs"), it only puts the sessions written for that audience first.
 */
export const AUDIENCE_GROUPS: readonly (readonly string[])[] = [
  ['pcso', 'police community support officer', 'community support officer'],
  ['special constable', 'specials', 'special constabulary', 'special police officer'],
  ['volunteer', 'volunteering', 'police support volunteer', 'citizens in policing'],
  ['police staff', 'staff', 'civilian staff', 'support staff'],
  ['sergeant', 'sgt', 'skipper'],
  ['inspector', 'insp', 'guvnor', 'guv', 'chief inspector'],
  ['detective', 'detective constable', 'detective sergeant'],
  ['call handler', 'call taker', 'call handling', 'control room', 'contact centre'],
  ['student officer', 'student constable', 'probationer', 'probationary constable', 'new recruit', 'recruit', 'pcda', 'dhep'],
];

/**
 * Abbreviations and nicknames of organisations, keyed by the name less the words for a police force
 * ("avon and somerset" for Avon and Somerset Constabulary; see organisation-names.ts, which works
 * out the other short forms) or, for other bodies, the full name in lower case. Used only for
 * organisations that some presenter in the catalog belongs to.
 */
export const ORGANISATION_ALIASES: Readonly<Record<string, readonly string[]>> = {
  metropolitan: ['met', 'met police', 'mps'],
  'greater manchester': ['gmp'],
  'west midlands': ['wmp'],
  'west yorkshire': ['wyp'],
  'south yorkshire': ['syp'],
  'north yorkshire': ['nyp'],
  'northern ireland': ['psni'],
  'british transport': ['btp'],
  'thames valley': ['tvp'],
  'avon and somerset': ['asp', 'avon somerset'],
  'devon and cornwall': ['dcp'],
  'south wales': ['swp'],
  'north wales': ['nwp'],
  'hampshire and isle of wight': ['hiow'],
  'college of policing': ['college'],
  'national police chiefs council': ['npcc', 'police chiefs council'],
  'national crime agency': ['nca'],
  'hm inspectorate of constabulary and fire and rescue services': ['hmicfrs', 'inspectorate'],
  'independent office for police conduct': ['iopc'],
};

/** Counties as officers shorten them in a force's name: "Hants", "West Yorks", "West Mids". */
export const COUNTY_SHORT_FORMS: Readonly<Record<string, string>> = {
  hampshire: 'hants',
  yorkshire: 'yorks',
  lancashire: 'lancs',
  midlands: 'mids',
  nottinghamshire: 'notts',
  leicestershire: 'leics',
  northamptonshire: 'northants',
  gloucestershire: 'glos',
  wiltshire: 'wilts',
  staffordshire: 'staffs',
  derbyshire: 'derbys',
  buckinghamshire: 'bucks',
  bedfordshire: 'beds',
  hertfordshire: 'herts',
  cambridgeshire: 'cambs',
  lincolnshire: 'lincs',
  worcestershire: 'worcs',
  warwickshire: 'warks',
  oxfordshire: 'oxon',
};

/** Abbreviations, shown in capitals when a heading repeats the officer's words ("Sessions about ASB"). */
export const ABBREVIATIONS: ReadonlySet<string> = new Set(
  `asb da dv vawg rcrp mh lfr frt rfr ofr pcso npt snt cse cce csa rasso mfh rtc rta rpu bwv ced uof edi ai ebp ocg
  soc adhd afo arv cid npws ptsd cpd gmp psni btp npcc nca iopc mps swp nwp wmp tvp wyp syp nyp dcp hiow hmicfrs lgbt lgbtq bame xl`
    .split(/\s+/)
    .filter(Boolean),
);
