/**
 * The numbered catalog versions: every publish (a file imported at start, an upload, a quick
 * edit) with who, when, the YAML as published and what it changed. The highest number is the
 * live catalog.
 */
import type { Queryable } from '../store/db.js';

export type VersionSource = 'file' | 'upload' | 'edit';

/** PostgreSQL NOTIFY channel: a new version was committed (payload: its number). */
export const CATALOG_CHANNEL = 'cpd_catalog';

/** Held for the length of a publish transaction: publishes queue, each diffing against the last. */
const PUBLISH_LOCK = 727002;

export interface VersionRow {
  version: number;
  published_at: Date;
  published_by: string;
  source: VersionSource;
  file_name: string | null;
  file_hash: string;
  time_zone: string;
  summary: { text?: string } & Record<string, unknown>;
}

export interface NewVersion {
  publishedAt: Date;
  publishedBy: string;
  source: VersionSource;
  fileName: string;
  fileHash: string;
  timeZone: string;
  yaml: string;
  summary: Record<string, unknown>;
}

export const catalogVersions = {
  async lockForPublish(tx: Queryable): Promise<void> {
    await tx.query('select pg_advisory_xact_lock($1)', [PUBLISH_LOCK]);
  },

  /** 0 before the first publish. */
  async current(q: Queryable): Promise<number> {
    const [row] = await q.query<{ version: number | null }>('select max(version) as version from catalog_versions');
    return row?.version ?? 0;
  },

  async latest(q: Queryable): Promise<VersionRow | undefined> {
    const [row] = await q.query<VersionRow>(`select ${columns} from catalog_versions order by version desc limit 1`);
    return row;
  },

  /** The hash of the catalog file last imported from CATALOG_FILE. */
  async lastFileHash(q: Queryable): Promise<string | undefined> {
    const [row] = await q.query<{ file_hash: string }>("select file_hash from catalog_versions where source = 'file' order by version desc limit 1");
    return row?.file_hash;
  },

  async insert(tx: Queryable, version: number, v: NewVersion): Promise<void> {
    await tx.query(
      `insert into catalog_versions (version, published_at, published_by, source, file_name, file_hash, time_zone, yaml, summary)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [version, v.publishedAt, v.publishedBy, v.source, v.fileName, v.fileHash, v.timeZone, v.yaml, JSON.stringify(v.summary)],
    );
    // Delivered at commit, to every instance listening (the periodic check covers any that miss it).
    await tx.query('select pg_notify($1, $2)', [CATALOG_CHANNEL, String(version)]);
  },

  async list(q: Queryable, limit = 200): Promise<VersionRow[]> {
    return q.query<VersionRow>(`select ${columns} from catalog_versions order by version desc limit $1`, [limit]);
  },

  async yaml(q: Queryable, version: number): Promise<{ yaml: string; file_name: string | null } | undefined> {
    const [row] = await q.query<{ yaml: string; file_name: string | null }>('select yaml, file_name from catalog_versions where version = $1', [version]);
    return row;
  },
};

const columns = 'version, published_at, published_by, source, file_name, file_hash, time_zone, summary';
