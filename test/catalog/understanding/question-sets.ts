/**
 * Question sets in YAML against the year catalog (test/fixtures/catalogs/understanding-year.yaml),
 * naming sessions by id. Each case is one question asked at `now` (London wall clock):
 *
 * - `expect`: every one of these sessions is listed; `forbid`: none of these is;
 * - `first`: the answer begins with these, in this order; `exactly`: it lists these and no more, in this order;
 * - `none`: nothing matches (a "nothing" answer with the nearest sessions); `says`: its sentence, word for word;
 * - `not`: not understood as a question about sessions;
 * - `route: my bookings`: the message asks for the officer's own bookings (no `now` needed). Every
 *   other case must not.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { readCatalogFile } from '../../../bot/src/catalog/catalog-file.js';
import type { Catalog } from '../../../bot/src/catalog/model.js';
import { asksForMyBookings } from '../../../bot/src/catalog/understanding/requests.js';
import type { WhatsOn } from '../../../bot/src/catalog/whats-on.js';
import { london } from './helpers.js';

export interface QuestionCase {
  now?: string;
  ask: string;
  expect?: string[];
  forbid?: string[];
  first?: string[];
  exactly?: string[];
  none?: boolean;
  says?: string;
  not?: boolean;
  route?: 'my bookings';
}

export const YEAR_CATALOG_FILE = fileURLToPath(new URL('../../fixtures/catalogs/understanding-year.yaml', import.meta.url));

let year: Promise<Catalog> | undefined;
/** The year catalog, read once per test run. */
export function yearCatalog(): Promise<Catalog> {
  year ??= readCatalogFile(YEAR_CATALOG_FILE);
  return year;
}

/** The cases of one set, in the file's order. */
export function readQuestions(name: string): QuestionCase[] {
  return YAML.parse(readFileSync(new URL(`./questions/${name}`, import.meta.url), 'utf8')) as QuestionCase[];
}

/** What the case expects, in a few words, for a test's title. */
export function describeCase(q: QuestionCase): string {
  if (q.route) return `goes to ${q.route}`;
  if (q.not) return 'is not understood';
  if (q.none) return q.says ? `says "${q.says}"` : 'finds nothing and offers the nearest';
  if (q.exactly) return `lists exactly ${q.exactly.join(', ')}`;
  const parts = [...(q.first ? [`starts ${q.first.join(', ')}`] : []), ...(q.expect ? [`lists ${q.expect.join(', ')}`] : [])];
  return parts.join(' and ') || 'lists sessions';
}

/** Why the answer falls short of the case, or undefined when it does what the case expects. */
export function judge(whatsOn: WhatsOn, q: QuestionCase): string | undefined {
  const routed = asksForMyBookings(q.ask);
  if (q.route) return routed ? undefined : 'not taken for "my bookings"';
  if (routed) return 'taken for "my bookings"';
  if (!q.now) return 'no moment to ask at';
  const answer = whatsOn.answer({ text: q.ask, askedAt: london(q.now) });
  if (q.not) return answer.kind === 'not-understood' ? undefined : `understood (${answer.kind})`;
  if (q.none) {
    if (answer.kind !== 'nothing')
      return `expected nothing, got ${answer.kind}${answer.kind === 'sessions' ? ` ${JSON.stringify(answer.sessions.map((m) => m.session.id))}` : ''}`;
    if (answer.nearest.length === 0) return 'offers no nearest sessions';
    if (q.says !== undefined && answer.explanation !== q.says) return `says ${JSON.stringify(answer.explanation)}`;
    return undefined;
  }
  if (answer.kind !== 'sessions') return `got ${answer.kind}${answer.kind === 'nothing' ? `: ${answer.explanation}` : ''}`;
  const ids = answer.sessions.map((m) => m.session.id);
  const listed = JSON.stringify(ids);
  if (q.exactly && JSON.stringify(q.exactly) !== listed) return `listed ${listed}`;
  const missing = (q.expect ?? []).filter((id) => !ids.includes(id));
  if (missing.length) return `missing ${missing.join(', ')} in ${listed}`;
  const forbidden = (q.forbid ?? []).filter((id) => ids.includes(id));
  if (forbidden.length) return `${forbidden.join(', ')} should not be in ${listed}`;
  if (q.first && JSON.stringify(ids.slice(0, q.first.length)) !== JSON.stringify(q.first)) return `starts ${listed}`;
  return undefined;
}

/** Asks every case: the share answered as expected, and why each of the others fell short. */
export function score(whatsOn: WhatsOn, cases: readonly QuestionCase[]): { passed: number; total: number; failures: string[] } {
  const failures: string[] = [];
  for (const q of cases) {
    const why = judge(whatsOn, q);
    if (why) failures.push(`"${q.ask}"${q.now ? ` at ${q.now}` : ''}: ${why}`);
  }
  return { passed: cases.length - failures.length, total: cases.length, failures };
}
