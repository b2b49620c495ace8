/**
 * Builds the tab (vite, production) once per test run, and only when its sources are newer
 * than the last build: the browser tests run against exactly what `npm start` serves.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve('.');
const builtPage = path.join(root, 'dist', 'tab', 'index.html');
const sources = [
  path.join(root, 'tab'),
  path.join(root, 'bot', 'src', 'recordings', 'wire.ts'),
  path.join(root, 'bot', 'src', 'cpd'),
  path.join(root, 'package-lock.json'),
];

let built = false;

export function ensureTabBuilt(): void {
  if (built) return;
  if (!existsSync(builtPage) || newestChange(sources) > statSync(builtPage).mtimeMs) {
    execFileSync(path.join(root, 'node_modules', '.bin', 'vite'), ['build', 'tab'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  built = true;
}

function newestChange(paths: string[]): number {
  let newest = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const s = statSync(p);
    if (s.isDirectory()) newest = Math.max(newest, newestChange(readdirSync(p).map((name) => path.join(p, name))));
    else newest = Math.max(newest, s.mtimeMs);
  }
  return newest;
}
