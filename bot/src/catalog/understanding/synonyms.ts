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
  ['pcso', 'police community support officer', 'community support officer'],
  ['npt', 'neighbourhood policing team', 'neighbourhood team', 'snt', 'safer neighbourhood team', 'safer neighbourhoods'],
  ['de escalation', 'deescalation', 'de escalate', 'de escalating', 'defusing', 'conflict management', 'tactical communication'],
  ['protest', 'demonstration', 'protester', 'protestor', 'public order'],
  ['auditor', 'frauditor', 'first amendment auditor'],
  ['dangerous dog', 'xl bully', 'xl bullies', 'bully xl', 'dog attack', 'status dog', 'banned breed'],
  ['data', 'analytics', 'statistics', 'stats', 'data analysis'],
  ['emergency response', '999', 'blue light', 'immediate response', 'response officer'],
  ['leadership', 'leader', 'leading'],
  ['supervision', 'supervisor', 'supervising'],
  ['sergeant', 'sgt', 'skipper'],
  ['inspector', 'insp', 'guvnor', 'guv'],
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
 * What officers call organisations, keyed by the organisation's full name in lower case. Used only
 * for organisations that some presenter in the catalog belongs to.
 */
export const ORGANISATION_ALIASES: Readonly<Record<string, readonly string[]>> = {
  'metropolitan police service': ['met', 'the met', 'met police', 'mps', 'metropolitan police'],
  'greater manchester police': ['gmp', 'greater manchester'],
  'west midlands police': ['wmp', 'west mids'],
  'west yorkshire police': ['wyp'],
  'south yorkshire police': ['syp'],
  'police service of northern ireland': ['psni', 'northern ireland'],
  'police scotland': ['scotland'],
  'british transport police': ['btp'],
  'thames valley police': ['tvp', 'thames valley'],
  'avon and somerset police': ['asp', 'avon & somerset', 'avon somerset'],
  'south wales police': ['swp'],
  'north wales police': ['nwp'],
  'dyfed-powys police': ['dyfed powys'],
  'college of policing': ['the college', 'college'],
  'national police chiefs council': ['npcc', 'police chiefs council'],
  'national crime agency': ['nca'],
  'home office': ['the home office'],
  'hm inspectorate of constabulary and fire & rescue services': ['hmicfrs', 'inspectorate'],
  'independent office for police conduct': ['iopc'],
};

/** Abbreviations, shown in capitals when a heading repeats the officer's words ("Sessions about ASB"). */
export const ABBREVIATIONS: ReadonlySet<string> = new Set(
  `asb da dv vawg rcrp mh lfr frt rfr ofr pcso npt snt cse cce csa rasso mfh rtc rta rpu bwv ced uof edi ai ebp ocg
  soc adhd afo arv cid npws ptsd cpd gmp psni btp npcc nca iopc mps swp nwp wmp tvp hmicfrs lgbt lgbtq bame xl`
    .split(/\s+/)
    .filter(Boolean),
);
