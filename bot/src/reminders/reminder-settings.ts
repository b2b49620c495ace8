/**
 * Whether an officer wants reminders: "stop reminders" (typed, or from any reminder card) and
 * "start reminders", remembered per officer in the database so every app instance honours it.
 * Reminders are on until an officer stops them.
 */
import type { Clock } from '../clock.js';
import type { Queryable } from '../store/db.js';

export class ReminderSettings {
  constructor(
    private readonly db: Queryable,
    private readonly clock: Clock,
  ) {}

  /** Turns reminders off; false when they already were. */
  async stop(officerId: string): Promise<boolean> {
    const rows = await this.db.query(
      'insert into reminder_opt_outs (officer_id, stopped_at) values ($1, $2) on conflict (officer_id) do nothing returning officer_id',
      [officerId, this.clock.now()],
    );
    return rows.length > 0;
  }

  /** Turns reminders back on; false when they already were. */
  async start(officerId: string): Promise<boolean> {
    const rows = await this.db.query('delete from reminder_opt_outs where officer_id = $1 returning officer_id', [officerId]);
    return rows.length > 0;
  }

  async wantsReminders(officerId: string): Promise<boolean> {
    const rows = await this.db.query('select 1 from reminder_opt_outs where officer_id = $1', [officerId]);
    return rows.length === 0;
  }
}
