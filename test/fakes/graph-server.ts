/**
 * A Graph-compatible local server for the calendar calls the app makes (POST, PATCH, DELETE and
 * GET /v1.0/users/{id}/events). It keeps events per mailbox, honours transactionId (a repeated
 * create answers the event already made), merges a PATCH into the stored event, validates every
 * body against the request schema of its operation in the Graph OpenAPI subset in
 * test/fixtures/graph (answering 400 as Graph does), reads each start and end in its timeZone
 * as Graph does (below), and on demand answers 429 with
 * Retry-After, 503, slowly, or not at all, and 429 MailboxConcurrency past 4 requests at once
 * per mailbox. Counters let tests and the benchmark check what really happened.
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { DateTime, IANAZone } from 'luxon';

export interface GraphEvent extends Record<string, unknown> {
  id: string;
  transactionId?: string;
}

/** A dateTimeTimeZone as it travels: a wall-clock time and the zone it is read in. */
export interface DateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

/**
 * The instant Graph stores for a start or end (ISO, UTC), or why Graph refuses it.
 *
 * Graph keeps an event's times as instants and the zone they were given in (originalStartTimeZone).
 * It takes Windows zone ids and the IANA names it documents (dateTimeTimeZone); an unknown zone is
 * 400 TimeZoneNotSupportedException. Graph does not say how it reads a wall-clock time that happens
 * twice: Exchange is .NET, whose TimeZoneInfo takes such a time as standard time (the second,
 * GMT, 01:30 in London), so the stand-in does the same. .NET refuses a time the clocks skip as
 * invalid; the stand-in refuses it too, so an app relying on either reading fails here first.
 */
export function graphInstant(value: DateTimeTimeZone): { instant: string } | { code: string; message: string } {
  const zone = graphZone(value.timeZone);
  if (!zone) return timeZoneNotSupported(value.timeZone);
  const wall = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,7}))?$/.exec(value.dateTime);
  const local = wall ? DateTime.fromISO(wall[1]!, { zone }) : undefined;
  if (!wall || !local?.isValid) return { code: 'BadRequest', message: `Cannot convert the literal '${value.dateTime}' to the expected type 'Edm.DateTime'.` };
  const fraction = Number(`0.${wall[2] ?? '0'}`) * 1000;
  // Luxon moves a skipped time past the gap: a time that reads back differently never happened.
  if (local.toFormat("yyyy-LL-dd'T'HH:mm:ss") !== DateTime.fromISO(wall[1]!, { zone: 'utc' }).toFormat("yyyy-LL-dd'T'HH:mm:ss")) {
    return { code: 'ErrorInvalidRequest', message: `'${value.dateTime}' does not exist in '${value.timeZone}': the clocks skip it.` };
  }
  // Of a time that happens twice, the one with the smaller offset: standard time.
  const offsets = local.getPossibleOffsets().map((d) => d.offset);
  const offset = Math.min(...offsets);
  const instant = Date.parse(`${wall[1]!.length === 16 ? `${wall[1]}:00` : wall[1]}Z`) - offset * 60_000 + fraction;
  return { instant: new Date(instant).toISOString() };
}

/**
 * Windows zone ids Graph takes, with their IANA names (CLDR windowsZones, territory 001): the ones
 * a UK app could send. IANA names are taken as Node's ICU knows them.
 */
const windowsZones: Record<string, string> = {
  UTC: 'UTC',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Romance Standard Time': 'Europe/Paris',
  'Eastern Standard Time': 'America/New_York',
  'Pacific Standard Time': 'America/Los_Angeles',
};

function graphZone(name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return undefined;
  if (Object.hasOwn(windowsZones, name)) return windowsZones[name];
  return name.includes('/') && IANAZone.isValidZone(name) ? name : undefined;
}

function timeZoneNotSupported(name: unknown): { code: string; message: string } {
  return {
    code: 'TimeZoneNotSupportedException',
    message: `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${String(name ?? '')}'.`,
  };
}

/** An instant as Graph writes it in a zone: wall-clock time with seven decimals, and the zone's name as asked. */
function inZone(instant: string, timeZone: string): DateTimeTimeZone {
  const local = DateTime.fromISO(instant, { zone: graphZone(timeZone) ?? 'utc' });
  return { dateTime: `${local.toFormat("yyyy-LL-dd'T'HH:mm:ss")}.0000000`, timeZone };
}

/** The zone of a `Prefer: outlook.timezone="..."` header, if there is one. */
function preferredZone(req: http.IncomingMessage): string | undefined {
  return /outlook\.timezone="([^"]*)"/.exec(String(req.headers.prefer ?? ''))?.[1];
}

export interface GraphFaults {
  /** Fraction of requests answered 429 (every 1/rate-th request, so the count is exact). */
  throttleRate?: number;
  /** Retry-After on those 429s: seconds, or a function returning the header text. */
  retryAfter?: number | (() => string);
  /** Every request answers this status (an outage) until cleared. */
  outage?: 503 | 504 | 500;
  /** Milliseconds before answering. */
  delayMs?: number;
  /** Never answer: hold the request until the client gives up. */
  hang?: boolean;
  /** Create the event, then never answer (the client times out not knowing it exists). */
  hangAfterCreate?: boolean;
  /** Apply the update, then never answer (the client times out not knowing it was applied). */
  hangAfterUpdate?: boolean;
  /** Requests at once per mailbox before 429 MailboxConcurrency (Exchange: 4). */
  mailboxConcurrency?: number;
}

const schemaFile = new URL('../fixtures/graph/graph-v1.0-calendar-subset.json', import.meta.url);
const schemaId = 'https://graph.test/v1.0-calendar-subset.json';

/** The operations the stand-in serves with a body, as the OpenAPI subset names their path and verb. */
const bodyOperations = {
  create: { path: '/users/{user-id}/events', method: 'post' },
  update: { path: '/users/{user-id}/events/{event-id}', method: 'patch' },
} as const;
export type BodyOperation = keyof typeof bodyOperations;

export interface BodyValidator {
  validate: ValidateFunction;
  /** The entity type the operation's requestBody refers to, e.g. microsoft.graph.event. */
  typeName: string;
  /** Every property that type declares. */
  eventProperties: Set<string>;
}

let loaded: { ajv: Ajv; doc: Record<string, any> } | undefined;
const cachedValidators = new Map<BodyOperation, BodyValidator>();

/** Ajv over the OpenAPI subset, prepared as the oracles README describes. */
function loadSchemas(): { ajv: Ajv; doc: Record<string, any> } {
  if (loaded) return loaded;
  const doc = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, any>;
  relax(doc);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  for (const f of ['int32', 'int64', 'double', 'float', 'base64url', 'decimal', 'int8', 'int16', 'uint8']) ajv.addFormat(f, true);
  ajv.addSchema({ ...doc, $id: schemaId });
  loaded = { ajv, doc };
  return loaded;
}

/**
 * The validator for one operation's request body, found through that operation's requestBody in
 * the subset (not assumed), so a PATCH is checked against what Graph documents for a PATCH.
 */
export function bodyValidator(operation: BodyOperation): BodyValidator {
  const cached = cachedValidators.get(operation);
  if (cached) return cached;
  const { ajv, doc } = loadSchemas();
  const { path, method } = bodyOperations[operation];
  const ref = doc.paths?.[path]?.[method]?.requestBody?.content?.['application/json']?.schema?.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/components/schemas/'))
    throw new Error(`no JSON request schema for ${method.toUpperCase()} ${path} in the subset`);
  const typeName = ref.split('/').pop()!;
  const validator = { validate: ajv.compile({ $ref: `${schemaId}${ref}` }), typeName, eventProperties: propertiesOf(doc, typeName) };
  cachedValidators.set(operation, validator);
  return validator;
}

/** The create body's validator (POST /users/{id}/events). */
export function eventValidator(): BodyValidator {
  return bodyValidator('create');
}

/** In memory only: open types (`additionalProperties: {type: object}`) accept anything, bare $refs accept null. */
function relax(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(relax);
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, any>;
  if (
    o.additionalProperties &&
    typeof o.additionalProperties === 'object' &&
    o.additionalProperties.type === 'object' &&
    Object.keys(o.additionalProperties).length === 1
  ) {
    o.additionalProperties = true;
  }
  if (o.properties && typeof o.properties === 'object') {
    for (const [name, prop] of Object.entries(o.properties as Record<string, any>)) {
      if (prop && typeof prop === 'object' && typeof prop.$ref === 'string' && Object.keys(prop).length === 1) {
        o.properties[name] = { anyOf: [{ $ref: prop.$ref }, { type: 'null' }] };
      }
    }
  }
  for (const v of Object.values(o)) relax(v);
}

/** Every property an entity type declares, through its allOf chain (Graph refuses unknown ones). */
function propertiesOf(doc: Record<string, any>, name: string): Set<string> {
  const out = new Set<string>();
  const visit = (schema: any) => {
    if (!schema || typeof schema !== 'object') return;
    if (typeof schema.$ref === 'string') return visit(doc.components.schemas[schema.$ref.split('/').pop()]);
    for (const key of Object.keys(schema.properties ?? {})) out.add(key);
    for (const part of schema.allOf ?? []) visit(part);
  };
  visit(doc.components.schemas[name]);
  return out;
}

export class FakeGraphServer {
  faults: GraphFaults = {};
  /** Events per mailbox (user id), by event id. */
  readonly events = new Map<string, Map<string, GraphEvent>>();
  readonly counters = {
    requests: 0,
    created: 0,
    /** PATCHes applied to a stored event (answered 200). */
    updated: 0,
    deleted: 0,
    throttled: 0,
    mailboxConcurrencyThrottled: 0,
    invalidBodies: 0,
    /** Creates that repeated a transactionId already seen in that mailbox (answered with the existing event). */
    duplicateTransactionIds: 0,
    /** Highest number of requests in progress at once, per mailbox. */
    maxConcurrency: new Map<string, number>(),
    /** The most 429s one mailbox got in a row. */
    maxConsecutiveThrottles: 0,
  };
  /** Authorization headers seen (a loopback server must receive none). */
  readonly authorizations: string[] = [];
  /** The last 400 answers, for tests that check validation. */
  readonly rejected: Array<{ body: unknown; errors: string[] }> = [];
  private readonly inFlight = new Map<string, number>();
  private readonly throttleStreak = new Map<string, number>();
  private readonly byTransaction = new Map<string, string>();
  /** The instants Graph holds for each event's start and end, by mailbox and event id. */
  private readonly instants = new Map<string, { start?: string; end?: string }>();
  private readonly sockets = new Set<Socket>();
  private server?: http.Server;

  get baseUrl(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('fake Graph server not started');
    return `http://127.0.0.1:${address.port}/v1.0`;
  }

  async start(port = 0): Promise<this> {
    for (const operation of Object.keys(bodyOperations) as BodyOperation[]) bodyValidator(operation);
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  eventsIn(mailbox: string): GraphEvent[] {
    return [...(this.events.get(mailbox)?.values() ?? [])];
  }

  /** The stored event as Graph now holds it, or undefined when there is none. */
  eventIn(mailbox: string, eventId: string): GraphEvent | undefined {
    return this.events.get(mailbox)?.get(eventId);
  }

  /**
   * The start and end Graph holds for an event, as instants (ISO, UTC): what the calendar shows,
   * whatever zone the times were sent in.
   */
  timesOf(mailbox: string, eventId: string): { start?: string; end?: string } | undefined {
    return this.events.get(mailbox)?.has(eventId) ? { ...this.instants.get(`${mailbox}\u0000${eventId}`) } : undefined;
  }

  totalEvents(): number {
    let n = 0;
    for (const m of this.events.values()) n += m.size;
    return n;
  }

  maxConcurrencySeen(): number {
    return Math.max(0, ...this.counters.maxConcurrency.values());
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.counters.requests += 1;
    if (req.headers.authorization) this.authorizations.push(req.headers.authorization);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://graph.test');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    // v1.0/users/{id}/events[/{event-id}]
    if (parts[0] !== 'v1.0' || parts[1] !== 'users' || !parts[2] || parts[3] !== 'events' || parts.length > 5) {
      return this.error(res, 400, 'BadRequest', `Resource not found for the segment '${parts.slice(1).join('/')}'.`);
    }
    const mailbox = parts[2];
    const eventId = parts[4];
    const faults = this.faults;

    const running = (this.inFlight.get(mailbox) ?? 0) + 1;
    this.inFlight.set(mailbox, running);
    this.counters.maxConcurrency.set(mailbox, Math.max(this.counters.maxConcurrency.get(mailbox) ?? 0, running));
    try {
      if (running > (faults.mailboxConcurrency ?? 4)) {
        this.counters.mailboxConcurrencyThrottled += 1;
        return this.throttle(res, mailbox, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.');
      }
      if (faults.hang) return await this.holdUntilClosed(req, res);
      if (faults.delayMs) await new Promise((r) => setTimeout(r, faults.delayMs));
      if (faults.outage)
        return this.error(res, faults.outage, faults.outage === 503 ? 'ServiceUnavailable' : 'UnknownError', 'The service is temporarily unavailable.');
      const rate = faults.throttleRate ?? 0;
      if (rate > 0 && this.counters.requests % Math.round(1 / rate) === 0) {
        this.counters.throttled += 1;
        return this.throttle(res, mailbox, 'TooManyRequests', 'Too many requests.');
      }
      this.throttleStreak.delete(mailbox);
      const zone = preferredZone(req);
      if (zone !== undefined && !graphZone(zone)) {
        const refusal = timeZoneNotSupported(zone);
        return this.error(res, 400, refusal.code, refusal.message);
      }

      if (req.method === 'POST' && !eventId) return await this.create(req, res, mailbox, chunks);
      if (req.method === 'PATCH' && eventId) return await this.update(req, res, mailbox, eventId, chunks);
      if (req.method === 'DELETE' && eventId) {
        const calendar = this.events.get(mailbox);
        if (!calendar?.delete(eventId)) return this.error(res, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
        this.counters.deleted += 1;
        res.writeHead(204);
        return void res.end();
      }
      if (req.method === 'GET' && !eventId) return this.json(res, 200, { value: this.eventsIn(mailbox).map((e) => this.answer(mailbox, e, zone)) });
      if (req.method === 'GET' && eventId) {
        const event = this.events.get(mailbox)?.get(eventId);
        return event
          ? this.json(res, 200, this.answer(mailbox, event, zone))
          : this.error(res, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
      }
      return this.error(res, 405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
    } finally {
      this.inFlight.set(mailbox, (this.inFlight.get(mailbox) ?? 1) - 1);
    }
  }

  /**
   * The JSON body of a create or update, validated for its operation, with the instants of the
   * start and end it sends; undefined once a 4xx has been answered.
   */
  private readBody(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    chunks: Buffer[],
    operation: BodyOperation,
  ): { body: Record<string, unknown>; times: { start?: string; end?: string } } | undefined {
    if (!String(req.headers['content-type'] ?? '').includes('application/json'))
      return void this.error(res, 415, 'UnsupportedMediaType', 'Content-Type must be application/json.');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return void this.error(res, 400, 'BadRequest', 'Unable to read JSON request payload.');
    }
    const problems = validateEvent(body, operation);
    if (problems.length > 0) {
      this.counters.invalidBodies += 1;
      this.rejected.push({ body, errors: problems });
      return void this.error(res, 400, 'BadRequest', problems.join('; '));
    }
    const times: { start?: string; end?: string } = {};
    for (const key of ['start', 'end'] as const) {
      const value = body[key] as DateTimeTimeZone | null | undefined;
      if (value === undefined) continue;
      const read = value === null ? { code: 'ErrorInvalidRequest', message: `The ${key} of an event cannot be null.` } : graphInstant(value);
      if ('code' in read) {
        this.counters.invalidBodies += 1;
        this.rejected.push({ body, errors: [read.message] });
        return void this.error(res, 400, read.code, read.message);
      }
      times[key] = read.instant;
    }
    return { body, times };
  }

  /**
   * An event as Graph answers it: start and end in the zone the request's Prefer header names,
   * UTC without one, and the zones they were given in as originalStartTimeZone and originalEndTimeZone.
   */
  private answer(mailbox: string, event: GraphEvent, zone: string | undefined): GraphEvent {
    const times = this.instants.get(`${mailbox}\u0000${event.id}`) ?? {};
    return {
      ...event,
      ...(times.start ? { start: inZone(times.start, zone ?? 'UTC') } : {}),
      ...(times.end ? { end: inZone(times.end, zone ?? 'UTC') } : {}),
    };
  }

  private async create(req: http.IncomingMessage, res: http.ServerResponse, mailbox: string, chunks: Buffer[]): Promise<void> {
    const read = this.readBody(req, res, chunks, 'create');
    if (!read) return;
    const { body, times } = read;
    const transactionId = typeof body.transactionId === 'string' ? body.transactionId : undefined;
    const calendar = this.events.get(mailbox) ?? new Map<string, GraphEvent>();
    this.events.set(mailbox, calendar);
    const key = transactionId && `${mailbox}\u0000${transactionId}`;
    const existingId = key ? this.byTransaction.get(key) : undefined;
    let event = existingId ? calendar.get(existingId) : undefined;
    if (event) {
      // Graph: transactionId lets the server avoid a redundant create when a client retries.
      this.counters.duplicateTransactionIds += 1;
    } else {
      event = { ...body, ...originalZones(body), id: `AAMk-${randomUUID()}`, createdDateTime: new Date().toISOString(), iCalUId: randomUUID() } as GraphEvent;
      calendar.set(event.id, event);
      this.instants.set(`${mailbox}\u0000${event.id}`, times);
      if (key) this.byTransaction.set(key, event.id);
      this.counters.created += 1;
    }
    if (this.faults.hangAfterCreate) return this.holdUntilClosed(req, res);
    this.json(res, 201, this.answer(mailbox, event, preferredZone(req)));
  }

  /**
   * Graph's update: the properties sent replace the stored ones (a complex value such as start
   * is replaced whole), the rest keep their values, and the answer is 200 with the whole event.
   */
  private async update(req: http.IncomingMessage, res: http.ServerResponse, mailbox: string, eventId: string, chunks: Buffer[]): Promise<void> {
    const existing = this.events.get(mailbox)?.get(eventId);
    if (!existing) return this.error(res, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    const read = this.readBody(req, res, chunks, 'update');
    if (!read) return;
    const { body, times } = read;
    // id and createdDateTime are the server's, whatever the body says.
    const event: GraphEvent = {
      ...existing,
      ...body,
      ...originalZones(body),
      id: existing.id,
      createdDateTime: existing.createdDateTime,
      lastModifiedDateTime: new Date().toISOString(),
    };
    this.events.get(mailbox)!.set(eventId, event);
    const key = `${mailbox}\u0000${eventId}`;
    this.instants.set(key, { ...this.instants.get(key), ...times });
    this.counters.updated += 1;
    if (this.faults.hangAfterUpdate) return this.holdUntilClosed(req, res);
    this.json(res, 200, this.answer(mailbox, event, preferredZone(req)));
  }

  private throttle(res: http.ServerResponse, mailbox: string, code: string, message: string): void {
    const streak = (this.throttleStreak.get(mailbox) ?? 0) + 1;
    this.throttleStreak.set(mailbox, streak);
    this.counters.maxConsecutiveThrottles = Math.max(this.counters.maxConsecutiveThrottles, streak);
    const retryAfter = this.faults.retryAfter;
    const header = typeof retryAfter === 'function' ? retryAfter() : String(retryAfter ?? 1);
    this.error(res, 429, code, message, { 'retry-after': header });
  }

  private holdUntilClosed(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    return new Promise((resolve) => {
      res.on('close', () => resolve());
      req.socket.on('close', () => resolve());
    });
  }

  private json(res: http.ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': randomUUID(), ...headers });
    res.end(JSON.stringify(payload));
  }

  private error(res: http.ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
    this.json(res, status, { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } } }, headers);
  }
}

/** The zones a body's start and end were given in, which Graph keeps beside the instants. */
function originalZones(body: Record<string, unknown>): Record<string, string> {
  const zoneOf = (value: unknown) => (value && typeof value === 'object' ? (value as DateTimeTimeZone).timeZone : undefined);
  const start = zoneOf(body.start);
  const end = zoneOf(body.end);
  return { ...(start ? { originalStartTimeZone: start } : {}), ...(end ? { originalEndTimeZone: end } : {}) };
}

/** Problems with an event body for that operation (create by default), as Graph would refuse it; empty when valid. */
export function validateEvent(body: unknown, operation: BodyOperation = 'create'): string[] {
  const { validate, eventProperties, typeName } = bodyValidator(operation);
  const problems: string[] = [];
  if (!body || typeof body !== 'object' || Array.isArray(body)) return ['the body must be a JSON object'];
  for (const key of Object.keys(body)) {
    if (!eventProperties.has(key) && !key.includes('@odata.')) problems.push(`Invalid property '${key}' for ${typeName}`);
  }
  if (!validate(body)) problems.push(...(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`));
  return problems;
}
