/**
 * Remembers which installations have been welcomed. Teams tells a bot about one installation
 * twice (installationUpdate "add" and a conversationUpdate adding the bot, in either order, and
 * older clients only the second), so the welcome goes out on whichever comes first.
 *
 * Kept in memory: after a restart an installation that sends another "add" is welcomed again,
 * which is harmless. Bounded, oldest forgotten first, so a long-running process cannot grow.
 */
export class WelcomeLedger {
  private readonly welcomed = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  /** True the first time an installation is seen (the caller should welcome it), false after. */
  firstTime(installation: string): boolean {
    if (this.welcomed.has(installation)) return false;
    this.welcomed.add(installation);
    if (this.welcomed.size > this.capacity) {
      const oldest = this.welcomed.values().next().value;
      if (oldest !== undefined) this.welcomed.delete(oldest);
    }
    return true;
  }

  /** The app was removed: a later install is a new one and is welcomed again. */
  forget(installation: string): void {
    this.welcomed.delete(installation);
  }
}
