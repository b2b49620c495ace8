/**
 * `npm run bench`: every benchmark, one after the other, in one table of figures with the target
 * each is held to. Targets are reported, not asserted (a shared machine makes timings noisy); the
 * run fails only when a benchmark crashes.
 *
 * A benchmark is a `{ name, run }` entry below. Each module is imported only when its turn comes,
 * so the memory a benchmark measures is not the memory of the ones loaded before it; the
 * understanding goes first for the same reason.
 */
export interface BenchRow {
  name: string;
  value: string;
  target?: string;
  ok?: boolean;
}

export interface Bench {
  name: string;
  run(): Promise<BenchRow[]>;
}

const benches: Bench[] = [
  { name: 'understanding', run: async () => (await (await import('./understanding.js')).benchUnderstanding()).rows },
  { name: 'http turns', run: async () => (await (await import('./http.js')).benchHttp()).rows },
  { name: 'booking storm', run: async () => (await (await import('./booking-storm.js')).benchBookingStorm()).rows },
  { name: 'reschedule', run: async () => (await (await import('./reschedule.js')).benchReschedule()).rows },
  { name: 'reminders', run: async () => (await (await import('./reminders.js')).benchReminders()).rows },
  { name: 'tab', run: async () => (await (await import('./tab.js')).benchTab()).rows },
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const chosen = only.length > 0 ? benches.filter((b) => only.some((o) => b.name.includes(o))) : benches;
  const rows: Array<BenchRow & { bench: string }> = [];
  let crashed = false;
  for (const bench of chosen) {
    const started = performance.now();
    process.stderr.write(`bench: ${bench.name} ...\n`);
    try {
      // The bench column names the benchmark; a row need not repeat it.
      for (const row of await bench.run()) rows.push({ ...row, bench: bench.name, name: row.name.replace(`${bench.name}: `, '') });
    } catch (error) {
      crashed = true;
      rows.push({ bench: bench.name, name: 'crashed', value: error instanceof Error ? error.message.split('\n')[0]! : String(error), ok: false });
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    }
    process.stderr.write(`bench: ${bench.name} took ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  process.stdout.write(table(rows));
  const missed = rows.filter((r) => r.ok === false).length;
  process.stdout.write(`\n${rows.filter((r) => r.ok === true).length} targets met, ${missed} missed${crashed ? ', and a benchmark crashed' : ''}.\n`);
  // Other benchmarks may leave handles open (pools, browsers); the figures are out, so end here.
  process.exit(crashed ? 1 : 0);
}

function table(rows: Array<BenchRow & { bench: string }>): string {
  const header = { bench: 'bench', name: 'figure', value: 'value', target: 'target', verdict: '' };
  const lines = [
    header,
    ...rows.map((r) => ({ bench: r.bench, name: r.name, value: r.value, target: r.target ?? '', verdict: r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED' })),
  ];
  const keys = ['bench', 'name', 'value', 'target', 'verdict'] as const;
  const widths = keys.map((k) => Math.max(...lines.map((l) => l[k].length)));
  const format = (l: (typeof lines)[number]) =>
    keys
      .map((k, i) => l[k].padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.slice(1).map(format)].join('\n') + '\n';
}

await main();
