/**
 * Runs outbox jobs: claims what is due (respecting a per-mailbox limit held across processes),
 * runs each through the handler for its kind, and records the outcome — done, retry later
 * (Retry-After or exponential backoff with jitter), or failed after the last attempt.
 */
import type { Queryable } from '../store/db.js';
import type { ClaimedJob, OutboxStore, TxEffect } from './outbox-store.js';

export interface JobHandler {
  /** Does the work; may return an effect committed together with "done". Throw to retry or fail. */
  run(job: ClaimedJob): Promise<TxEffect | void>;
  /** Called in the transaction that marks the job failed for good (tell the officer, ...). */
  giveUp?(tx: Queryable, job: ClaimedJob, reason: string): Promise<void>;
}

/** Try again later: after `delayMs` when the service said so (Retry-After), otherwise backoff. */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly delayMs?: number,
    readonly refundAttempt = false,
  ) {
    super(message);
    this.name = 'RetryLater';
  }
}

/** Retrying cannot help (a 400, a deleted booking's data...). */
export class GiveUp extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GiveUp';
  }
}

export interface WorkerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface WorkerOptions {
  /** Jobs run at once by this process. */
  concurrency?: number;
  /** Requests at once per mailbox, across all processes (Exchange allows 4). */
  perMailbox?: number;
  /** How long a claim lasts; longer than any one request's timeout. */
  leaseMs?: number;
  /** How often to look for due jobs when nothing woke the worker. */
  pollMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  random?: () => number;
  logger?: WorkerLogger;
}

export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  // "Equal jitter": at least half the ceiling, so retries spread out but never hammer at once.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export class OutboxWorker {
  private readonly concurrency: number;
  private readonly perMailbox: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly random: () => number;
  private readonly logger: WorkerLogger | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private wake: (() => void) | undefined;
  private kicked = false;
  private droppedAt = 0;

  constructor(
    private readonly store: OutboxStore,
    private readonly handlers: Record<string, JobHandler>,
    options: WorkerOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 16;
    this.perMailbox = options.perMailbox ?? 4;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.pollMs = options.pollMs ?? 500;
    this.backoffBaseMs = options.backoffBaseMs ?? 1000;
    this.backoffMaxMs = options.backoffMaxMs ?? 5 * 60_000;
    this.random = options.random ?? Math.random;
    this.logger = options.logger;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Stops claiming and waits for the jobs in progress to finish and be recorded. */
  async stop(): Promise<void> {
    this.running = false;
    this.kick();
    await this.loopDone;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Something was just enqueued: look now rather than at the next poll. */
  kick(): void {
    const wake = this.wake;
    this.wake = undefined;
    // Busy claiming: look once more when this round is done, so that a job enqueued meanwhile waits for nothing.
    if (wake) wake();
    else this.kicked = true;
  }

  /** Claims once and runs what it got to the end; returns how many jobs ran (for tests). */
  async runOnce(): Promise<number> {
    await this.dropExpired();
    const jobs = await this.store.claim({ limit: this.concurrency - this.inFlight.size, leaseMs: this.leaseMs, perMailbox: this.perMailbox });
    await Promise.all(jobs.map((job) => this.execute(job)));
    return jobs.length;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let claimed = 0;
      const free = this.concurrency - this.inFlight.size;
      if (free > 0) {
        try {
          // Each round reads the app's clock afresh: what it makes due runs, what it has carried past its use is dropped.
          // The claim never takes a job past its use, so marking those done once a poll interval is enough,
          // and a round that follows a kick (an invite just booked) goes straight to its claim.
          if (Date.now() - this.droppedAt >= this.pollMs) {
            this.droppedAt = Date.now();
            await this.dropExpired();
          }
          const jobs = await this.store.claim({ limit: free, leaseMs: this.leaseMs, perMailbox: this.perMailbox });
          claimed = jobs.length;
          for (const job of jobs) this.track(this.execute(job));
        } catch (error) {
          this.logger?.error({ err: error }, 'outbox: claiming jobs failed');
        }
      }
      if (!this.running) break;
      // Full batch and room left, or kicked meanwhile: claim again at once; otherwise wait for a kick, a finished job or the poll.
      if ((claimed > 0 && claimed === free) || this.kicked) {
        this.kicked = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  private async dropExpired(): Promise<void> {
    const dropped = await this.store.dropExpired();
    if (dropped > 0) this.logger?.info({ jobs: dropped }, 'outbox: dropped jobs whose moment had passed');
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => {
      this.inFlight.delete(work);
      this.kick();
    });
  }

  private async execute(job: ClaimedJob): Promise<void> {
    const handler = this.handlers[job.kind];
    try {
      if (!handler) throw new GiveUp(`no handler for job kind ${job.kind}`);
      const effect = await handler.run(job);
      const recorded = await this.store.complete(job, effect ?? undefined);
      if (!recorded) this.logger?.warn({ job: job.id, kind: job.kind }, 'outbox: lease lost before the job was recorded done');
    } catch (error) {
      await this.recordFailure(job, handler, error).catch((recordError: unknown) =>
        // The lease will expire and another claim will retry the job: nothing is lost.
        this.logger?.error({ err: recordError, job: job.id }, 'outbox: could not record a failed attempt'),
      );
    }
  }

  private async recordFailure(job: ClaimedJob, handler: JobHandler | undefined, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof GiveUp;
    const refund = error instanceof RetryLater && error.refundAttempt;
    if (!permanent && (refund || job.attempts < job.maxAttempts)) {
      const hinted = error instanceof RetryLater ? error.delayMs : undefined;
      // Honour the service's Retry-After exactly, plus a little jitter so waiters do not return together.
      const delay =
        hinted !== undefined
          ? hinted + Math.round(this.random() * Math.min(1000, hinted * 0.1))
          : backoffDelay(job.attempts, this.backoffBaseMs, this.backoffMaxMs, this.random);
      await this.store.retry(job, delay, message, refund);
      // Look for it again the moment it is due (a Retry-After of 1 s), not at the next poll.
      setTimeout(() => this.kick(), delay).unref();
      this.logger?.info({ job: job.id, kind: job.kind, attempt: job.attempts, delayMs: delay, reason: message }, 'outbox: job will be retried');
      return;
    }
    this.logger?.warn({ job: job.id, kind: job.kind, attempts: job.attempts, reason: message }, 'outbox: job failed for good');
    await this.store.fail(job, message, handler?.giveUp ? (tx) => handler.giveUp!(tx, job, message) : undefined);
  }
}
