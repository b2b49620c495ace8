/**
 * The outbox table: jobs written in the same transaction as the change they follow, claimed by
 * workers in any process with row locks (`for update skip locked`) and a lease, so a job runs
 * once at a time everywhere, and a crashed process's job is taken up again when its lease ends.
 */
import type { Db, Queryable } from '../store/db.js';

export interface NewJob {
  kind: string;
  /** The mailbox a calendar job talks to; jobs for one mailbox share its concurrency limit. */
  mailbox?: string;
  bookingId?: number;
  payload?: Record<string, unknown>;
  maxAttempts?: number;
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

export async function enqueue(tx: Queryable, job: NewJob): Promise<number> {
  const rows = await tx.query<{ id: number }>(
    'insert into jobs (kind, mailbox, booking_id, payload, max_attempts) values ($1, $2, $3, $4, $5) returning id',
    [job.kind, job.mailbox ?? null, job.bookingId ?? null, JSON.stringify(job.payload ?? {}), job.maxAttempts ?? 8],
  );
  return rows[0]!.id;
}

export interface ClaimOptions {
  limit: number;
  leaseMs: number;
  /** At most this many live leases per mailbox, counted across every process. */
  perMailbox: number;
}

interface JobRow { id: number; kind: string; mailbox: string | null; booking_id: number | null; payload: Record<string, unknown>; attempts: number; max_attempts: number; lease_token: string }

export class OutboxStore {
  constructor(private readonly db: Db) {}

  async claim(options: ClaimOptions): Promise<ClaimedJob[]> {
    if (options.limit <= 0) return [];
    return this.db.transaction(async (tx) => {
      // Look further than `limit` so one saturated mailbox cannot starve the others.
      const candidates = await tx.query<{ id: number; mailbox: string | null }>(
        `select id, mailbox from jobs
          where state in ('pending', 'running') and run_after <= now()
            and (state = 'pending' or leased_until < now())
          order by run_after, id
          limit $1
          for update skip locked`,
        [options.limit * 4],
      );
      if (candidates.length === 0) return [];
      const chosen: number[] = [];
      const byMailbox = new Map<string, number[]>();
      for (const c of candidates) {
        if (c.mailbox === null) chosen.push(c.id);
        else byMailbox.set(c.mailbox, [...(byMailbox.get(c.mailbox) ?? []), c.id]);
      }
      for (const mailbox of [...byMailbox.keys()].sort()) {
        // Claimers of one mailbox queue on this lock until commit, so each one counts the leases
        // the others have committed; a busy lock means another process is claiming it right now.
        const [lock] = await tx.query<{ ok: boolean }>("select pg_try_advisory_xact_lock(hashtext('cpd-mailbox:' || $1)) as ok", [mailbox]);
        if (!lock?.ok) continue;
        const [live] = await tx.query<{ n: number }>(
          "select count(*)::int as n from jobs where mailbox = $1 and state = 'running' and leased_until >= now()",
          [mailbox],
        );
        const free = options.perMailbox - (live?.n ?? 0);
        chosen.push(...byMailbox.get(mailbox)!.slice(0, Math.max(0, free)));
      }
      const ids = chosen.slice(0, options.limit);
      if (ids.length === 0) return [];
      const rows = await tx.query<JobRow>(
        `update jobs set state = 'running', attempts = attempts + 1, lease_token = gen_random_uuid()::text,
                leased_until = now() + ($2::int * interval '1 millisecond')
          where id = any($1::int[])
          returning id, kind, mailbox, booking_id, payload, attempts, max_attempts, lease_token`,
        [ids, options.leaseMs],
      );
      return rows.sort((a, b) => a.id - b.id).map(toClaimed);
    });
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
              attempts = attempts - $5::int, run_after = now() + ($4::int * interval '1 millisecond')
        where id = $1 and lease_token = $2 and state = 'running' returning id`,
      [job.id, job.leaseToken, error, Math.round(delayMs), refund ? 1 : 0],
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
    id: r.id, kind: r.kind, mailbox: r.mailbox, bookingId: r.booking_id, payload: r.payload,
    attempts: r.attempts, maxAttempts: r.max_attempts, leaseToken: r.lease_token,
  };
}
