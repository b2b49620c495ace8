/**
 * `npm run dev` as a newcomer runs it: the app, the tab build and the playground come up, the
 * addresses to open are printed, the demo clock is announced, a question gets a card, the tab is
 * served with recordings to show, and SIGTERM leaves nothing behind.
 * Ports are free ones (not 3978/56150) so a developer's own `npm run dev` is left alone.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
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
});

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
