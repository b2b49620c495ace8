/**
 * `npm run dev`: the app (restarted when bot/src changes), the Recordings tab (rebuilt into
 * dist/tab when tab/ changes, served by the app at /tab/) and the Microsoft 365 Agents Playground
 * in front of the app, so a newcomer can chat with the bot in a browser with no Azure account.
 * It says what it is waiting for until all three are up, and Ctrl-C (or SIGTERM) stops them all:
 * each runs in its own process group, and the whole group is stopped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import PinoPretty from 'pino-pretty';
import { portInUse, PortTakenError, spawnPlayground, waitForPing } from './playground.js';
import { ConfigError, readPort } from '../bot/src/config.js';
import { DEMO_NOW } from './demo.js';
import { Progress } from './dev-progress.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** 56150 is the port the Teams Toolkit uses for the playground; PLAYGROUND_PORT moves it. */
const playgroundPort = portSetting('PLAYGROUND_PORT', 56150);

const appPort = portSetting('PORT', 3978);
const dataDir = path.resolve(root, process.env.DATA_DIR || '.data');
const clockNow = process.env.CLOCK_NOW || DEMO_NOW;

const children: ChildProcess[] = [];
let stopping = false;
const progress = new Progress(say);

async function main(): Promise<void> {
  for (const [port, what, setting] of [
    [appPort, 'the app', 'PORT'],
    [playgroundPort, 'the playground', 'PLAYGROUND_PORT'],
  ] as const) {
    if (await portInUse(port)) {
      fail(
        `Port ${port} is already in use, so ${what} cannot listen there. Is another \`npm run dev\` running? Stop it, or set ${setting} to another port.`,
        2,
      );
    }
  }
  say(`Demo clock: ${describeClock(clockNow)}${process.env.CLOCK_NOW ? ' (CLOCK_NOW)' : ''} — set CLOCK_NOW to change`);

  // All three start at once: the tab builds and the playground comes up while the app starts, so
  // on a fresh clone /tab/ is there by the time it is announced.
  const tabBuilt = startTabBuild();
  progress.begin('tab', 'the Recordings tab build');
  say('Building the Recordings tab (vite) ...');
  // PGlite writes PG_VERSION when it creates a database: without it, the app's first start creates one.
  const firstStart = !process.env.DATABASE_URL && !existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'));
  const app = startApp();
  say(`Starting the app on http://127.0.0.1:${appPort} ...`);
  if (firstStart) {
    say(
      `First start: the app creates its embedded database in ${path.join(dataDir, 'pglite')}. This is the slowest step (a minute or more on a busy machine).`,
    );
  }
  progress.begin('app', firstStart ? 'the app (its first start creates the database)' : 'the app');
  mkdirSync(dataDir, { recursive: true });
  progress.begin('playground', 'the Agents Playground');
  say(`Starting the Agents Playground on port ${playgroundPort} ...`);
  const playgroundUp = startPlayground();

  const appUp = waitForHealth(app).then(() => {
    if (!stopping) say(`The app is up (${progress.end('app')} s).`);
  });
  if (!(await playgroundUp)) return;
  await appUp;
  if (stopping) return;

  const tab = await tabBuilt;
  if (stopping) return;
  progress.stop();
  if (tab === 'failed') say('[tab] The first build of the Recordings tab failed (above): fix tab/src and save, it rebuilds.');

  say('');
  say(`  Chat with the bot: open http://localhost:${playgroundPort}`);
  say(`  Recordings tab:    open http://127.0.0.1:${appPort}/tab/`);
  say(`  Organise the week: open http://127.0.0.1:${appPort}/tab/?view=organise (locally, you are an organiser)`);
  say('');
  say('The app restarts when you change bot/src; the tab rebuilds when you change tab/. Ctrl-C stops them all.');
}

/**
 * The playground, in its own process group. It needs nothing from the app to start (it serves its
 * config once the app answers), so it starts alongside it. Resolves false (and stops everything)
 * if it cannot listen on its port.
 */
async function startPlayground(): Promise<boolean> {
  const logFile = path.join(dataDir, 'm365agentsplayground.log');
  const playground = spawnPlayground({ botEndpoint: `http://127.0.0.1:${appPort}/api/messages`, port: playgroundPort, logFile, detached: true });
  children.push(playground);
  playground.once('exit', (code, signal) => {
    if (!stopping) void shutdown(1, `The playground stopped unexpectedly (${signal ?? `exit code ${code}`}); see ${logFile}.`);
  });
  try {
    await waitForPing(playground, playgroundPort, 30_000);
  } catch (error) {
    if (stopping) return false;
    const reason =
      error instanceof PortTakenError
        ? `Port ${playgroundPort} was taken, so the playground moved to port ${error.movedTo ?? 'another port'}. Stop whatever listens on ${playgroundPort} (\`ss -ltnp | grep ${playgroundPort}\`) or set PLAYGROUND_PORT, and try again.`
        : `The playground did not start: ${error instanceof Error ? error.message : String(error)}`;
    await shutdown(1, reason);
    return false;
  }
  if (!stopping) say(`The playground is up (${progress.end('playground')} s).`);
  return !stopping;
}

/**
 * The tab under `vite build --watch`, in its own process group like the app. Its routine progress
 * is left out; what remains (each "built in", warnings, errors) is printed with a "[tab]" prefix.
 * Resolves when the first build has finished, or failed (vite keeps watching: saving a fix rebuilds).
 */
function startTabBuild(): Promise<'built' | 'failed'> {
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const child = spawn(process.execPath, [vite, 'build', 'tab', '--watch', '--logLevel', 'info'], {
    cwd: root,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  return new Promise((resolve) => {
    const finished = (outcome: 'built' | 'failed') => {
      progress.end('tab');
      resolve(outcome);
    };
    const onLine = (line: string) => {
      const plain = line.replace(/\x1b\[[0-9;]*m/g, '').trimEnd();
      if (routineTabOutput.some((pattern) => pattern.test(plain))) return;
      say(`[tab] ${line.trimEnd()}`);
      if (/^built in /.test(plain)) finished('built');
      else if (/^Build failed/i.test(plain)) finished('failed');
    };
    eachLine(child.stdout!, onLine);
    eachLine(child.stderr!, onLine);
    child.once('exit', (code, signal) => {
      resolve('failed');
      if (!stopping) void shutdown(1, `The tab build (vite build --watch) stopped unexpectedly (${signal ?? `exit code ${code}`}).`);
    });
  });
}

/** vite's progress lines, printed on every build: noise once the tab builds. */
const routineTabOutput = [
  /^\s*$/,
  /^vite v\S+ building/,
  /^watching for file changes/,
  /^build started/,
  /^transforming/,
  /^✓ \d+ modules transformed/,
  /^rendering chunks/,
  /^computing gzip size/,
  /\s[\d.]+ kB\b/,
];

function eachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop()!;
    lines.forEach(onLine);
  });
  stream.on('end', () => {
    if (pending) onLine(pending);
  });
}

/**
 * The app under `tsx watch`, its JSON logs made readable. Every child runs in its own process
 * group, so Ctrl-C reaches this script alone and it stops them in order: tsx watch is signalled
 * once (a second signal makes it kill the app before it has finished its turns).
 */
function startApp(): ChildProcess {
  const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child = spawn(process.execPath, [tsx, 'watch', '--clear-screen=false', '--include', 'bot/catalog/**', 'bot/src/index.ts'], {
    cwd: root,
    env: {
      ...process.env,
      CLOCK_NOW: clockNow,
      PORT: String(appPort),
      DATA_DIR: dataDir,
      NODE_OPTIONS: [process.env.NODE_OPTIONS, '--no-deprecation'].filter(Boolean).join(' '),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  // pino-pretty passes lines that are not JSON through unchanged.
  child.stdout!.pipe(PinoPretty({ colorize: process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app' }));
  children.push(child);
  child.once('exit', (code, signal) => {
    if (!stopping) void shutdown(1, `The app stopped unexpectedly (${signal ?? `exit code ${code}`}).`);
  });
  return child;
}

/**
 * Waits as long as it takes: an app that refused to start (a bad setting, a refused catalog) is
 * restarted by tsx watch when the file is fixed, and then the playground can follow.
 */
async function waitForHealth(app: ChildProcess): Promise<void> {
  // The first start migrates the embedded database and loads the catalog: allow for a slow machine.
  const hintAt = Date.now() + 30_000;
  let hinted = false;
  while (!stopping && app.exitCode === null) {
    const ok = await fetch(`http://127.0.0.1:${appPort}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    if (!hinted && Date.now() > hintAt) {
      hinted = true;
      say(`Still waiting for http://127.0.0.1:${appPort}/healthz. If the app stopped with a message above, fix it and save: it restarts. Ctrl-C to give up.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function shutdown(code: number, message?: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (message) say(message);
  progress.stop();
  // The playground first, so it does not report the app going away; then the app finishes its
  // turns; the tab build (started first) last.
  for (const child of [...children].reverse()) await stopGroup(child, 10_000);
  process.exit(code);
}

/**
 * Stops a child and everything in its process group: SIGTERM to the group (tsx watch passes it on
 * to the app, which finishes its turns; the app's own handler runs once however often it is told),
 * then, once the leader has exited or `graceMs` has passed, SIGKILL to whatever is left in it.
 */
async function stopGroup(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    signalGroup(child, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }
  signalGroup(child, 'SIGKILL');
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group has already gone.
  }
}

function describeClock(iso: string): string {
  const at = DateTime.fromISO(iso, { zone: 'Europe/London' });
  return at.isValid ? at.toFormat('cccc d LLLL yyyy HH:mm') : iso;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** A port from the environment, by the app's own rule; a bad one stops here (exit 2, as the app does) naming the setting. */
function portSetting(name: string, fallback: number): number {
  try {
    return readPort(name, process.env[name], fallback);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message, 2);
    throw error;
  }
}

// If this script dies some other way, take every process group (tsx watch and the app under it,
// vite, the playground) along, whether or not the group's leader is still running.
process.once('exit', () => {
  for (const child of children) signalGroup(child, 'SIGKILL');
});
process.on('SIGINT', () => void shutdown(0, 'Stopping ...'));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGHUP', () => void shutdown(0));

main().catch((error: unknown) => shutdown(1, `npm run dev failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
