/**
 * The real entry point, as `npm start` runs it: settings from the environment, exit codes,
 * messages on stderr, the port it listens on, and a graceful SIGTERM. Each spawn costs seconds,
 * so there are few of them.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { realPostgresUrl, testDb, type TestDb } from '../support/db.js';
import { teamsMessage } from '../support/app.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const badCatalog = path.join(root, 'test', 'fixtures', 'catalogs', 'bad-catalog.yaml');

interface Started {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

/** Starts `bot/src/index.ts` with only the settings given (nothing leaks in from this process). */
function start(settings: Record<string, string>): Started {
  let out = '';
  let err = '';
  const child = spawn(process.execPath, ['--no-deprecation', '--import', 'tsx', 'bot/src/index.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), NODE_ENV: 'test', LOG_LEVEL: 'info', ...settings },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function until(check: () => boolean, what: string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether anything accepts a TCP connection at host:port. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** A Bot Framework connector that holds the bot's first reply until released, keeping its turn in flight. */
class SlowConnector {
  private server = http.createServer((req, res) => void this.handle(req, res));
  private releaseReply?: () => void;
  replyArrived = false;

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  release(): void {
    this.releaseReply?.();
  }

  stop(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    for await (const _ of req) void _;
    const held = req.method === 'POST' && /\/activities/.test(req.url ?? '') && !this.replyArrived;
    if (held) {
      this.replyArrived = true;
      await new Promise<void>((resolve) => (this.releaseReply = resolve));
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.method === 'GET' ? { id: '29:officer-1', name: 'Officer' } : { id: 'reply-1' }));
  }
}

interface Server {
  run: Started;
  port: number;
  /** Kills the process if it is still running and removes its data folder and database. */
  stop(): Promise<void>;
}

/** Starts the server with good settings (its own port, data folder and, on a real server, schema) and waits until it listens. */
async function startGood(): Promise<Server> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cpd-process-'));
  const database: TestDb | undefined = realPostgresUrl ? await testDb({ migrated: false }) : undefined;
  const run = start({ PORT: String(port), DATA_DIR: dataDir, CLOCK_NOW: '2026-04-21T13:55', ...(database?.url ? { DATABASE_URL: database.url } : {}) });
  const server = {
    run,
    port,
    async stop() {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
      await run.exited;
      await rm(dataDir, { recursive: true, force: true });
      await database?.drop();
    },
  };
  try {
    await until(() => run.stdout().includes('CPD bot listening on') || run.child.exitCode !== null, 'the server to listen');
    assert.equal(run.child.exitCode, null, `the server stopped:\n${run.stderr()}`);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

describe('the server process', function () {
  this.timeout(60_000);

  it('refuses a bad setting with a message naming it, and no stack trace', async () => {
    const run = start({ PORT: 'abc' });
    const code = await run.exited;
    assert.equal(code, 2);
    assert.match(run.stderr(), /PORT: must be a port number/);
    assert.doesNotMatch(run.stderr(), /\n\s+at /);
  });

  it('refuses a port already in use with exit code 2 and a sentence naming it, before opening the data folder', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    const parent = await mkdtemp(path.join(os.tmpdir(), 'cpd-port-'));
    const dataDir = path.join(parent, 'data');
    try {
      const run = start({ PORT: String(port), DATA_DIR: dataDir });
      assert.equal(await run.exited, 2, run.stderr());
      assert.match(run.stderr(), new RegExp(`Port ${port} is already in use on 127\\.0\\.0\\.1`));
      assert.match(run.stderr(), /set PORT to another port/);
      assert.doesNotMatch(run.stderr(), /\n\s+at |EADDRINUSE/);
      assert.equal(existsSync(dataDir), false, 'the data folder was not created');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('refuses a bad catalog file, listing every problem by its place', async () => {
    const run = start({ PORT: String(await freePort()), CATALOG_FILE: badCatalog, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/unused' });
    const code = await run.exited;
    assert.notEqual(code, 0);
    const stderr = run.stderr();
    assert.match(stderr, /The catalog file was refused; nothing was changed/);
    for (const place of ['9:15: sessions[0].campaign', '12:11: sessions[0].ends', '16:13: sessions[1].starts']) {
      assert.ok(stderr.includes(`${badCatalog}:${place}`), `missing ${place} in:\n${stderr}`);
    }
    assert.doesNotMatch(stderr, /\n\s+at /);
  });

  describe('started with good settings', () => {
    // One server for the tests that only look at it; the SIGTERM test stops a server of its own.
    let server: Server | undefined;
    let run: Started;
    let port: number;

    before(async () => {
      server = await startGood();
      ({ run, port } = server);
    });
    after(async () => server?.stop());

    it('answers the health check on the port it was given', async () => {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { status: 'ok' });
    });

    it('listens on loopback only in local mode', async () => {
      assert.ok(run.stdout().includes(`http://127.0.0.1:${port}/api/messages`));
      // The whole of 127/8 reaches this machine; a server on 0.0.0.0 would accept on 127.0.0.2 too.
      assert.equal(await accepts('127.0.0.2', port), false);
    });

    it('runs on the clock CLOCK_NOW fixes, read as UK time', () => {
      const line = run
        .stdout()
        .split('\n')
        .find((l) => l.includes('clock fixed by CLOCK_NOW'));
      assert.ok(line, run.stdout());
      assert.equal(JSON.parse(line).now, '2026-04-21T12:55:00.000Z');
    });

    it('on SIGTERM stops accepting, finishes the turn in flight and exits 0', async () => {
      const { run, port, stop } = await startGood();
      const connector = new SlowConnector();
      try {
        const serviceUrl = await connector.start();
        const activity = teamsMessage('help');
        const inFlight = fetch(`http://127.0.0.1:${port}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...activity, serviceUrl }),
        });
        await until(() => connector.replyArrived, 'the bot to start replying');

        run.child.kill('SIGTERM');
        await until(() => run.stdout().includes('shutting down'), 'the shutdown to begin');
        assert.equal(await accepts('127.0.0.1', port), false, 'still accepting connections after SIGTERM');
        assert.equal(run.child.exitCode, null, 'exited with a turn still in flight');

        connector.release();
        const response = await inFlight;
        assert.equal(response.status, 200);
        assert.equal(await run.exited, 0);
      } finally {
        await connector.stop();
        await stop();
      }
    });
  });
});
