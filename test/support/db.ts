/**
 * A fresh, migrated database for one test: in-memory PGlite by default, or — when
 * DATABASE_URL is set (as .ci/run does) — a new schema on that real PostgreSQL server.
 */
import { randomBytes } from 'node:crypto';
import { execSync } from 'node:child_process';
import { openDb, type Db } from '../../bot/src/store/db.js';
import { migrate } from '../../bot/src/store/migrate.js';

export const realPostgresUrl = process.env.DATABASE_URL;

export interface TestDb {
  db: Db;
  /** A connection string for other processes to reach the same schema (real server only). */
  url?: string;
  drop(): Promise<void>;
}

export async function testDb(options: { migrated?: boolean } = {}): Promise<TestDb> {
  if (!realPostgresUrl) {
    const db = await openDb({});
    if (options.migrated !== false) await migrate(db);
    return { db, drop: () => db.close() };
  }
  ensurePostgresRunning();
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = await openDb({ databaseUrl: realPostgresUrl, poolSize: 1 });
  await admin.query(`create schema ${schema}`);
  const url = withSearchPath(realPostgresUrl, schema);
  const db = await openDb({ databaseUrl: url, poolSize: 20 });
  if (options.migrated !== false) await migrate(db);
  return {
    db,
    url,
    drop: async () => {
      await db.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.close();
    },
  };
}

export function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

let checked = false;
/** Starts this machine's PostgreSQL cluster if it is down. */
export function ensurePostgresRunning(): void {
  if (checked) return;
  checked = true;
  try {
    execSync('pg_isready -q -h 127.0.0.1 -p 5432', { stdio: 'ignore' });
  } catch {
    execSync('pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start', { stdio: 'inherit', shell: '/bin/bash' });
  }
}
