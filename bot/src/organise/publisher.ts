/**
 * Publishing a catalog version: the file (CATALOG_FILE at start, an upload, a quick edit) is
 * checked, compared with the live catalog, and — in one transaction — written to the catalog
 * tables with its version row, while the bookings follow it and every message and calendar
 * change officers are owed goes into the outbox. Publishes queue on one lock, so each is diffed
 * against the one before it, from any instance. A dry run answers what a publish would do.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Clock } from '../clock.js';
import type { Db, Queryable } from '../store/db.js';
import type { Logger } from '../log.js';
import { CatalogFileError, defaultTimeZone, parseCatalog, readCatalogText } from '../catalog/catalog-file.js';
import { CatalogStore } from '../catalog/catalog-store.js';
import { catalogVersions, type VersionSource } from '../catalog/catalog-versions.js';
import { diffCatalogs, calendarFields } from '../catalog/changes.js';
import type { Catalog } from '../catalog/model.js';
import type { BookingService } from '../bookings/booking-service.js';
import { audit } from './audit-log.js';
import { summarise, type ChangeSummary } from './summary.js';
import type { Problem } from './wire.js';

export type { Problem };

export interface PublishRequest {
  yaml: string;
  fileName: string;
  source: VersionSource;
  /** Who: the organiser's name or e-mail, or "CATALOG_FILE" at start. */
  by: string;
  dryRun?: boolean;
  /** The version the organiser previewed against: publishing fails if another came first. */
  baseVersion?: number;
  /** What to tell the officers of sessions this publish cancels, by session id. */
  withdrawnMessages?: ReadonlyMap<string, string>;
}

export type PublishOutcome =
  | { kind: 'published' | 'preview' | 'unchanged'; version: number; baseVersion: number; summary: ChangeSummary }
  | { kind: 'invalid'; problems: Problem[] }
  | { kind: 'conflict'; currentVersion: number };

export interface PublisherDeps {
  db: Db;
  clock: Clock;
  bookings: BookingService;
  logger: Logger;
  /** After a commit: reload the live catalog here and start the outbox. */
  onPublished?: (version: number) => Promise<void> | void;
}

export class CatalogPublisher {
  private readonly store: CatalogStore;

  constructor(private readonly deps: PublisherDeps) {
    this.store = new CatalogStore(deps.db);
  }

  async publish(request: PublishRequest): Promise<PublishOutcome> {
    let after: Catalog;
    try {
      after = parseCatalog(request.yaml, request.fileName);
    } catch (error) {
      if (error instanceof CatalogFileError) return { kind: 'invalid', problems: error.problems.map(toProblem) };
      throw error;
    }
    const messages = request.withdrawnMessages ?? new Map<string, string>();
    const now = this.deps.clock.now();
    const outcome = await this.deps.db.transaction(async (tx): Promise<PublishOutcome> => {
      await catalogVersions.lockForPublish(tx);
      const current = await catalogVersions.current(tx);
      if (request.baseVersion !== undefined && request.baseVersion !== current) return { kind: 'conflict', currentVersion: current };
      const latest = await catalogVersions.latest(tx);
      // The tables, not the last YAML, are the truth: before the first version they hold what an
      // older release loaded, and the first import is diffed against that.
      const before = await this.store.load(latest?.time_zone ?? defaultTimeZone, tx);
      const diff = diffCatalogs(before, after);
      const affected = [
        ...new Set([
          ...diff.withdrawn.map((s) => s.id),
          ...diff.rescheduled.map((p) => p.after.id),
          ...diff.capacity.map((p) => p.after.id),
          ...diff.changed.map((c) => c.after.id),
          ...diff.recordingsAdded.flatMap((r) => (r.sessionId ? [r.sessionId] : [])),
        ]),
      ];
      const summary = summarise(diff, after, await this.deps.bookings.countsOn(tx, affected), messages, now);
      const base = { version: current, baseVersion: current, summary };
      if (request.dryRun) return { kind: 'preview', ...base };
      // Two instances starting at once with a new file: the second finds it imported already.
      if (request.source === 'file' && current > 0 && (await catalogVersions.lastFileHash(tx)) === fileHash(request.yaml))
        return { kind: 'unchanged', ...base };
      // Nothing to publish. The first import still makes version 1, so the history starts somewhere.
      if (diff.unchanged && current > 0 && request.source !== 'file') return { kind: 'unchanged', ...base };
      if (diff.unchanged && current > 0 && request.source === 'file') {
        // The file changed only in its wording (comments, order): remember it, so it is not read again.
        await this.insertVersion(tx, current + 1, request, after, summary, now);
        return { kind: 'published', ...base, version: current + 1 };
      }

      await this.store.replaceWith(after, tx);
      const moved = diff.rescheduled.map((p) => p.after.id);
      const detailed = diff.changed.filter((c) => c.fields.some((f) => calendarFields.has(f))).map((c) => c.after.id);
      await this.store.bumpRevisions(tx, [...new Set([...moved, ...detailed, ...diff.withdrawn.map((s) => s.id)])]);
      const withdrawnMessages = new Map([...messages].filter(([id]) => diff.withdrawn.some((s) => s.id === id)));
      await this.store.setWithdrawnMessages(tx, withdrawnMessages);
      const effects = await this.deps.bookings.applyCatalogChange(tx, { diff, withdrawnMessages, timeZone: after.timeZone });
      const version = current + 1;
      await this.insertVersion(tx, version, request, after, summary, now);
      this.deps.logger.info({ version, source: request.source, by: request.by, jobs: effects.jobs, summary: summary.text }, 'catalog published');
      return { kind: 'published', ...base, version };
    });
    if (outcome.kind === 'published') {
      this.deps.bookings.catalogChanged();
      await this.deps.onPublished?.(outcome.version);
    }
    return outcome;
  }

  /**
   * CATALOG_FILE at start: seeds an empty database, and is published again only when the file
   * itself changed since it was last imported, so a restart never undoes what organisers
   * published in the app. A refused file changes nothing (CatalogFileError).
   */
  async importFile(file: string): Promise<{ imported: boolean; version: number }> {
    const text = await readCatalogText(file);
    const current = await catalogVersions.current(this.deps.db);
    if (current > 0 && (await catalogVersions.lastFileHash(this.deps.db)) === fileHash(text)) return { imported: false, version: current };
    const outcome = await this.publish({ yaml: text, fileName: path.basename(file), source: 'file', by: 'CATALOG_FILE' });
    if (outcome.kind === 'invalid')
      throw new CatalogFileError(
        file,
        outcome.problems.map((p) => p.text.replace(/^[^:]*/, file)),
      );
    if (outcome.kind === 'published') return { imported: true, version: outcome.version };
    return { imported: false, version: current };
  }

  private async insertVersion(tx: Queryable, version: number, request: PublishRequest, after: Catalog, summary: ChangeSummary, now: Date): Promise<void> {
    await catalogVersions.insert(tx, version, {
      publishedAt: now,
      publishedBy: request.by,
      source: request.source,
      fileName: request.fileName,
      fileHash: fileHash(request.yaml),
      timeZone: after.timeZone,
      yaml: request.yaml,
      summary: summary as unknown as Record<string, unknown>,
    });
    if (request.source !== 'file') {
      await audit(tx, { at: now, actor: request.by, action: 'catalog.publish', detail: { version, source: request.source, summary: summary.text } });
    }
  }
}

export function fileHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** "catalog.yaml:12:5: sessions[3].ends: must be after starts" → its parts. */
export function toProblem(text: string): Problem {
  const m = /^(.*?):(\d+):(\d+): (?:([A-Za-z_][\w.[\]-]*): )?([\s\S]*)$/.exec(text);
  if (!m) return { line: 0, column: 0, path: '', message: text.replace(/^[^:]*: /, ''), text };
  // A syntax error has no path: "YAML: ..." is the start of its message.
  if (m[4] === 'YAML') return { line: Number(m[2]), column: Number(m[3]), path: '', message: `YAML: ${m[5] ?? ''}`, text };
  return { line: Number(m[2]), column: Number(m[3]), path: m[4] ?? '', message: m[5] ?? '', text };
}
