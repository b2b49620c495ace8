/**
 * Remembers which installations have been welcomed. Teams tells a bot about one installation
 * twice (installationUpdate "add" and a conversationUpdate adding the bot, in either order, and
 * older clients only the second), so the welcome goes out on whichever comes first.
 *
 * Kept in the database: one insert decides, so two app processes receiving the two events at
 * once, or a restart between them, still send one welcome.
 */
import type { Queryable } from '../store/db.js';

export interface Welcomes {
  /** True the first time an installation is seen (the caller should welcome it), false after. */
  firstTime(installation: string): Promise<boolean>;
  /** The app was removed: a later install is a new one and is welcomed again. */
  forget(installation: string): Promise<void>;
}

export class WelcomeLedger implements Welcomes {
  constructor(private readonly db: Queryable) {}

  async firstTime(installation: string): Promise<boolean> {
    // A new row, or one that was removed, is claimed by exactly one caller: `returning` says which.
    const rows = await this.db.query(
      `insert into installations (installation_key) values ($1)
       on conflict (installation_key) do update set installed_at = now(), removed_at = null
         where installations.removed_at is not null
       returning installation_key`,
      [installation],
    );
    return rows.length === 1;
  }

  async forget(installation: string): Promise<void> {
    await this.db.query('update installations set removed_at = now() where installation_key = $1 and removed_at is null', [installation]);
  }
}

/** For a bot without a store (unit tests): the same rules in memory, bounded. */
export class InMemoryWelcomes implements Welcomes {
  private readonly welcomed = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  async firstTime(installation: string): Promise<boolean> {
    if (this.welcomed.has(installation)) return false;
    this.welcomed.add(installation);
    if (this.welcomed.size > this.capacity) {
      const oldest = this.welcomed.values().next().value;
      if (oldest !== undefined) this.welcomed.delete(oldest);
    }
    return true;
  }

  async forget(installation: string): Promise<void> {
    this.welcomed.delete(installation);
  }
}
