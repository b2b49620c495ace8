import type { Db } from './db.js';
import { migrations as all, type Migration } from './migrations.js';

/** An arbitrary, fixed key: every app instance takes the same advisory lock while migrating. */
const MIGRATION_LOCK = 727_001;

/**
 * Brings the schema up to date. Safe to call from several processes at once: they queue on a
 * transaction-scoped advisory lock, and each migration is applied exactly once.
 */
export async function migrate(db: Db, migrations: readonly Migration[] = all): Promise<string[]> {
  const applied: string[] = [];
  await db
    .query('create table if not exists schema_migrations (id text primary key, applied_at timestamptz not null default now())')
    .catch(async (error: unknown) => {
      // Two processes racing on the very first create: the loser sees a duplicate type/table.
      const exists = await db.query<{ ok: boolean }>("select to_regclass('schema_migrations') is not null as ok");
      if (!exists[0]?.ok) throw error;
    });
  for (const migration of migrations) {
    const ran = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const done = await tx.query('select 1 from schema_migrations where id = $1', [migration.id]);
      if (done.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (id) values ($1)', [migration.id]);
      return true;
    });
    if (ran) applied.push(migration.id);
  }
  return applied;
}
