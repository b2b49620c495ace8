/**
 * The names officers give an organisation, worked out from the official name the catalog holds:
 * "Avon and Somerset Constabulary" is also "Avon and Somerset" and "Avon"; "South Wales Police" is
 * "South Wales"; "Police Scotland" is "Scotland"; "Hampshire and Isle of Wight Constabulary" is
 * "Hampshire" and "Hants"; "West Yorkshire Police" is "West Yorks". Only true abbreviations
 * ("GMP", "the Met") come from a table (ORGANISATION_ALIASES).
 */
import { COUNTY_SHORT_FORMS, ORGANISATION_ALIASES } from './synonyms.js';
import { normalise, words } from './text.js';

/** Words around a force's place name that officers drop: "(Police Service of) Northern Ireland", "Kent (Police)". */
const LEADING = [['police', 'service', 'of'], ['police']];
const TRAILING = [['police', 'service'], ['police', 'force'], ['police'], ['constabulary'], ['service']];

/** The official name in the form phrases are matched in: lower case, "&" as "and", words only. */
export function organisationKey(official: string): string {
  return words(normalise(official).replace(/&/g, ' and ')).join(' ');
}

/** The name without the words for a police force around it ("avon and somerset"); the name itself if nothing is left. */
export function organisationCore(official: string): string {
  let ws = words(organisationKey(official));
  const starts = (affix: string[]) => ws.length > affix.length && affix.every((w, k) => ws[k] === w);
  const ends = (affix: string[]) => ws.length > affix.length && affix.every((w, k) => ws[ws.length - affix.length + k] === w);
  for (const affix of LEADING) if (starts(affix)) ws = ws.slice(affix.length);
  for (const affix of TRAILING) if (ends(affix)) ws = ws.slice(0, -affix.length);
  return ws.join(' ');
}

/**
 * Every name to match for an organisation, in phrase form. `cores` are the cores of all the
 * catalog's organisations: "Devon and Cornwall" is "Devon" only while no other organisation's
 * name begins with "Devon".
 */
export function organisationNames(official: string, cores: readonly string[]): string[] {
  const key = organisationKey(official);
  const core = organisationCore(official);
  const names = new Set([key, core]);
  // Dropping one trailing word at a time too: "Metropolitan Police (Service)".
  for (const affix of TRAILING) {
    const ws = words(key);
    if (ws.length > affix.length && ws.slice(-affix.length).join(' ') === affix.join(' ')) names.add(ws.slice(0, -affix.length).join(' '));
  }
  const first = core.split(' and ')[0]!;
  if (first !== core && !cores.some((other) => other !== core && (other === first || other.startsWith(`${first} `)))) names.add(first);
  for (const alias of ORGANISATION_ALIASES[core] ?? ORGANISATION_ALIASES[key] ?? []) names.add(organisationKey(alias));
  // County abbreviations: "Hants", "West Yorks", "West Mids".
  for (const name of [...names]) {
    const ws = name.split(' ');
    if (ws.some((w) => COUNTY_SHORT_FORMS[w])) names.add(ws.map((w) => COUNTY_SHORT_FORMS[w] ?? w).join(' '));
  }
  names.delete('');
  return [...names];
}
