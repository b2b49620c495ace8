/**
 * `npm run dev` with a port setting that cannot work: it stops at once with exit code 2 and the
 * app's own sentence naming the setting, before starting anything or touching the data folder.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appRoot } from '../../bot/src/config.js';

function runDev(settings: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...settings };
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(appRoot, 'scripts', 'dev.ts')], { cwd: appRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe('npm run dev with a bad port setting', function () {
  this.timeout(30_000);
  let parent: string;
  before(() => (parent = mkdtempSync(path.join(os.tmpdir(), 'cpd-dev-settings-'))));
  after(() => rmSync(parent, { recursive: true, force: true }));

  for (const [name, value] of [
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PLAYGROUND_PORT', 'x1'],
  ] as const) {
    it(`stops on ${name}=${value} with exit code 2, naming ${name}, and no stack`, async () => {
      const dataDir = path.join(parent, `${name}-${value}`);
      const { code, output } = await runDev({ [name]: value, DATA_DIR: dataDir });
      assert.equal(code, 2, output);
      assert.match(output, new RegExp(`${name}: must be a port number from 0 to 65535`));
      assert.doesNotMatch(output, /RangeError|\n\s+at /);
      assert.equal(existsSync(dataDir), false, 'the data folder was not created');
    });
  }
});
