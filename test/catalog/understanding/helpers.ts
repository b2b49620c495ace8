/**
 * Shared helpers for the understanding tests: the demo catalog, London wall-clock instants, and
 * reading an answer's session titles.
 */
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { readCatalogFile } from '../../../bot/src/catalog/catalog-file.js';
import type { Catalog } from '../../../bot/src/catalog/model.js';
import type { WhatsOnAnswer } from '../../../bot/src/catalog/whats-on.js';

export const DEMO_CATALOG_FILE = fileURLToPath(new URL('../../../bot/catalog/demo-catalog.yaml', import.meta.url));

let demo: Promise<Catalog> | undefined;
/** The bundled demo catalog, read once per test run. */
export function demoCatalog(): Promise<Catalog> {
  demo ??= readCatalogFile(DEMO_CATALOG_FILE);
  return demo;
}

/** A London wall-clock time ("2026-04-13T09:00") as an instant, whatever the machine's zone. */
export function london(local: string): Date {
  const d = DateTime.fromISO(local, { zone: 'Europe/London' });
  if (!d.isValid) throw new Error(`not a time: ${local}`);
  return d.toJSDate();
}

/** The session titles an answer lists (the page, or the nearest when nothing matched). */
export function titles(answer: WhatsOnAnswer): string[] {
  if (answer.kind === 'sessions') return answer.sessions.map((m) => m.session.title);
  if (answer.kind === 'nothing') return answer.nearest.map((m) => m.session.title);
  return [];
}

/** Whether a title fragment names one of the listed titles (case-insensitive). */
export function lists(list: readonly string[], fragment: string): boolean {
  const f = fragment.toLowerCase();
  return list.some((t) => t.toLowerCase().includes(f));
}
