/**
 * Reading a catalog file (YAML). Every problem is reported with its place in the file.
 */
import { readFile } from 'node:fs/promises';
import YAML from 'yaml';
import { DateTime } from 'luxon';
import type { Catalog } from './model.js';

export class CatalogFileError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CatalogFileError';
  }
}

export async function readCatalogFile(file: string): Promise<Catalog> {
  return parseCatalog(await readFile(file, 'utf8'), file);
}

/** Minimal parser; replaced by the validating one. */
export function parseCatalog(text: string, file: string): Catalog {
  const doc = YAML.parse(text) as { timeZone?: string; campaigns?: any[]; sessions?: any[]; recordings?: any[] };
  const zone = doc.timeZone ?? 'Europe/London';
  const at = (v: string) => DateTime.fromISO(v, { zone }).toJSDate();
  if (!doc.sessions) throw new CatalogFileError(file, ['sessions: missing']);
  return {
    timeZone: zone,
    campaigns: (doc.campaigns ?? []).map((c) => ({ id: c.id, title: c.title, aliases: c.aliases ?? [], startsOn: String(c.starts), endsOn: String(c.ends), knowledgeHubGroup: c.knowledgeHubGroup })),
    sessions: doc.sessions.map((s) => ({ id: s.id, campaignId: s.campaign, title: s.title, startsAt: at(s.starts), endsAt: at(s.ends), presenters: s.presenters ?? [], topics: s.topics ?? [], description: s.description, capacity: s.capacity, joinUrl: s.joinUrl })),
    recordings: [],
  };
}
