/**
 * The app as a process of its own (`bot/src/index.ts`, as `npm start` runs it), for tests and
 * benchmarks of several instances on one PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface AppProcess {
  child: ChildProcess;
  baseUrl: string;
}

export async function appProcess(env: Record<string, string>): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--no-deprecation', '--import', 'tsx', 'bot/src/index.ts'], {
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('listening on')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`app process exited ${code}`)));
  });
  return { child, baseUrl: `http://127.0.0.1:${port}` };
}

export async function stopProcess(p: AppProcess | undefined): Promise<void> {
  if (!p || p.child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    p.child.on('exit', () => resolve());
    p.child.kill('SIGTERM');
  });
}
