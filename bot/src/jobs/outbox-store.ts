/**
 * The outbox table: jobs written in the same transaction as the change they follow, claimed by
 * workers in any process with row locks (`for update skip locked`) and a lease, so a job runs
 * once at a time everywhere, and a crashed process's job is taken up again when its lease ends.
 * Whether a job is due, or past its use, is read on the app's clock, never the database's now().
 */
import { elapsedClock, systemClock, type Clock } from '../clock.js';
import type { Db, Queryable } from '../store/db.js';

export interface NewJob {
  kind: string;
  /** The mailbox a calendar job talks to; jobs for one mailbox share its concurrency limit. */
  mailbox?: string;
  bookingId?: number;
  payload?: Record<string, unknown>;
  maxAttempts?: number;
  /** Not before this moment on the app's clock (a reminder's 09:00); unset, due at once. */
  runAfter?: Date;
  /** Dropped unrun once the app's clock reaches this moment: the job has passed its use. */
  expiresAt?: Date;
  /** A job that must happen once per cause: a second enqueue with the same key is dropped. */
  dedupeKey?: string;
}

export interface ClaimedJob {
  id: number;
  kind: string;
  mailbox: string | null;
  bookingId: number | null;
  payload: Record<string, unknown>;
  /** Including this one. */
  attempts: number;
  maxAttempts: number;
  leaseToken: string;
}

export type TxEffect = (tx: Queryable) => Promise<void>;

/** Writes a job in the caller's transaction; undefined when its dedupe key was already used. */
export async function enqueue(tx: Queryable, job: NewJob): Promise<number | undefined> {
  const rows = await tx.query<{ id: number }>(
    `insert into jobs (kind, mailbox, booking_id, payload, max_attempts, run_after, dedupe_key, expires_at)
     values ($1, $2, $3, $4, $5, coalesce($6::timestamptz, '-infinity'), $7, $8)
     on conflict (dedupe_key) where dedupe_key is not null do nothing returning id`,
    [
      job.kind,
      job.mailbox ?? null,
      job.bookingId ?? null,
      JSON.stringify(job.payload ?? {}),
      job.maxAttempts ?? 8,
      job.runAfter ?? null,
      job.dedupeKey ?? null,
      job.expiresAt ?? null,
    ],
  );
  return rows[0]?.id;
}

/**
 * Many jobs of one kind in one statement (a change that reaches every booked officer): one round
 * trip however many there are. Returns how many were written (dedupe keys already used are dropped).
 */
export async function enqueueMany(tx: Queryable, jobs: NewJob[]): Promise<number> {
  if (jobs.length === 0) return 0;
  const rows = jobs.map((j) => ({
    kind: j.kind,
    mailbox: j.mailbox ?? null,
    booking_id: j.bookingId ?? null,
    payload: j.payload ?? {},
    max_attempts: j.maxAttempts ?? 8,
    run_after: j.runAfter?.toISOString() ?? null,
    dedupe_key: j.dedupeKey ?? null,
    expires_at: j.expiresAt?.toISOString() ?? null,
  }));
  const written = await tx.query<{ id: number }>(
    `insert into jobs (kind, mailbox, booking_id, payload, max_attempts, run_after, dedupe_key, expires_at)
     select kind, mailbox, booking_id, coalesce(payload, '{}'), max_attempts, coalesce(run_after, '-infinity'), dedupe_key, expires_at
       from jsonb_to_recordset($1::jsonb) as x(kind text, mailbox text, booking_id integer, payload jsonb, max_attempts integer, run_after timestamptz, dedupe_key text, expires_at timestamptz)
     on conflict (dedupe_key) where dedupe_key is not null do nothing returning id`,
    [JSON.stringify(rows)],
  );
  return written.length;
}

/**
 * The statement that queues a booking's first job from a CTE of inserted bookings (`source`, with
 * id, officer_id and status columns), for use cases that book in a single statement. `kind` and
 * `maxAttempts` are parameter references of the caller's statement, e.g. '$6' and '$7'.
 */
export function enqueueForBookedRows(source: string, kind: string, maxAttempts: string): string {
  return `insert into jobs (kind, mailbox, booking_id, max_attempts)
         select ${kind}, ${source}.officer_id, ${source}.id, ${maxAttempts} from ${source} where ${kind}::text is not null and ${source}.status = 'booked'`;
}

/**
 * Marks the waiting jobs of these kinds for these bookings done without running them: a newer
 * job or a cancellation made them pointless. `unstartedOnly` keeps any job that has already been
 * tried (its request may have reached the service, so it must finish to learn what it did).
 * Returns what was superseded, so a replacement can carry on from it.
 */
export async function supersede(
  tx: Queryable,
  target: { bookingIds: readonly number[]; kinds: readonly string[]; reason: string; unstartedOnly?: boolean },
): Promise<Array<{ bookingId: number; payload: Record<string, unknown> }>> {
  if (target.bookingIds.length === 0) return [];
  const rows = await tx.query<{ booking_id: number; payload: Record<string, unknown> }>(
    `update jobs set state = 'done', finished_at = now(), last_error = $3
      where booking_id = any($1::int[]) and kind = any($2::text[]) and state = 'pending' and ($4::boolean is false or attempts = 0)
      returning booking_id, payload`,
    [target.bookingIds, target.kinds, `superseded: ${target.reason}`, target.unstartedOnly ?? false],
  );
  return rows.map((r) => ({ bookingId: r.booking_id, payload: r.payload }));
}

/** Whether a booking still has jobs of these kinds waiting or running (other than `except`). */
export async function hasOpenWork(q: Queryable, target: { bookingId: number; kinds: readonly string[]; except?: number }): Promise<boolean> {
  const rows = await q.query<{ open: boolean }>(
    `select exists (select 1 from jobs where booking_id = $1 and kind = any($2::text[]) and state in ('pending', 'running') and id <> $3) as open`,
    [target.bookingId, target.kinds, target.except ?? -1],
  );
  return rows[0]?.open ?? false;
}

export interface ClaimOptions {
  limit: number;
  leaseMs: number;
  /** At most this many live leases per mailbox, counted across every process. */
  perMailbox: number;
}

interface JobRow {
  id: number;
  kind: string;
  mailbox: string | null;
  booking_id: number | null;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
  lease_token: string;
}

export class OutboxStore {
  /**
   * `clock` says which jobs are due and which have passed their use (the app's clock, which
   * CLOCK_NOW may hold still); `elapsed` times leases and waits, which are real durations.
   */
  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
    private readonly elapsed: Clock = elapsedClock,
  ) {}

  async claim(options: ClaimOptions): Promise<ClaimedJob[]> {
    if (options.limit <= 0) return [];
    const now = this.clock.now();
    const real = this.elapsed.now();
    return this.db.transaction(async (tx) => {
      // Look further than `limit` so one saturated mailbox cannot starve the others.
      const candidates = await tx.query<{ id: number; mailbox: string | null }>(
        `select id, mailbox from jobs
          where state in ('pending', 'running') and run_after <= $2
            and ((state = 'pending' and (wait_until is null or wait_until <= $3)) or (state = 'running' and leased_until < $3))
            and (expires_at is null or expires_at > $2)
          order by run_after, id
          limit $1
          for update skip locked`,
        [options.limit * 4, now, real],
      );
      if (candidates.length === 0) return [];
      const chosen: number[] = [];
      const byMailbox = new Map<string, number[]>();
      for (const c of candidates) {
        if (c.mailbox === null) chosen.push(c.id);
        else byMailbox.set(c.mailbox, [...(byMailbox.get(c.mailbox) ?? []), c.id]);
      }
      if (byMailbox.size > 0) {
        // Claimers of one mailbox queue on its lock until commit, so each counts the leases the
        // others have committed; a busy lock means another process is claiming it right now. One
        // statement takes the locks and the next (a fresh snapshot, after them) counts the leases.
        const mailboxes = [...byMailbox.keys()].sort();
        const locked = await tx.query<{ mailbox: string }>(
          "select m as mailbox from unnest($1::text[]) with ordinality as t(m, o) where pg_try_advisory_xact_lock(hashtext('cpd-mailbox:' || m)) order by o",
          [mailboxes],
        );
        const live = await tx.query<{ mailbox: string; n: number }>(
          "select mailbox, count(*)::int as n from jobs where mailbox = any($1::text[]) and state = 'running' and leased_until >= $2 group by mailbox",
          [locked.map((l) => l.mailbox), real],
        );
        const leases = new Map(live.map((l) => [l.mailbox, l.n]));
        for (const { mailbox } of locked) {
          const free = options.perMailbox - (leases.get(mailbox) ?? 0);
          chosen.push(...byMailbox.get(mailbox)!.slice(0, Math.max(0, free)));
        }
      }
      const ids = chosen.slice(0, options.limit);
      if (ids.length === 0) return [];
      const rows = await tx.query<JobRow>(
        `update jobs set state = 'running', attempts = attempts + 1, lease_token = gen_random_uuid()::text,
                leased_until = $3::timestamptz + ($2::int * interval '1 millisecond')
          where id = any($1::int[])
          returning id, kind, mailbox, booking_id, payload, attempts, max_attempts, lease_token`,
        [ids, options.leaseMs, real],
      );
      return rows.sort((a, b) => a.id - b.id).map(toClaimed);
    });
  }

  /**
   * Marks done, unrun, the waiting jobs the app's clock has carried past their use (a process that
   * was down through a reminder's window does not send it late). Returns how many.
   */
  async dropExpired(): Promise<number> {
    const rows = await this.db.query(
      `update jobs set state = 'done', finished_at = now(), leased_until = null, lease_token = null, last_error = 'expired: its moment had passed'
        where state in ('pending', 'running') and expires_at <= $1 and (state = 'pending' or leased_until < $2)
        returning id`,
      [this.clock.now(), this.elapsed.now()],
    );
    return rows.length;
  }

  /** Marks the job done and applies its effect in one transaction; false if the lease was lost. */
  async complete(job: ClaimedJob, effect?: TxEffect): Promise<boolean> {
    return this.finish(job, 'done', null, effect);
  }

  async fail(job: ClaimedJob, error: string, effect?: TxEffect): Promise<boolean> {
    return this.finish(job, 'failed', error, effect);
  }

  /** Puts the job back to wait; `refund` gives back the attempt (the job only waited for another). */
  async retry(job: ClaimedJob, delayMs: number, error: string, refund = false): Promise<boolean> {
    const rows = await this.db.query(
      `update jobs set state = 'pending', leased_until = null, lease_token = null, last_error = $3,
              attempts = attempts - $5::int, wait_until = $6::timestamptz + ($4::int * interval '1 millisecond')
        where id = $1 and lease_token = $2 and state = 'running' returning id`,
      [job.id, job.leaseToken, error, Math.round(delayMs), refund ? 1 : 0, this.elapsed.now()],
    );
    return rows.length > 0;
  }

  private async finish(job: ClaimedJob, state: 'done' | 'failed', error: string | null, effect?: TxEffect): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query(
        `update jobs set state = $3, finished_at = now(), leased_until = null, last_error = coalesce($4, last_error)
          where id = $1 and lease_token = $2 and state = 'running' returning id`,
        [job.id, job.leaseToken, state, error],
      );
      // Lease lost: another worker owns the job now, and its outcome will be the one recorded.
      if (rows.length === 0) return false;
      if (effect) await effect(tx);
      return true;
    });
  }
}

function toClaimed(r: JobRow): ClaimedJob {
  return {
    id: r.id,
    kind: r.kind,
    mailbox: r.mailbox,
    bookingId: r.booking_id,
    payload: r.payload,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    leaseToken: r.lease_token,
  };
}
