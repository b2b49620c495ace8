/**
 * The catalog every part of a running instance reads: the highest published version, loaded from
 * the database with its understanding index and sessions model, swapped in whole when a newer
 * version is committed anywhere. A publish in this process refreshes at once; other processes
 * hear PostgreSQL's NOTIFY, and a periodic version check catches anything a dropped connection
 * missed, so every instance follows within a few seconds.
 */
import type { Db } from '../store/db.js';
import type { Logger } from '../log.js';
import { CatalogStore } from './catalog-store.js';
import { CATALOG_CHANNEL, catalogVersions } from './catalog-versions.js';
import type { Catalog } from './model.js';
import { Sessions } from './sessions.js';
import type { WhatsOn } from './whats-on.js';
import { createWhatsOn } from './understanding/index.js';
import { defaultTimeZone } from './catalog-file.js';

/** One catalog version, ready to answer from. Never changes: a new version is a new snapshot. */
export interface Programme {
  version: number;
  catalog: Catalog;
  sessions: Sessions;
  whatsOn: WhatsOn;
}

export interface LiveCatalogOptions {
  logger: Logger;
  /** How often to check the version when no notification came. */
  pollMs?: number;
}

export class LiveCatalog {
  private programme: Programme;
  private refreshing: Promise<boolean> | undefined;
  private again = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private readonly listeners = new Set<(p: Programme) => void>();

  private constructor(
    private readonly db: Db,
    private readonly options: LiveCatalogOptions,
    first: Programme,
  ) {
    this.programme = first;
  }

  /** Loads the live version and starts following new ones. */
  static async open(db: Db, options: LiveCatalogOptions): Promise<LiveCatalog> {
    const live = new LiveCatalog(db, options, await loadProgramme(db));
    await live.follow();
    return live;
  }

  current(): Programme {
    return this.programme;
  }

  /** Called with each newer version once it is in place. */
  onChange(listener: (p: Programme) => void): void {
    this.listeners.add(listener);
  }

  /**
   * Loads the live version if it is newer than the one held. Calls during a refresh are folded
   * into one more check after it, so a burst of notifications loads at most twice.
   */
  refresh(): Promise<boolean> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      let changed = false;
      try {
        do {
          this.again = false;
          const version = await catalogVersions.current(this.db);
          if (version > this.programme.version) {
            const next = await loadProgramme(this.db);
            if (next.version > this.programme.version) {
              this.programme = next;
              changed = true;
              this.options.logger.info({ version: next.version, sessions: next.catalog.sessions.length }, 'catalog version loaded');
              for (const listener of this.listeners) listener(next);
            }
          }
        } while (this.again);
      } finally {
        this.refreshing = undefined;
      }
      return changed;
    })();
    return this.refreshing;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.unlisten?.().catch(() => undefined);
    await this.refreshing?.catch(() => undefined);
  }

  private async follow(): Promise<void> {
    const check = () => void this.refresh().catch((error: unknown) => this.options.logger.warn({ err: error }, 'catalog version check failed'));
    if (this.db.listen) {
      try {
        this.unlisten = await this.db.listen(CATALOG_CHANNEL, check);
      } catch (error) {
        this.options.logger.warn({ err: error }, 'could not listen for catalog versions; checking periodically instead');
      }
    }
    this.timer = setInterval(check, this.options.pollMs ?? 2000);
    this.timer.unref();
  }
}

/** The live version, read in one snapshot so the version number and the tables agree. */
async function loadProgramme(db: Db): Promise<Programme> {
  const store = new CatalogStore(db);
  const { version, catalog, withdrawn } = await db.transaction(async (tx) => {
    await tx.query('set transaction isolation level repeatable read');
    const latest = await catalogVersions.latest(tx);
    const timeZone = latest?.time_zone ?? defaultTimeZone;
    return { version: latest?.version ?? 0, catalog: await store.load(timeZone, tx), withdrawn: await store.withdrawnSessions(tx) };
  });
  // Built once per version: answering then only looks things up.
  return { version, catalog, sessions: new Sessions(catalog, withdrawn), whatsOn: createWhatsOn(catalog) };
}
