/**
 * The Microsoft 365 Agents Playground as a process: started on a given port against the bot's
 * endpoint, checked to be really listening there, stopped. Used by `npm run dev` and by the
 * end-to-end tests (test/support/playground.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const playgroundCli = path.join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
/** The Teams context (tenant, officers, chats, team) the playground gives the bot. */
export const playgroundConfigFile = path.join(root, '.m365agentsplayground.yml');

export class PortTakenError extends Error {
  constructor(
    readonly port: number,
    readonly movedTo?: number,
  ) {
    super(`port ${port} is taken${movedTo ? `: the playground moved to ${movedTo}` : ''}`);
    this.name = 'PortTakenError';
  }
}

export function spawnPlayground(options: { botEndpoint: string; port: number; logFile: string; detached?: boolean }): ChildProcess {
  const child = spawn(process.execPath, [playgroundCli, '-e', options.botEndpoint, '-c', 'msteams', '-p', String(options.port), '--disable-telemetry'], {
    cwd: root,
    env: {
      ...process.env,
      // Never try to open a browser, keep its log out of the tree, and always use the committed config.
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_LOGFILE: options.logFile,
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: playgroundConfigFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  // mocha --exit (and Ctrl-C in dev) end this process without running after() hooks: take the
  // playground down too, so no orphan keeps the port.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  return child;
}

/**
 * Resolves once the playground answers its ping on the port it was given. It silently moves to a
 * random port when that one is taken, so the ping must come from this port and the process must
 * say it listens there.
 */
export async function waitForPing(child: ChildProcess, port: number, timeoutMs: number, onOutput?: (text: string) => void): Promise<void> {
  let output = '';
  let listeningOn: number | undefined;
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    onOutput?.(chunk.toString('utf8'));
    const match = /Listening on (\d+)/.exec(output);
    if (match) listeningOn = Number(match[1]);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the playground exited before it was ready:\n${output}`);
      }
      if (listeningOn !== undefined && listeningOn !== port) {
        throw new PortTakenError(port, listeningOn);
      }
      if (/Failed to start/.test(output)) throw new Error(`the playground failed to start:\n${output}`);
      // Bounded: whatever else holds the port may accept the connection and never answer.
      const pong = await fetch(`http://127.0.0.1:${port}/_debug/ping`, { signal: AbortSignal.timeout(1000) })
        .then((r) => r.text())
        .catch(() => undefined);
      // Another process may answer on the port; only our child's own "Listening on" makes it ours.
      if (pong === 'pong' && listeningOn === port) return;
      await delay(50);
    }
    throw new Error(`the playground did not answer its ping on port ${port} within ${timeoutMs} ms:\n${output}`);
  } finally {
    child.stdout?.off('data', onData);
    child.stderr?.off('data', onData);
    // Keep draining its output (a full pipe would block it) unless the caller reads it.
    if (!onOutput) {
      child.stdout?.resume();
      child.stderr?.resume();
    }
  }
}

/** SIGTERM (it stops in about half a second), then SIGKILL if it has not gone. */
export async function stopProcess(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** A port nobody listens on right now (the kernel picks it; we close it again at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether something already listens on this port (any interface, as the playground listens). */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(true));
    server.listen(port, () => server.close(() => resolve(false)));
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
