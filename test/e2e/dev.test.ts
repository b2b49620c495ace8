/**
 * `npm run dev` as a newcomer runs it: the app, the tab build and the playground come up, saying
 * what they are doing meanwhile, the addresses to open are printed, the demo clock is announced, a
 * question gets a card, the tab is served with recordings to show, and SIGTERM, or Ctrl-C in the
 * terminal on a busy machine, leaves nothing behind.
 * Ports are free ones (not 3978/56150) so a developer's own `npm run dev` is left alone.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appRoot } from '../../bot/src/config.js';
import { freePort, portInUse, stopProcess } from '../../scripts/playground.js';
import { connectPlayground } from '../support/playground.js';

describe('npm run dev', function () {
  // The app starts under tsx watch with a fresh embedded database: a few seconds on a busy machine.
  this.timeout(60_000);
  let dev: ChildProcess | undefined;
  let dataDir: string;
  after(async () => {
    if (dev) await stopProcess(dev, 15_000);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts the app, the tab build and the playground, prints the addresses and the demo clock, answers, serves the tab, and stops them all on SIGTERM', async () => {
    const [appPort, playgroundPort] = [await freePort(), await freePort()];
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'cpd-dev-'));
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(appPort), PLAYGROUND_PORT: String(playgroundPort), DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    delete env.CLOCK_NOW;
    delete env.DATABASE_URL;
    const watchersBefore = viteWatchers();
    const startedAt = Date.now();
    dev = spawn(process.execPath, ['--import', 'tsx', path.join(appRoot, 'scripts', 'dev.ts')], { cwd: appRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    // Colour codes left out: vite colours its lines whenever CI is set, terminal or not.
    const plain = (chunk: Buffer) => chunk.toString().replace(/\x1b\[[0-9;]*m/g, '');
    dev.stdout!.on('data', (chunk: Buffer) => (output += plain(chunk)));
    dev.stderr!.on('data', (chunk: Buffer) => (output += plain(chunk)));

    await until(
      () => output.includes('Chat with the bot'),
      50_000,
      () => output,
    );
    assert.match(output, /Demo clock: Thursday 23 April 2026 09:00 — set CLOCK_NOW to change/);
    // What it was doing while the newcomer waited, each step said when it starts and when it is done.
    const waited = output.slice(0, output.indexOf('Chat with the bot'));
    for (const line of [
      /Building the Recordings tab \(vite\) \.\.\./,
      new RegExp(`Starting the app on http://127\\.0\\.0\\.1:${appPort} \\.\\.\\.`),
      /First start: the app creates its embedded database in .*pglite\. This is the slowest step/,
      new RegExp(`Starting the Agents Playground on port ${playgroundPort} \\.\\.\\.`),
      /The playground is up \(\d+ s\)\./,
      /The app is up \(\d+ s\)\./,
    ]) {
      assert.match(waited, line);
    }
    assert.match(output, new RegExp(`open http://localhost:${playgroundPort}\\b`));
    assert.equal(await (await fetch(`http://127.0.0.1:${playgroundPort}/_debug/ping`)).text(), 'pong');

    // The tab was built by this run (vite build --watch) before the addresses were printed, and is served.
    const ready = output.indexOf('Chat with the bot');
    assert.ok(/\[tab\] built in /.test(output.slice(0, ready)), `the first tab build finished before the address was printed:\n${output}`);
    assert.match(output, new RegExp(`Recordings tab: +open http://127\\.0\\.0\\.1:${appPort}/tab/`));
    assert.doesNotMatch(output, /transforming|modules transformed|gzip:/, "vite's routine progress is left out");
    assert.ok(statSync(path.join(appRoot, 'dist', 'tab', 'index.html')).mtimeMs >= startedAt - 1000, 'dist/tab/index.html was written by this run');
    const page = await fetch(`http://127.0.0.1:${appPort}/tab/`);
    assert.equal(page.status, 200);
    const html = await page.text();
    const script = /<script[^>]+src="(\/tab\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(script, `the page loads its bundle:\n${html}`);
    assert.equal((await fetch(`http://127.0.0.1:${appPort}${script}`)).status, 200);
    assert.ok(viteWatchers().size > watchersBefore.size, 'vite build --watch is running');
    const recordings = (await (await fetch(`http://127.0.0.1:${appPort}/api/recordings`)).json()) as { total: number };
    assert.ok(recordings.total >= 3, `the demo moment comes after the first recordings are posted (${recordings.total})`);

    // One question through the playground, as its web UI sends it.
    const playground = await connectPlayground(playgroundPort);
    try {
      const [reply] = await playground.ask("what's on Friday 19 June");
      const card = JSON.stringify(reply?.attachments?.[0]?.content ?? {});
      assert.match(card, /Faces in our communities/, 'the demo clock puts 19 June 2026 ahead, so the sessions are listed');
      const [later] = await playground.ask('was the crisis intervention session recorded?');
      assert.match(JSON.stringify(later?.attachments?.[0]?.content ?? {}), /Watch the recording/, 'its recording is posted by the demo moment');
    } finally {
      await playground.stop();
    }

    const exited = new Promise<number | null>((resolve) => dev!.once('exit', (code) => resolve(code)));
    dev.kill('SIGTERM');
    assert.equal(await exited, 0);
    dev = undefined;
    assert.equal(await portInUse(appPort), false, 'the app has stopped');
    assert.equal(await portInUse(playgroundPort), false, 'the playground has stopped');
    const leftOver = [...viteWatchers()].filter((pid) => !watchersBefore.has(pid));
    assert.deepEqual(leftOver, [], 'the tab build (vite build --watch) has stopped');
  });

  it('stops every process it started, and their process groups, when Ctrl-C is pressed, and pressed again, in the terminal during the first start', async () => {
    const [appPort, playgroundPort] = [await freePort(), await freePort()];
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'cpd-dev-'));
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(appPort), PLAYGROUND_PORT: String(playgroundPort), DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    // As a shell runs it: npm in a process group of its own, the terminal's foreground job, which Ctrl-C signals as a whole.
    dev = spawn('npm', ['run', 'dev'], { cwd: appRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    dev.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    dev.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // The impatient moment: the tab is built, the app is still creating its database.
    await until(
      () => /\[tab\] .*built in/.test(output),
      50_000,
      () => output,
    );
    const started = descendants(dev.pid!);
    assert.ok(
      started.some((p) => p.args.includes('vite')),
      JSON.stringify(started),
    );
    const groups = new Set(started.map((p) => p.pgid));

    const exited = new Promise<void>((resolve) => dev!.once('exit', () => resolve()));
    // Ctrl-C while the machine is too busy to run the script for a moment (the first start keeps
    // every core busy): it is held still for 200 ms as the signal arrives, as a busy scheduler would.
    const script = started.filter((p) => p.args.includes('scripts/dev.ts')).at(-1)!;
    process.kill(script.pid, 'SIGSTOP');
    process.kill(-dev.pid!, 'SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 200));
    try {
      process.kill(script.pid, 'SIGCONT');
    } catch {
      // Something killed it meanwhile: what it started is checked below.
    }
    // And pressed again while it stops, as an impatient newcomer does.
    await new Promise((resolve) => setTimeout(resolve, 300));
    try {
      process.kill(-dev.pid!, 'SIGINT');
    } catch {
      // Everything in the terminal's job has already gone.
    }
    await exited;
    dev = undefined;
    // Given the time a graceful stop takes, nothing it started may be left, whoever its parent is now.
    await until(
      () => processes().every((p) => !groups.has(p.pgid) && !started.some((s) => s.pid === p.pid && s.args === p.args)),
      15_000,
      () =>
        `still running:\n${processes()
          .filter((p) => groups.has(p.pgid) || started.some((s) => s.pid === p.pid))
          .map((p) => `${p.pid} (parent ${p.ppid}, group ${p.pgid}) ${p.args}`)
          .join('\n')}\n${output}`,
    );
    assert.equal(await portInUse(appPort), false);
    assert.equal(await portInUse(playgroundPort), false);
  });
});

interface ProcessRow {
  pid: number;
  ppid: number;
  pgid: number;
  args: string;
}

/** Every process on the machine (ps), zombies left out: they have stopped, only not been reaped. */
function processes(): ProcessRow[] {
  return execFileSync('ps', ['-eo', 'pid=,ppid=,pgid=,stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && !m[4]!.startsWith('Z'))
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), pgid: Number(m[3]), args: m[5]! }));
}

/** The processes below `pid`, however deep. */
function descendants(pid: number): ProcessRow[] {
  const all = processes();
  const found: ProcessRow[] = [];
  for (let queue = [pid]; queue.length > 0;) {
    const parent = queue.shift()!;
    for (const row of all.filter((p) => p.ppid === parent)) {
      found.push(row);
      queue.push(row.pid);
    }
  }
  return found;
}

async function until(condition: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out; npm run dev said:\n${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Process ids of the `vite build tab --watch` processes running from this checkout (Linux /proc). */
function viteWatchers(): Set<number> {
  const found = new Set<number>();
  if (!existsSync('/proc')) return found;
  const vite = path.join(appRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes(vite) && args.includes('--watch')) found.add(Number(entry));
    } catch {
      // The process has gone.
    }
  }
  return found;
}
