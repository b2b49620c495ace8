/**
 * Teams' rate limits for bot messages, and the pacer that keeps proactive messages under them.
 *
 * Teams throttles a bot per conversation ("per bot per thread") and per app per tenant; past
 * either it answers 429 with Retry-After. The figures are Microsoft's ("Optimize your bot with
 * rate limiting in Teams", learn.microsoft.com). Every process of the app shares one tenant's
 * pace through the database (SendPace), so two instances fanning out reminders together stay
 * within one tenant's allowance; a conversation's own limits are kept in this process, since a
 * fan-out sends each officer one message.
 */
import { elapsedClock, type Clock } from '../clock.js';
import type { SendPace } from '../jobs/send-pace.js';

export interface RateWindow {
  /** At most this many requests ... */
  limit: number;
  /** ... in any span of this many milliseconds. */
  perMs: number;
}

export interface TeamsRateLimits {
  /** Per bot per conversation (a personal chat, a group chat, a channel). */
  perConversation: readonly RateWindow[];
  /** Per app per tenant, all conversations together. */
  perTenant: readonly RateWindow[];
}

/** Sending to a conversation, as documented: 7 a second, 8 in 2 s, 60 in 30 s, 1,800 an hour; 50 a second per app per tenant. */
export const TEAMS_RATE_LIMITS: TeamsRateLimits = {
  perConversation: [
    { limit: 7, perMs: 1000 },
    { limit: 8, perMs: 2000 },
    { limit: 60, perMs: 30_000 },
    { limit: 1800, perMs: 3_600_000 },
  ],
  perTenant: [{ limit: 50, perMs: 1000 }],
};

/**
 * The part of a tenant's allowance proactive messages take. The rest stays free for the bot's
 * answers to officers who are typing while a fan-out runs, and absorbs requests that arrive
 * closer together than they were sent.
 */
export const PROACTIVE_SHARE = 0.9;

/** Kept between a conversation's sends beyond its windows: requests do not arrive exactly as far apart as they left. */
const CONVERSATION_MARGIN_MS = 250;
/** A sender woken this much after its slot takes a new one rather than go out in a bunch with the others held up. */
const LATE_AFTER_SLOTS = 1;

export interface PacerOptions {
  limits?: TeamsRateLimits;
  share?: number;
  elapsed?: Clock;
  /** Conversations whose recent sends are remembered (bounded; the oldest are forgotten). */
  capacity?: number;
}

export interface SendTarget {
  conversationId: string;
  tenantId?: string;
}

/** The smallest even spacing that keeps every window of a tenant's limits, at `share` of it. */
export function tenantInterval(limits: TeamsRateLimits, share = PROACTIVE_SHARE): number {
  return Math.max(0, ...limits.perTenant.map((w) => w.perMs / w.limit)) / share;
}

export class ProactivePacer {
  private readonly limits: TeamsRateLimits;
  private readonly interval: number;
  private readonly elapsed: Clock;
  private readonly capacity: number;
  /** Per conversation: the moments (ms) of its recent sends, oldest first, and a Retry-After hold. */
  private readonly conversations = new Map<string, { sent: number[]; holdUntil: number }>();
  /** Per conversation: the send getting its turn now; the next waits for it, so each works from the last one's real moment. */
  private readonly turns = new Map<string, Promise<void>>();
  private readonly longestWindow: number;

  constructor(
    private readonly pace: SendPace,
    options: PacerOptions = {},
  ) {
    this.limits = options.limits ?? TEAMS_RATE_LIMITS;
    this.interval = tenantInterval(this.limits, options.share ?? PROACTIVE_SHARE);
    this.elapsed = options.elapsed ?? elapsedClock;
    this.capacity = options.capacity ?? 100_000;
    this.longestWindow = Math.max(0, ...this.limits.perConversation.map((w) => w.perMs));
  }

  /** Waits until a message to `target` may go: its conversation's limits first, then a slot in the tenant's pace. */
  async acquire(target: SendTarget): Promise<void> {
    const key = target.conversationId;
    const before = this.turns.get(key) ?? Promise.resolve();
    let done!: () => void;
    const turn = before.then(() => new Promise<void>((resolve) => (done = resolve)));
    this.turns.set(key, turn);
    await before;
    try {
      await sleepUntil(this.conversationSlot(key), this.elapsed);
      await this.tenantSlot(target);
      this.entry(key).sent.push(this.elapsed.now().getTime());
    } finally {
      done();
      if (this.turns.get(key) === turn) this.turns.delete(key);
    }
  }

  /** The next slot in the tenant's pace, shared with every process; a slot missed (a stalled event loop) is taken again. */
  private async tenantSlot(target: SendTarget): Promise<void> {
    if (this.interval <= 0) return;
    for (let tries = 1; ; tries += 1) {
      const slot = (await this.pace.reserve(tenantScope(target), this.interval)).getTime();
      await sleepUntil(slot, this.elapsed);
      if (this.elapsed.now().getTime() - slot <= LATE_AFTER_SLOTS * this.interval || tries >= 3) return;
    }
  }

  /**
   * Teams answered 429. Teams does not say which limit it was: when this conversation was well
   * inside its own, it was the tenant's, and every process holds back; otherwise only this
   * conversation waits.
   */
  async throttled(target: SendTarget, retryAfterMs: number): Promise<void> {
    const now = this.elapsed.now().getTime();
    const entry = this.entry(target.conversationId);
    entry.holdUntil = Math.max(entry.holdUntil, now + retryAfterMs);
    const lastSecond = entry.sent.filter((t) => t > now - 1000).length;
    const tightest = Math.min(...this.limits.perConversation.map((w) => w.limit));
    if (lastSecond < tightest / 2) await this.pace.holdUntil(tenantScope(target), new Date(now + retryAfterMs));
  }

  /** The earliest moment every per-conversation window allows another send. */
  private conversationSlot(conversationId: string): number {
    const now = this.elapsed.now().getTime();
    const entry = this.entry(conversationId);
    while (entry.sent.length > 0 && entry.sent[0]! <= now - this.longestWindow) entry.sent.shift();
    // The nth-last send of a window of n must have left it before another goes.
    return this.limits.perConversation
      .map((w) => (entry.sent.length >= w.limit ? entry.sent[entry.sent.length - w.limit]! + w.perMs + CONVERSATION_MARGIN_MS : -Infinity))
      .reduce((a, b) => Math.max(a, b), Math.max(now, entry.holdUntil));
  }

  private entry(conversationId: string): { sent: number[]; holdUntil: number } {
    let entry = this.conversations.get(conversationId);
    if (entry) {
      // Most recently used last, so the first key is the one to forget.
      this.conversations.delete(conversationId);
    } else {
      entry = { sent: [], holdUntil: 0 };
      if (this.conversations.size >= this.capacity) this.conversations.delete(this.conversations.keys().next().value!);
    }
    this.conversations.set(conversationId, entry);
    return entry;
  }
}

function tenantScope(target: SendTarget): string {
  return `teams-tenant:${target.tenantId ?? ''}`;
}

async function sleepUntil(at: number, clock: Clock): Promise<void> {
  const wait = at - clock.now().getTime();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
