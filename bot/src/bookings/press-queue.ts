/**
 * Presses for one session that arrive while its booking statement is running go together in the
 * next one. In a storm each statement then takes the session's row lock once for many officers
 * (and commits once), instead of every press queueing for the lock on its own; when presses are
 * few, each goes at once, alone, and waits for nothing.
 */
export class PressQueue<P, R> {
  private readonly waiting = new Map<string, Array<{ press: P; resolve: (result: R) => void; reject: (error: unknown) => void }>>();

  constructor(
    /** Runs one statement for presses on one key; returns a result per press, in order. */
    private readonly send: (key: string, presses: P[]) => Promise<R[]>,
    private readonly most: number,
  ) {}

  submit(key: string, press: P): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const queue = this.waiting.get(key);
      if (queue) {
        queue.push({ press, resolve, reject });
        return;
      }
      this.waiting.set(key, [{ press, resolve, reject }]);
      void this.drain(key);
    });
  }

  private async drain(key: string): Promise<void> {
    const queue = this.waiting.get(key)!;
    while (queue.length > 0) {
      const batch = queue.splice(0, this.most);
      try {
        const results = await this.send(
          key,
          batch.map((b) => b.press),
        );
        batch.forEach((b, i) => b.resolve(results[i]!));
      } catch (error) {
        for (const b of batch) b.reject(error);
      }
    }
    this.waiting.delete(key);
  }
}
