/**
 * The My CPD view over HTTP: the officer's record (/api/cpd), its reflection notes, and the
 * record as CSV and PDF. Each officer sees only their own: with Teams SSO the record is the
 * token's `oid` (an `officer` setting naming anyone else is refused); in local mode (loopback,
 * no SSO) the tab says whose record to show with ?officer=, as the Agents Playground's user.
 */
import type restify from 'restify';
import type { Logger } from '../log.js';
import type { Clock } from '../clock.js';
import type { Queryable } from '../store/db.js';
import { MAX_CPD_PAGE, type CpdEntry, type CpdRecord } from '../cpd/cpd-record.js';
import { cpdCsv, cpdPdf, exportFileName } from '../cpd/cpd-export.js';
import { checkReflection } from '../cpd/reflection.js';
import type { CpdApiError, CpdEntryJson, CpdRecordJson } from '../cpd/wire.js';
import { makeGate, sendFailure, sendJson, type Access, type Caller } from './access.js';

export interface CpdRouteDeps {
  db: Queryable;
  clock: Clock;
  logger: Logger;
  access: Access;
  cpd: CpdRecord;
}

/** An Entra object id: what Teams sends as `aadObjectId` and the token carries as `oid`. */
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_PAGE = 50;

type Whose = { ok: true; officerId: string; name: string | null } | { ok: false; status: number; body: CpdApiError };

export function registerCpdRoutes(server: restify.Server, deps: CpdRouteDeps): void {
  const log = deps.logger.child({ area: 'cpd-api' });
  const gate = makeGate(deps.access, log, 'Sign in through Microsoft Teams to see your CPD record.');
  const { cpd } = deps;

  /** Whose record this request may see: the signed-in officer's, never anyone else's. */
  const whose = async (req: restify.Request, caller: Caller): Promise<Whose> => {
    const asked = typeof req.query?.officer === 'string' ? req.query.officer.trim() : undefined;
    if (caller.local) {
      if (!asked || !OBJECT_ID.test(asked)) {
        return {
          ok: false,
          status: 400,
          body: {
            error: 'bad_request',
            message:
              'In local mode, say whose CPD record to show: add ?officer= and the Teams user’s Entra object id (the Agents Playground user’s aadObjectId) to the address.',
          },
        };
      }
      return { ok: true, officerId: asked, name: await officerName(deps.db, asked) };
    }
    if (!caller.objectId) {
      log.warn('CPD record refused: the token carries no oid');
      return { ok: false, status: 403, body: { error: 'forbidden', message: 'Your sign-in doesn’t say who you are, so your CPD record can’t be shown.' } };
    }
    if (asked !== undefined && asked.toLowerCase() !== caller.objectId.toLowerCase()) {
      log.warn('CPD record refused: asked for another officer');
      return { ok: false, status: 403, body: { error: 'forbidden', message: 'You can only see your own CPD record.' } };
    }
    return { ok: true, officerId: caller.objectId, name: caller.name ?? (await officerName(deps.db, caller.objectId)) };
  };

  /** Runs `work` for the officer whose record it is; 401 without sign-in, 403 (or 400 locally) otherwise. */
  const own =
    (what: string, work: (req: restify.Request, res: restify.Response, officer: { officerId: string; name: string | null }) => Promise<void>) =>
    async (req: restify.Request, res: restify.Response): Promise<void> => {
      try {
        const caller = await gate(req, res);
        if (!caller) return;
        const officer = await whose(req, caller);
        if (!officer.ok) return sendJson(res, officer.status, officer.body);
        await work(req, res, officer);
      } catch (error) {
        sendFailure(res, log, error, what);
      }
    };

  server.get(
    '/api/cpd',
    own('CPD record', async (req, res, officer) => {
      const paging = pageOf(req);
      if (!paging.ok) return sendJson(res, 400, { error: 'bad_request', message: paging.message } satisfies CpdApiError);
      const [page, totals] = await Promise.all([cpd.page(officer.officerId, paging.offset, paging.limit), cpd.totals(officer.officerId)]);
      sendJson(res, 200, {
        name: officer.name,
        totals: { year: totals.year, thisYearMinutes: totals.thisYearMinutes, last12MonthsMinutes: totals.last12MonthsMinutes },
        total: page.total,
        offset: page.offset,
        limit: page.limit,
        items: page.items.map(entryJson),
      } satisfies CpdRecordJson);
    }),
  );

  server.put(
    '/api/cpd/entries/:id/reflection',
    own('reflection save', async (req, res, officer) => {
      const id = String(req.params?.id ?? '');
      const entry = /^\d{1,9}$/.test(id) ? await cpd.entry(officer.officerId, Number(id)) : undefined;
      if (!entry) return sendJson(res, 404, { error: 'not_found', message: 'That entry is not in your CPD record.' } satisfies CpdApiError);
      const body: unknown = req.body;
      const isJson = (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json') && typeof body === 'object' && body !== null;
      if (!isJson || !('reflection' in body)) {
        return sendJson(res, 400, { error: 'bad_request', message: 'Send the reflection as JSON: {"reflection": "..."}.' } satisfies CpdApiError);
      }
      const checked = checkReflection((body as { reflection: unknown }).reflection);
      if (!checked.ok) return sendJson(res, 422, { error: 'invalid_reflection', message: checked.message, keep: checked.keep });
      const saved = await cpd.setReflection(officer.officerId, entry.id, checked.text);
      if (!saved) return sendJson(res, 404, { error: 'not_found', message: 'That entry is not in your CPD record.' } satisfies CpdApiError);
      sendJson(res, 200, entryJson(saved));
    }),
  );

  server.get(
    '/api/cpd/record.csv',
    own('CPD record CSV', async (_req, res, officer) => {
      const csv = cpdCsv(await cpd.all(officer.officerId));
      sendFile(res, 'text/csv; charset=utf-8', exportFileName(deps.clock.now(), 'csv'), csv);
    }),
  );

  server.get(
    '/api/cpd/record.pdf',
    own('CPD record PDF', async (_req, res, officer) => {
      const [entries, totals] = await Promise.all([cpd.all(officer.officerId), cpd.totals(officer.officerId)]);
      const now = deps.clock.now();
      const pdf = await cpdPdf({ name: officer.name, entries, totals, now });
      sendFile(res, 'application/pdf', exportFileName(now, 'pdf'), pdf);
    }),
  );
}

function entryJson(entry: CpdEntry): CpdEntryJson {
  return {
    id: entry.id,
    sessionId: entry.sessionId,
    title: entry.title,
    campaignTitle: entry.campaignTitle,
    kind: entry.kind,
    minutes: entry.minutes,
    occurredAt: entry.occurredAt.toISOString(),
    reflection: entry.reflection,
  };
}

function pageOf(req: restify.Request): { ok: true; offset: number; limit: number } | { ok: false; message: string } {
  const q = (req.query ?? {}) as Record<string, unknown>;
  const number = (value: unknown, fallback: number): number | undefined =>
    value === undefined || value === '' ? fallback : typeof value === 'string' && /^\d{1,7}$/.test(value) ? Number(value) : undefined;
  const offset = number(q.offset, 0);
  const limit = number(q.limit, DEFAULT_PAGE);
  if (offset === undefined) return { ok: false, message: 'offset must be a whole number, 0 or more.' };
  if (limit === undefined || limit < 1 || limit > MAX_CPD_PAGE) return { ok: false, message: `limit must be a whole number from 1 to ${MAX_CPD_PAGE}.` };
  return { ok: true, offset, limit };
}

/** The name the app has for an officer (from their bookings), if any. */
async function officerName(db: Queryable, officerId: string): Promise<string | null> {
  const rows = await db.query<{ name: string | null }>('select name from officers where aad_object_id = $1', [officerId]);
  return rows[0]?.name ?? null;
}

/** A download of the officer's own data: never kept by a cache. */
function sendFile(res: restify.Response, type: string, fileName: string, body: string | Buffer): void {
  res.writeHead(200, {
    'content-type': type,
    'content-disposition': `attachment; filename="${fileName}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}
