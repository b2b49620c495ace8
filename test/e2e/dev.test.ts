/**
 * `npm run dev` as a newcomer runs it: the app and the playground come up, the address to open is
 * printed, the demo clock is announced, a question gets a card, and SIGTERM leaves nothing behind.
 * Ports are free ones (not 3978/56150) so a developer's own `npm run dev` is left alone.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

  it('starts the app and the playground, prints the address and the demo clock, answers, and stops both on SIGTERM', async () => {
    const [appPort, playgroundPort] = [await freePort(), await freePort()];
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'cpd-dev-'));
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(appPort), PLAYGROUND_PORT: String(playgroundPort), DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    delete env.CLOCK_NOW;
    delete env.DATABASE_URL;
    dev = spawn(process.execPath, ['--import', 'tsx', path.join(appRoot, 'scripts', 'dev.ts')], { cwd: appRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    dev.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    dev.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

    await until(() => output.includes('Chat with the bot'), 50_000, () => output);
    assert.match(output, /Demo clock: Monday 13 April 2026 09:00 — set CLOCK_NOW to change/);
    assert.match(output, new RegExp(`open http://localhost:${playgroundPort}\\b`));
    assert.equal(await (await fetch(`http://127.0.0.1:${playgroundPort}/_debug/ping`)).text(), 'pong');

    // One question through the playground, as its web UI sends it.
    const playground = await connectPlayground(playgroundPort);
    try {
      const [reply] = await playground.ask("what's on Friday 19 June");
      const card = JSON.stringify(reply?.attachments?.[0]?.content ?? {});
      assert.match(card, /Faces in our communities/, 'the demo clock puts 19 June 2026 ahead, so the sessions are listed');
    } finally {
      await playground.stop();
    }

    const exited = new Promise<number | null>((resolve) => dev!.once('exit', (code) => resolve(code)));
    dev.kill('SIGTERM');
    assert.equal(await exited, 0);
    dev = undefined;
    assert.equal(await portInUse(appPort), false, 'the app has stopped');
    assert.equal(await portInUse(playgroundPort), false, 'the playground has stopped');
  });
});

async function until(condition: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out; npm run dev said:\n${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
