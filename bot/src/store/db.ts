/**
 * One PostgreSQL dialect, two engines: PGlite (Postgres compiled to WASM, persisted to a data
 * folder) for the embedded default, and node-postgres for a real server (DATABASE_URL).
 * Everything above this file sees only `Db`.
 */
import { mkdir } from 'node:fs/promises';
import type { PGlite } from '@electric-sql/pglite';
import type { Client, Pool, PoolClient } from 'pg';
import type PgModule from 'pg';

export type SqlValue = string | number | boolean | null | Date | string[] | number[] | Record<string, unknown> | unknown[];

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  /** Runs `work` in one transaction; rolls back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * Calls `onNotify` for each NOTIFY on `channel` (on a connection of its own, reconnecting when
   * it drops); returns how to stop. Notifications are hints: a listener re-reads what it needs.
   */
  listen?(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  readonly kind: 'pglite' | 'postgres';
}

export interface DbOptions {
  /** postgres://... for a real server; undefined for the embedded engine. */
  databaseUrl?: string;
  /** Folder for the embedded engine's files; undefined keeps it in memory (tests). */
  dataDir?: string;
  /** Connections in the pool (real server only). */
  poolSize?: number;
}

export async function openDb(options: DbOptions): Promise<Db> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 10) : openPglite(options.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const pg: PGlite = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  // PGlite is a single connection: transactions must not interleave with other queries,
  // so every statement goes through one queue.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const run = async <T>(sql: string, params?: readonly unknown[]): Promise<T[]> => (await pg.query<T>(sql, params as unknown[] | undefined)).rows;
  return {
    kind: 'pglite',
    query: (sql, params) => serial(() => run(sql, params)),
    exec: (sql) => serial(async () => void (await pg.exec(sql))),
    transaction: (work) =>
      serial(() =>
        pg.transaction((tx) =>
          work({
            query: async (sql, params) => (await tx.query(sql, params as unknown[] | undefined)).rows as never,
            exec: async (sql) => void (await tx.exec(sql)),
          }),
        ),
      ),
    listen: async (channel, onNotify) => {
      const stop = await serial(() => pg.listen(channel, () => onNotify()));
      return () => serial(() => stop());
    },
    close: () => serial(() => pg.close()),
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Db> {
  const { default: pg } = await import('pg');
  // Return timestamptz as Date (the default) and bigint counts as numbers.
  pg.types.setTypeParser(20, (v: string) => Number(v));
  const pool: Pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => undefined); // idle-client errors surface on the next query instead
  await pool.query('select 1');
  return {
    kind: 'postgres',
    query: async (sql, params) => (await pool.query(sql, params as unknown[] | undefined)).rows,
    exec: async (sql) => void (await pool.query(sql)),
    transaction: async (work) => {
      const client: PoolClient = await pool.connect();
      try {
        await client.query('begin');
        const result = await work({
          query: async (sql, params) => (await client.query(sql, params as unknown[] | undefined)).rows,
          exec: async (sql) => void (await client.query(sql)),
        });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    listen: (channel, onNotify) => listenOn(pg, url, channel, onNotify),
    close: () => pool.end(),
  };
}

/** LISTEN on a dedicated client; after an error it reconnects with backoff and signals once (a version may have been missed). */
async function listenOn(pg: typeof PgModule, url: string, channel: string, onNotify: () => void): Promise<() => Promise<void>> {
  let stopped = false;
  let client: Client | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === channel) onNotify();
    });
    next.on('error', () => reconnect(1000));
    await next.connect();
    await next.query(`listen ${quoteIdent(channel)}`);
    client = next;
  };
  const reconnect = (delayMs: number): void => {
    if (stopped || retry) return;
    void client?.end().catch(() => undefined);
    client = undefined;
    retry = setTimeout(() => {
      retry = undefined;
      connect().then(onNotify, () => reconnect(Math.min(delayMs * 2, 30_000)));
    }, delayMs);
    retry.unref();
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
