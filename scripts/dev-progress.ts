/**
 * What `npm run dev` is waiting for, said while it waits. The first start on a fresh clone is slow
 * (the embedded database is created, the tab is built, all on the same cores), and a terminal that
 * stays silent for a minute looks hung: every `everyMs` that something is still outstanding, one line
 * says what and for how long.
 */
export class Progress {
  private readonly steps = new Map<string, { doing: string; since: number }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly say: (line: string) => void,
    private readonly everyMs = 15_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** A step has started; `doing` completes "Still waiting for ..." (e.g. "the app"). */
  begin(name: string, doing: string): void {
    this.steps.set(name, { doing, since: this.now() });
    this.timer ??= setInterval(() => this.remind(), this.everyMs);
    this.timer.unref();
  }

  /** A step has finished: its time in whole seconds, for the line that says so. */
  end(name: string): number {
    const step = this.steps.get(name);
    this.steps.delete(name);
    if (this.steps.size === 0) this.stop();
    return step ? Math.round((this.now() - step.since) / 1000) : 0;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private remind(): void {
    if (this.steps.size === 0) return;
    const oldest = Math.min(...[...this.steps.values()].map((s) => s.since));
    const doing = [...this.steps.values()].map((s) => s.doing);
    const list = doing.length > 1 ? `${doing.slice(0, -1).join(', ')} and ${doing.at(-1)}` : doing[0];
    this.say(`Still waiting for ${list}: ${Math.round((this.now() - oldest) / 1000)} s so far ...`);
  }
}
