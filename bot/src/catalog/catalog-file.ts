/**
 * Reading a catalog file (YAML) into a validated `Catalog`.
 *
 * The file is refused as a whole when anything is wrong, with every problem listed by its place
 * (`file:line:col: sessions[3].ends: ...`), so whoever edits the catalog can fix it in one pass
 * and the store never holds half a catalog. Wall-clock times are read in the file's own
 * `timeZone` (never the machine's), and a time that does not exist there (the spring-forward
 * gap) or happens twice (the autumn fall-back hour, unless an offset says which) is refused
 * rather than guessed.
 */
import { readFile } from 'node:fs/promises';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { DateTime, Duration, IANAZone } from 'luxon';
import type { Campaign, Catalog, KnowledgeHubGroup, Presenter, Recording, Session } from './model.js';

export class CatalogFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CatalogFileError';
  }
}

/** The zone used when a file does not name one: the catalog is for UK policing. */
export const defaultTimeZone = 'Europe/London';

export async function readCatalogFile(file: string): Promise<Catalog> {
  return parseCatalog(await readCatalogText(file), file);
}

/** The file's text; a file that cannot be read is refused like a bad one, saying why. */
export async function readCatalogText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'there is no such file'
        : code === 'EISDIR'
          ? 'it is a folder, not a file'
          : code === 'EACCES'
            ? 'permission denied'
            : 'it cannot be read';
    throw new CatalogFileError(file, [`${file}: ${why}`]);
  }
}

/** Parses and validates catalog text; `file` only names the place in problems. */
export function parseCatalog(text: string, file: string): Catalog {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const reader = new Reader(file, lines, doc);
  const syntax = [...doc.errors, ...doc.warnings];
  if (syntax.length > 0) {
    // After a syntax error the tree is a guess; checking its contents would list misleading problems.
    for (const e of syntax) reader.problemAt(e.pos[0], '', `YAML: ${e.message}`);
    throw reader.refusal();
  }
  const catalog = reader.catalog(doc.contents);
  if (!catalog || reader.problems.length > 0) throw reader.refusal();
  return catalog;
}

const topKeys = { required: ['sessions'], optional: ['timeZone', 'campaigns', 'recordings'] };
const campaignKeys = { required: ['id', 'title', 'starts', 'ends'], optional: ['aliases', 'knowledgeHubGroup'] };
const groupKeys = { required: ['name', 'url'], optional: [] };
const sessionKeys = { required: ['id', 'title', 'starts', 'ends'], optional: ['campaign', 'presenters', 'description', 'topics', 'capacity', 'joinUrl'] };
const presenterKeys = { required: ['name'], optional: ['role', 'organisation'] };
const recordingKeys = { required: ['id', 'title', 'url', 'postedAt'], optional: ['session', 'duration', 'sample'] };

interface KeySpec {
  required: string[];
  optional: string[];
}
interface Problem {
  offset: number;
  order: number;
  text: string;
}
type Fields = Map<string, { key: Node; value: Node }>;

/** A parsed wall-clock time: the instant, and the node it came from (for later problems). */
interface Timed {
  at: DateTime;
  node: Node;
}

class Reader {
  readonly problems: Problem[] = [];
  private zone = defaultTimeZone;
  /**
   * Ids declared so far, per section, with where: entries with other problems still declare
   * theirs, so a reference to them or a duplicate of them is judged on its own.
   */
  private readonly declared = { campaigns: new Map<string, string>(), sessions: new Map<string, string>(), recordings: new Map<string, string>() };
  /** Valid campaigns by id, for checking their sessions' dates (campaigns are read first). */
  private readonly campaignsById = new Map<string, Campaign>();

  constructor(
    private readonly file: string,
    private readonly lines: LineCounter,
    private readonly doc: Document,
  ) {}

  refusal(): CatalogFileError {
    const sorted = [...this.problems].sort((a, b) => a.offset - b.offset || a.order - b.order);
    return new CatalogFileError(
      this.file,
      sorted.map((p) => p.text),
    );
  }

  problemAt(offset: number, path: string, message: string): void {
    const { line, col } = this.lines.linePos(Math.max(0, offset));
    this.problems.push({ offset, order: this.problems.length, text: `${this.file}:${line}:${col}: ${path ? `${path}: ` : ''}${message}` });
  }

  problem(node: Node | null | undefined, path: string, message: string): void {
    this.problemAt(node?.range?.[0] ?? 0, path, message);
  }

  catalog(root: Node | null): Catalog | undefined {
    if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
      this.problemAt(0, '', 'the file is empty; expected timeZone, campaigns, sessions and recordings');
      return undefined;
    }
    const top = this.fields(root, '', topKeys, 'the catalog');
    if (!top) return undefined;

    const zone = this.get(top, 'timeZone', '', (n, p) => this.text(n, p));
    if (zone !== undefined) {
      if (IANAZone.isValidZone(zone)) this.zone = zone;
      else this.problem(top.get('timeZone')!.value, 'timeZone', `"${zone}" is not a time zone; use an IANA name such as Europe/London`);
    }

    const campaigns = this.get(top, 'campaigns', '', (n, p) => this.list(n, p, (item, q) => this.campaign(item, q))) ?? [];
    const sessions = this.get(top, 'sessions', '', (n, p) => this.list(n, p, (item, q) => this.session(item, q))) ?? [];
    const recordings = this.get(top, 'recordings', '', (n, p) => this.list(n, p, (item, q) => this.recording(item, q))) ?? [];

    return {
      timeZone: this.zone,
      campaigns,
      sessions,
      recordings,
    };
  }

  // ---- sections -------------------------------------------------------------------------

  private campaign(node: Node, path: string): Campaign | undefined {
    const f = this.fields(node, path, campaignKeys, 'a campaign');
    if (!f) return undefined;
    const id = this.get(f, 'id', path, (n, p) => this.id(n, p, 'campaigns'));
    const title = this.get(f, 'title', path, (n, p) => this.text(n, p));
    const aliases = this.get(f, 'aliases', path, (n, p) => this.textList(n, p)) ?? [];
    const starts = this.get(f, 'starts', path, (n, p) => this.date(n, p));
    const ends = this.get(f, 'ends', path, (n, p) => this.date(n, p));
    const group = this.get(f, 'knowledgeHubGroup', path, (n, p) => this.group(n, p));
    if (starts && ends && ends < starts) this.problem(f.get('ends')!.value, `${path}.ends`, `${ends} is before the campaign starts (${starts})`);
    if (id === undefined || title === undefined || !starts || !ends || (f.has('knowledgeHubGroup') && !group)) return undefined;
    const campaign: Campaign = { id, title, aliases, startsOn: starts, endsOn: ends, ...(group ? { knowledgeHubGroup: group } : {}) };
    this.campaignsById.set(id, campaign);
    return campaign;
  }

  private group(node: Node, path: string): KnowledgeHubGroup | undefined {
    const f = this.fields(node, path, groupKeys, 'a Knowledge Hub group');
    if (!f) return undefined;
    const name = this.get(f, 'name', path, (n, p) => this.text(n, p));
    const url = this.get(f, 'url', path, (n, p) => this.url(n, p));
    return name !== undefined && url !== undefined ? { name, url } : undefined;
  }

  private session(node: Node, path: string): Session | undefined {
    const f = this.fields(node, path, sessionKeys, 'a session');
    if (!f) return undefined;
    const id = this.get(f, 'id', path, (n, p) => this.id(n, p, 'sessions'));
    const campaignId = this.get(f, 'campaign', path, (n, p) => this.reference(n, p, 'campaigns'));
    const title = this.get(f, 'title', path, (n, p) => this.text(n, p));
    const starts = this.get(f, 'starts', path, (n, p) => this.wallClock(n, p));
    const ends = this.get(f, 'ends', path, (n, p) => this.wallClock(n, p));
    if (starts && ends && ends.at <= starts.at) {
      this.problem(ends.node, `${path}.ends`, `${this.show(ends.at)} is not after the session starts (${this.show(starts.at)})`);
    }
    const presenters = this.get(f, 'presenters', path, (n, p) => this.list(n, p, (item, q) => this.presenter(item, q), true)) ?? [];
    const description = this.get(f, 'description', path, (n, p) => this.text(n, p));
    const topics = this.get(f, 'topics', path, (n, p) => this.textList(n, p)) ?? [];
    const capacity = this.get(f, 'capacity', path, (n, p) => this.capacity(n, p));
    const joinUrl = this.get(f, 'joinUrl', path, (n, p) => this.url(n, p));
    const campaign = campaignId === undefined ? undefined : this.campaignsById.get(campaignId);
    if (campaign && starts && ends) this.withinCampaign(campaign, starts, ends, path);
    if (id === undefined || title === undefined || !starts || !ends) return undefined;
    return {
      id,
      title,
      startsAt: starts.at.toJSDate(),
      endsAt: ends.at.toJSDate(),
      presenters,
      topics,
      ...(campaignId !== undefined ? { campaignId } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(capacity !== undefined ? { capacity } : {}),
      ...(joinUrl !== undefined ? { joinUrl } : {}),
    };
  }

  private presenter(node: Node, path: string): Presenter | undefined {
    // A bare name is a presenter too: `presenters: [Sue Brookes]`.
    if (isScalar(node)) {
      const name = this.text(node, path);
      return name === undefined ? undefined : { name };
    }
    const f = this.fields(node, path, presenterKeys, 'a presenter');
    if (!f) return undefined;
    const name = this.get(f, 'name', path, (n, p) => this.text(n, p));
    const role = this.get(f, 'role', path, (n, p) => this.text(n, p));
    const organisation = this.get(f, 'organisation', path, (n, p) => this.text(n, p));
    if (name === undefined) return undefined;
    return { name, ...(role !== undefined ? { role } : {}), ...(organisation !== undefined ? { organisation } : {}) };
  }

  private recording(node: Node, path: string): Recording | undefined {
    const f = this.fields(node, path, recordingKeys, 'a recording');
    if (!f) return undefined;
    const id = this.get(f, 'id', path, (n, p) => this.id(n, p, 'recordings'));
    const sessionId = this.get(f, 'session', path, (n, p) => this.reference(n, p, 'sessions'));
    const title = this.get(f, 'title', path, (n, p) => this.text(n, p));
    const url = this.get(f, 'url', path, (n, p) => this.url(n, p));
    const postedOn = this.get(f, 'postedAt', path, (n, p) => this.date(n, p));
    const durationSeconds = this.get(f, 'duration', path, (n, p) => this.duration(n, p));
    const sample = f.has('sample') ? this.get(f, 'sample', path, (n, p) => this.boolean(n, p)) : false;
    if (id === undefined || title === undefined || url === undefined || !postedOn || sample === undefined) return undefined;
    return {
      id,
      title,
      url,
      postedOn,
      sample,
      ...(sessionId !== undefined ? { sessionId } : {}),
      ...(durationSeconds !== undefined ? { durationSeconds } : {}),
    };
  }

  // ---- references ---------------------------------------------------------------------------

  private withinCampaign(campaign: Campaign, starts: Timed, ends: Timed, path: string): void {
    // The session's local days, in the file's zone; an end at exactly midnight belongs to the day before.
    const firstDay = starts.at.toISODate()!;
    const lastDay = ends.at.minus({ milliseconds: 1 }).toISODate()!;
    if (firstDay < campaign.startsOn || lastDay > campaign.endsOn) {
      const days = firstDay === lastDay ? firstDay : `${firstDay} to ${lastDay}`;
      this.problem(
        starts.node,
        `${path}.starts`,
        `the session (${days}) is outside its campaign "${campaign.id}" (${campaign.startsOn} to ${campaign.endsOn})`,
      );
    }
  }

  /** A reference to an entry of an earlier section (campaigns before sessions before recordings). */
  private reference(node: Node, path: string, section: 'campaigns' | 'sessions'): string | undefined {
    const id = this.text(node, path);
    if (id === undefined) return undefined;
    const known = this.declared[section];
    if (!known.has(id)) {
      const what = section === 'campaigns' ? 'campaign' : 'session';
      return void this.problem(node, path, `no ${what} has the id "${id}"${didYouMean(id, [...known.keys()])}`);
    }
    return id;
  }

  // ---- shapes -------------------------------------------------------------------------------

  /** Reads one field, if present, at its path; a missing required field was reported by fields(). */
  private get<T>(f: Fields, key: string, path: string, read: (node: Node, path: string) => T | undefined): T | undefined {
    const field = f.get(key);
    return field ? read(field.value, path ? `${path}.${key}` : key) : undefined;
  }

  private resolve(node: unknown): Node | null {
    if (node && isAlias(node)) return (node.resolve(this.doc) as Node | undefined) ?? null;
    return (node as Node | null) ?? null;
  }

  /**
   * The fields of a mapping, checked against what it may hold. Unknown and missing fields are
   * reported here; an empty value (`capacity:`) counts as absent, which is a problem only when
   * the field is required.
   */
  private fields(node: Node, path: string, spec: KeySpec, what: string): Fields | undefined {
    if (!isMap(node)) {
      const optional = spec.optional.length ? ` (and optionally ${spec.optional.join(', ')})` : '';
      this.problem(node, path, `must be ${what}: a mapping with ${spec.required.join(', ')}${optional}, not ${describe(node)}`);
      return undefined;
    }
    const fields: Fields = new Map();
    const reported = new Set<string>();
    const known = [...spec.required, ...spec.optional];
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
      const keyPath = key === undefined ? path : path ? `${path}.${key}` : key;
      if (key === undefined || !known.includes(key)) {
        const hint = key === undefined ? ' (a field name must be plain text)' : ` "${key}"${didYouMean(key, known)}`;
        this.problemAt(keyNode?.range?.[0] ?? node.range?.[0] ?? 0, keyPath, `unknown field${hint}; ${what} has ${known.join(', ')}`);
        continue;
      }
      const value = this.resolve(pair.value);
      if (!value || (isScalar(value) && value.value === null)) {
        if (spec.required.includes(key)) {
          this.problem(keyNode, keyPath, 'is empty');
          reported.add(key);
        }
        continue;
      }
      fields.set(key, { key: keyNode!, value });
    }
    for (const key of spec.required) {
      if (!fields.has(key) && !reported.has(key)) this.problem(node, path, `${what} needs "${key}"`);
    }
    return fields;
  }

  private list<P>(node: Node, path: string, item: (node: Node, path: string) => P | undefined, allowScalarItems = false): P[] {
    if (!isSeq(node)) {
      this.problem(node, path, `must be a list (each entry starting with "- "), not ${describe(node)}`);
      return [];
    }
    const out: P[] = [];
    node.items.forEach((child, i) => {
      const resolved = this.resolve(child);
      const itemPath = `${path}[${i}]`;
      if (!resolved || (isScalar(resolved) && (resolved.value === null || !allowScalarItems))) {
        this.problemAt(resolved?.range?.[0] ?? node.range?.[0] ?? 0, itemPath, `must be a mapping of fields, not ${resolved ? describe(resolved) : 'empty'}`);
        return;
      }
      const parsed = item(resolved, itemPath);
      if (parsed) out.push(parsed);
    });
    return out;
  }

  private id(node: Node, path: string, section: keyof Reader['declared']): string | undefined {
    const id = this.text(node, path);
    if (id === undefined) return undefined;
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id)) {
      return void this.problem(node, path, `"${id}" is not a usable id; use letters, digits, "-", "_" and "." only, e.g. rp-2026-crisis-intervention`);
    }
    const first = this.declared[section].get(id);
    if (first !== undefined) return void this.problem(node, path, `duplicate id "${id}": ${first} already uses it; ids must be unique within ${section}`);
    const { line } = this.lines.linePos(node.range?.[0] ?? 0);
    this.declared[section].set(id, `${path.replace(/\.id$/, '')} (line ${line})`);
    return id;
  }

  /** Text; a plain number counts (a title may be "2026"), booleans and lists do not. */
  private text(node: Node, path: string): string | undefined {
    if (!isScalar(node) || !(typeof node.value === 'string' || typeof node.value === 'number')) {
      return void this.problem(node, path, `must be text, not ${describe(node)}`);
    }
    const value = (typeof node.value === 'number' ? (node.source ?? String(node.value)) : node.value).trim();
    if (value === '') return void this.problem(node, path, 'is empty');
    // A quoted "\0" (or "\x00", "\u0000") is a NUL character, which no text may hold (nor the database).
    if (value.includes('\0')) return void this.problem(node, path, 'contains a NUL character (written \\0, \\x00 or \\u0000); remove it');
    return value;
  }

  private textList(node: Node, path: string): string[] | undefined {
    if (!isSeq(node)) return void this.problem(node, path, `must be a list, e.g. [first, second], not ${describe(node)}`);
    const out: string[] = [];
    node.items.forEach((child, i) => {
      const resolved = this.resolve(child);
      const value = resolved ? this.text(resolved, `${path}[${i}]`) : void this.problemAt(node.range?.[0] ?? 0, `${path}[${i}]`, 'is empty');
      if (value !== undefined) out.push(value);
    });
    return out;
  }

  /** The scalar's text as written: under YAML 1.1 an unquoted date arrives as a Date. */
  private raw(node: Node): string | undefined {
    if (!isScalar(node)) return undefined;
    if (typeof node.value === 'string') return node.value.trim();
    if (node.value instanceof Date) return node.source ?? node.value.toISOString();
    return undefined;
  }

  private date(node: Node, path: string): string | undefined {
    const text = this.raw(node);
    if (text === undefined) return void this.problem(node, path, `must be a date such as 2026-04-20, not ${describe(node)}`);
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return void this.problem(node, path, `"${text}" is not a date; write it as yyyy-mm-dd, e.g. 2026-04-20`);
    const day = DateTime.fromObject({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, { zone: 'UTC' });
    if (!day.isValid) return void this.problem(node, path, `${text} is not a real date`);
    return day.toISODate()!;
  }

  /**
   * A local wall-clock time in the file's zone. An offset may follow only to say which of the
   * two fall-back times is meant, and must agree with the zone.
   */
  private wallClock(node: Node, path: string): Timed | undefined {
    const example = '2026-04-21T14:00';
    const text = this.raw(node);
    if (text === undefined) return void this.problem(node, path, `must be a local date and time such as ${example}, not ${describe(node)}`);
    const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
    if (!m) return void this.problem(node, path, `"${text}" is not a date and time; write it as yyyy-mm-ddThh:mm in ${this.zone} time, e.g. ${example}`);
    const wall = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6] ?? 0) };
    const written = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}${m[6] ? `:${m[6]}` : ''}`;
    const local = DateTime.fromObject(wall, { zone: this.zone });
    if (!local.isValid) return void this.problem(node, path, `${written} is not a real date and time`);
    const sameWall = (d: DateTime) => d.year === wall.year && d.month === wall.month && d.day === wall.day && d.hour === wall.hour && d.minute === wall.minute;
    // Luxon moves a time in the spring-forward gap to after it; a moved time never existed.
    if (!sameWall(local)) return void this.problem(node, path, `${written} does not exist in ${this.zone}: the clocks go forward over that time`);
    const possible = local.getPossibleOffsets().map((o) => o.toFormat('ZZ'));
    const offset = m[7];
    if (offset) {
      const exact = DateTime.fromISO(`${written}${offset === 'Z' ? 'Z' : `${offset.slice(0, 3)}:${offset.slice(-2)}`}`, { setZone: true });
      const inZone = exact.setZone(this.zone);
      if (!exact.isValid || !sameWall(inZone)) {
        return void this.problem(
          node,
          path,
          `the offset in ${text} is not ${this.zone}'s at that time (${possible.join(' or ')}); leave it out, times are local to ${this.zone}`,
        );
      }
      return { at: inZone, node };
    }
    if (possible.length > 1) {
      // Refused rather than guessed: a session an hour out is worse than a file sent back.
      return void this.problem(
        node,
        path,
        `${written} happens twice in ${this.zone} (the clocks go back); add the offset to say which: ${written}${possible[0]} (the first) or ${written}${possible[1]} (the second)`,
      );
    }
    return { at: local, node };
  }

  private url(node: Node, path: string): string | undefined {
    const text = this.text(node, path);
    if (text === undefined) return undefined;
    // The URL parser drops tabs and line breaks silently; left in, they would start new lines in
    // an .ics file or break a markdown link on a card.
    if (/[\u0000-\u001f\u007f]/.test(text)) return void this.problem(node, path, 'a web address cannot contain line breaks, tabs or other control characters');
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      return void this.problem(node, path, `"${text}" is not a web address; give an https:// address`);
    }
    if (parsed.protocol !== 'https:') return void this.problem(node, path, `"${text}" must be an https:// address`);
    return parsed.href;
  }

  private capacity(node: Node, path: string): number | undefined {
    if (!isScalar(node) || typeof node.value !== 'number')
      return void this.problem(node, path, `must be a whole number of places, e.g. 300, not ${describe(node)}`);
    const value = node.value;
    if (!Number.isInteger(value) || value < 0 || value > 2_147_483_647) {
      return void this.problem(
        node,
        path,
        `${node.source ?? value} is not a number of places; give a whole number, 0 or more (leave capacity out for no limit)`,
      );
    }
    return value;
  }

  private duration(node: Node, path: string): number | undefined {
    const text = this.raw(node);
    if (text === undefined) return void this.problem(node, path, `must be an ISO 8601 duration such as PT44M or PT1H5M, not ${describe(node)}`);
    const d = Duration.fromISO(text);
    if (!d.isValid) return void this.problem(node, path, `"${text}" is not an ISO 8601 duration; write it like PT44M or PT1H5M`);
    // Months and years have no fixed length, so a recording's length cannot be given in them.
    if (d.years || d.quarters || d.months) return void this.problem(node, path, `"${text}": give the length in days, hours, minutes and seconds, e.g. PT1H5M`);
    const seconds = Math.round(d.as('seconds'));
    if (seconds <= 0) return void this.problem(node, path, `"${text}" is not a length of time more than zero`);
    return seconds;
  }

  private boolean(node: Node, path: string): boolean | undefined {
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    return void this.problem(node, path, `must be true or false, not ${describe(node)}`);
  }

  private show(at: DateTime): string {
    return at.toFormat("yyyy-MM-dd'T'HH:mm");
  }
}

function describe(node: Node): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    if (node.value === null) return 'empty';
    if (typeof node.value === 'boolean') return `${node.value}`;
    if (typeof node.value === 'number') return `the number ${node.source ?? node.value}`;
    return `"${String(node.value)}"`;
  }
  return 'something else';
}

/** ` (did you mean "x"?)` for the nearest known word, when one is close enough to be a slip. */
export function didYouMean(word: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = candidate.toLowerCase() === word.toLowerCase() ? 0.5 : editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  const tolerance = Math.max(2, Math.floor(word.length / 3));
  return best !== undefined && bestDistance <= tolerance ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
