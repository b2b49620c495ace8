/**
 * A local Bot Framework connector: the service the bot replies to (its serviceUrl). It
 * implements the Connector API v3 calls a bot makes (send, reply, update, delete, members) and
 * records every activity so tests can read the replies.
 *
 * Given `limits`, it throttles as Teams does: past a conversation's or a tenant's allowance a
 * message is refused with 429 and Retry-After (and not recorded). Without them (the default, for
 * tests and benchmarks about other things) it takes everything.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorMember {
  id: string;
  name: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
}

export interface SentActivity {
  conversationId: string;
  replyToId?: string;
  activity: Record<string, any>;
  /** The id the connector gave it. */
  id: string;
  /** When it arrived (Date.now()). */
  at: number;
}

export interface RateWindow {
  limit: number;
  perMs: number;
}

export interface ConnectorLimits {
  perConversation: readonly RateWindow[];
  perTenant: readonly RateWindow[];
}

/**
 * Teams' documented limits for sending to conversations ("Optimize your bot with rate limiting in
 * Teams", learn.microsoft.com): per bot per thread 7 in 1 s, 8 in 2 s, 60 in 30 s, 1,800 in an
 * hour; 50 requests a second per app per tenant.
 */
export const TEAMS_LIMITS: ConnectorLimits = {
  perConversation: [
    { limit: 7, perMs: 1000 },
    { limit: 8, perMs: 2000 },
    { limit: 60, perMs: 30_000 },
    { limit: 1800, perMs: 3_600_000 },
  ],
  perTenant: [{ limit: 50, perMs: 1000 }],
};

export interface FakeConnectorOptions {
  /** Throttle like Teams; unset, nothing is refused. */
  limits?: ConnectorLimits;
}

type Waiter = { predicate: (a: SentActivity) => boolean; resolve: (a: SentActivity) => void };

export class FakeConnector {
  readonly sent: SentActivity[] = [];
  readonly updated: SentActivity[] = [];
  readonly deleted: string[] = [];
  members: ConnectorMember[] = [];
  /** Messages refused with 429, by the limit that refused them. */
  readonly throttled = { conversation: 0, tenant: 0 };
  limits: ConnectorLimits | undefined;
  private server?: http.Server;
  private waiters: Waiter[] = [];
  private next = 1;
  /** Arrival times (ms) of the messages taken, per conversation and per tenant, oldest first. */
  private readonly taken = new Map<string, number[]>();

  constructor(options: FakeConnectorOptions = {}) {
    this.limits = options.limits;
  }

  get serviceUrl(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('connector not started');
    return `http://127.0.0.1:${address.port}/`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Activities sent to one conversation, in order. */
  to(conversationId: string): SentActivity[] {
    return this.sent.filter((s) => s.conversationId === conversationId);
  }

  /** Resolves with the first sent activity (already sent or still to come) that matches. */
  waitFor(predicate: (a: SentActivity) => boolean, timeoutMs = 5000): Promise<SentActivity> {
    const found = this.sent.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { predicate, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error('timed out waiting for the bot to send an activity'));
      }, timeoutMs).unref();
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const json = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    // v3/conversations/{conversationId}/activities[/{activityId}]
    if (parts[0] === 'v3' && parts[1] === 'conversations' && parts.length === 2 && req.method === 'POST') {
      return json(200, { id: `conv-${this.next++}`, activityId: `act-${this.next++}` });
    }
    if (parts[0] === 'v3' && parts[1] === 'conversations' && parts[2]) {
      const conversationId = parts[2];
      if (parts[3] === 'activities') {
        if ((req.method === 'POST' || req.method === 'PUT') && this.limits) {
          const refusal = this.admit(conversationId, tenantOf(raw), this.limits);
          if (refusal) {
            res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(refusal.retryAfterSeconds) });
            res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: `Too many requests to this ${refusal.by}` } }));
            return;
          }
        }
        if (req.method === 'POST') {
          const record = recorded({ conversationId, id: `act-${this.next++}`, at: Date.now(), ...(parts[4] ? { replyToId: parts[4] } : {}) }, raw);
          this.sent.push(record);
          for (const w of [...this.waiters])
            if (w.predicate(record)) {
              this.waiters = this.waiters.filter((x) => x !== w);
              w.resolve(record);
            }
          return json(200, { id: record.id });
        }
        if (req.method === 'PUT' && parts[4]) {
          this.updated.push(recorded({ conversationId, id: parts[4], at: Date.now() }, raw));
          return json(200, { id: parts[4] });
        }
        if (req.method === 'DELETE' && parts[4]) {
          this.deleted.push(parts[4]);
          return json(200, {});
        }
      }
      if (parts[3] === 'members' && req.method === 'GET') {
        if (parts[4]) {
          const member = this.members.find((m) => m.id === parts[4] || m.aadObjectId === parts[4]);
          return member ? json(200, member) : json(404, { error: { code: 'MemberNotFound', message: 'member not found' } });
        }
        return json(200, this.members);
      }
      if (parts[3] === 'pagedmembers' && req.method === 'GET') return json(200, { members: this.members });
    }
    json(404, { error: { code: 'NotFound', message: `${req.method} ${url.pathname}` } });
  }

  /**
   * Takes a message against its conversation's and its tenant's windows (sliding: any span of
   * `perMs`), or says which refused it and when the oldest send of that window leaves it.
   */
  private admit(conversationId: string, tenantId: string, limits: ConnectorLimits): { by: 'conversation' | 'tenant'; retryAfterSeconds: number } | undefined {
    const now = Date.now();
    const scopes = [
      { by: 'conversation' as const, key: `c:${conversationId}`, windows: limits.perConversation },
      { by: 'tenant' as const, key: `t:${tenantId}`, windows: limits.perTenant },
    ];
    for (const scope of scopes) {
      const times = this.taken.get(scope.key) ?? [];
      const longest = Math.max(0, ...scope.windows.map((w) => w.perMs));
      while (times.length > 0 && times[0]! <= now - longest) times.shift();
      for (const w of scope.windows) {
        let inWindow = 0;
        for (let i = times.length - 1; i >= 0 && times[i]! > now - w.perMs; i -= 1) inWindow += 1;
        if (inWindow >= w.limit) {
          const frees = times[times.length - w.limit]! + w.perMs;
          this.throttled[scope.by] += 1;
          return { by: scope.by, retryAfterSeconds: Math.max(1, Math.ceil((frees - now) / 1000)) };
        }
      }
    }
    for (const scope of scopes) {
      const times = this.taken.get(scope.key) ?? [];
      times.push(now);
      this.taken.set(scope.key, times);
    }
    return undefined;
  }
}

/** The tenant a message is for, as Teams reads it from the activity. */
function tenantOf(raw: string | undefined): string {
  try {
    const activity = raw ? JSON.parse(raw) : {};
    return String(activity?.conversation?.tenantId ?? activity?.channelData?.tenant?.id ?? '');
  } catch {
    return '';
  }
}

/**
 * A received activity, parsed when a test first reads it: Teams' connector is another service, so
 * in the benchmark (one process) the stand-in's parsing would otherwise count as the bot's time.
 * Built out here so the record keeps only the body's text, not the request and response.
 */
function recorded(fields: Omit<SentActivity, 'activity'>, raw: string | undefined): SentActivity {
  const record = fields as SentActivity;
  Object.defineProperty(record, 'activity', {
    enumerable: true,
    configurable: true,
    get() {
      const activity: Record<string, any> = raw === undefined ? undefined : JSON.parse(raw);
      // From now on a plain property: inspected, printed and assigned like any other.
      Object.defineProperty(record, 'activity', { value: activity, enumerable: true, writable: true, configurable: true });
      return activity;
    },
  });
  return record;
}
