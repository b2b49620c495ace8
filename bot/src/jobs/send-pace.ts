/**
 * A pace shared by every app process: for each scope (one tenant's messages to Teams, say) the
 * next free moment, in real time. A sender reserves the slot after the last one taken anywhere and
 * waits for it, so two processes sending at once go no faster together than one would alone.
 */
import { elapsedClock, type Clock } from '../clock.js';
import type { Queryable } from '../store/db.js';

export class SendPace {
  constructor(
    private readonly db: Queryable,
    private readonly elapsed: Clock = elapsedClock,
  ) {}

  /**
   * Takes the next slot of `scope`, `intervalMs` after the one before it (or now, when the scope
   * has been idle). Resolves with the moment the slot starts: the caller waits until then.
   */
  async reserve(scope: string, intervalMs: number): Promise<Date> {
    const rows = await this.db.query<{ slot: Date }>(
      `insert into send_pace (scope, next_at) values ($1, $2::timestamptz + $3::double precision * interval '1 millisecond')
       on conflict (scope) do update set next_at = greatest(send_pace.next_at, $2::timestamptz) + $3::double precision * interval '1 millisecond'
       returning next_at - $3::double precision * interval '1 millisecond' as slot`,
      [scope, this.elapsed.now(), intervalMs],
    );
    return new Date(rows[0]!.slot);
  }

  /** Nobody in `scope` sends before `until` (the service answered 429 with Retry-After). */
  async holdUntil(scope: string, until: Date): Promise<void> {
    await this.db.query(
      `insert into send_pace (scope, next_at) values ($1, $2) on conflict (scope) do update set next_at = greatest(send_pace.next_at, excluded.next_at)`,
      [scope, until],
    );
  }
}
