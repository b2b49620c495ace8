/**
 * The organiser API behind the tab's Organise view (docs/organiser-api.md): who is asking,
 * publishing a catalog or a quick edit (with a dry run first), registrations and their CSV,
 * and the version history. Everything under /api/organiser/ needs the Organiser app role (anyone
 * in local mode); others get 403 and nothing changes.
 */
import type restify from 'restify';
import { DateTime } from 'luxon';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { Db } from '../store/db.js';
import type { Programme } from '../catalog/live-catalog.js';
import { catalogVersions } from '../catalog/catalog-versions.js';
import type { Session } from '../catalog/model.js';
import type { CatalogPublisher, PublishOutcome } from '../organise/publisher.js';
import { applyEdit, readEdit } from '../organise/quick-edits.js';
import { registrations, type Registration } from '../organise/registrations.js';
import { audit } from '../organise/audit-log.js';
import { csvDocument } from '../organise/csv.js';
import { actorName, isOrganiser, makeGate, sendFailure, sendJson, type Access, type Caller } from './access.js';

export interface OrganiserRouteDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  access: Access;
  publisher: CatalogPublisher;
  programme: () => Programme;
}

/** The largest catalog accepted: thousands of sessions fit in a fraction of it. */
export const MAX_CATALOG_BYTES = 2 * 1024 * 1024;
export const CATALOG_ROUTE = '/api/organiser/catalog';

const UK = 'Europe/London';

export function registerOrganiserRoutes(server: restify.Server, deps: OrganiserRouteDeps): void {
  const log = deps.logger.child({ area: 'organiser-api' });
  const gate = makeGate(deps.access, log, 'Sign in through Microsoft Teams to use the app.');

  /** Runs `work` for an organiser; 401 for no sign-in, 403 for anyone else. */
  const organiser =
    (what: string, work: (req: restify.Request, res: restify.Response, caller: Caller) => Promise<void>) =>
    async (req: restify.Request, res: restify.Response): Promise<void> => {
      try {
        const caller = await gate(req, res);
        if (!caller) return;
        if (!isOrganiser(caller)) {
          log.info({ route: req.getRoute()?.path }, 'organiser route refused: no Organiser role');
          return sendJson(res, 403, {
            error: 'forbidden',
            message: 'Only the organisers of the weeks of action can do this. Ask your Teams administrator if you should be one.',
          });
        }
        await work(req, res, caller);
      } catch (error) {
        sendFailure(res, log, error, what);
      }
    };

  server.get('/api/me', async (req: restify.Request, res: restify.Response) => {
    try {
      const caller = await gate(req, res);
      if (!caller) return;
      sendJson(res, 200, { name: caller.local ? 'Local organiser' : caller.name, organiser: isOrganiser(caller) });
    } catch (error) {
      sendFailure(res, log, error, 'who-am-I request');
    }
  });

  server.put(
    CATALOG_ROUTE,
    organiser('catalog publish', async (req, res, caller) => {
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain'].includes(type)) {
        return sendJson(res, 415, { error: 'unsupported_media_type', message: 'Send the catalog as YAML (Content-Type: application/yaml).' });
      }
      const yaml = typeof req.body === 'string' ? req.body : Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      if (yaml.trim() === '')
        return sendJson(res, 422, invalid([{ line: 1, column: 1, path: '', message: 'the file is empty', text: 'catalog.yaml:1:1: the file is empty' }]));
      const options = publishOptions(req);
      if (!options.ok) return sendJson(res, 400, { error: 'bad_request', message: options.message });
      const fileName = safeFileName(String(req.headers['x-file-name'] ?? 'catalog.yaml'));
      const outcome = await deps.publisher.publish({
        yaml,
        fileName,
        source: 'upload',
        by: actorName(caller),
        dryRun: options.dryRun,
        ...(options.baseVersion !== undefined ? { baseVersion: options.baseVersion } : {}),
      });
      answerPublish(res, outcome, options.dryRun);
    }),
  );

  server.post(
    '/api/organiser/edits',
    organiser('quick edit', async (req, res, caller) => {
      const options = publishOptions(req);
      if (!options.ok) return sendJson(res, 400, { error: 'bad_request', message: options.message });
      const read = readEdit(isJson(req) ? req.body : undefined);
      if (!read.ok) return sendJson(res, 422, invalid(read.problems, 'That change could not be made.'));
      const latest = await catalogVersions.latest(deps.db);
      const published = latest && (await catalogVersions.yaml(deps.db, latest.version));
      if (!latest || !published) return sendJson(res, 409, { error: 'conflict', message: 'No catalog has been published yet.', currentVersion: 0 });
      if (options.baseVersion !== undefined && options.baseVersion !== latest.version) return sendJson(res, 409, conflict(latest.version));
      const edited = applyEdit(published.yaml, read.edit, { now: deps.clock.now(), timeZone: latest.time_zone, by: actorName(caller) });
      if (!edited.ok) return sendJson(res, 422, invalid(edited.problems, 'That change could not be made.'));
      const outcome = await deps.publisher.publish({
        yaml: edited.yaml,
        fileName: published.file_name ?? 'catalog.yaml',
        source: 'edit',
        by: actorName(caller),
        dryRun: options.dryRun,
        baseVersion: latest.version,
        withdrawnMessages: edited.withdrawnMessages,
      });
      // The edited file failed the catalog's own checks (a move into the repeated clocks-back hour, ...): say it in the form's terms.
      if (outcome.kind === 'invalid') {
        return sendJson(
          res,
          422,
          invalid(
            outcome.problems.map((p) => ({ ...p, line: 0, column: 0, path: fieldFor(read.edit.kind, p.path), text: p.message })),
            'That change could not be made.',
          ),
        );
      }
      answerPublish(res, outcome, options.dryRun);
    }),
  );

  server.get(
    CATALOG_ROUTE,
    organiser('catalog download', async (_req, res, caller) => {
      const latest = await catalogVersions.latest(deps.db);
      const published = latest && (await catalogVersions.yaml(deps.db, latest.version));
      if (!latest || !published) return sendJson(res, 404, { error: 'not_found', message: 'No catalog has been published yet.' });
      await audit(deps.db, { at: deps.clock.now(), actor: actorName(caller), action: 'catalog.download', detail: { version: latest.version } });
      sendYaml(res, latest.version, published.yaml);
    }),
  );

  server.get(
    '/api/organiser/versions',
    organiser('version history', async (_req, res) => {
      const rows = await catalogVersions.list(deps.db);
      sendJson(res, 200, {
        current: rows[0]?.version ?? 0,
        versions: rows.map((r) => ({
          version: r.version,
          publishedAt: new Date(r.published_at).toISOString(),
          publishedBy: r.published_by,
          source: r.source,
          summary: typeof r.summary?.text === 'string' ? r.summary.text : '',
        })),
      });
    }),
  );

  server.get(
    '/api/organiser/versions/:n/catalog',
    organiser('version download', async (req, res, caller) => {
      const n = Number(req.params?.n);
      const found = Number.isSafeInteger(n) && n > 0 ? await catalogVersions.yaml(deps.db, n) : undefined;
      if (!found) return sendJson(res, 404, { error: 'not_found', message: 'There is no such catalog version.' });
      await audit(deps.db, { at: deps.clock.now(), actor: actorName(caller), action: 'catalog.download', detail: { version: n } });
      sendYaml(res, n, found.yaml);
    }),
  );

  server.get(
    '/api/organiser/sessions',
    organiser('session list', async (_req, res) => {
      const programme = deps.programme();
      const counts = await registrations.counts(
        deps.db,
        programme.catalog.sessions.map((s) => s.id),
      );
      sendJson(res, 200, {
        version: programme.version,
        sessions: programme.catalog.sessions.map((s) => sessionJson(programme, s, counts.get(s.id), deps.clock.now())),
      });
    }),
  );

  server.get(
    '/api/organiser/sessions/:id/registrations',
    organiser('registrations', async (req, res, caller) => {
      const programme = deps.programme();
      const session = programme.sessions.get(String(req.params?.id ?? ''));
      if (!session) return sendJson(res, 404, { error: 'not_found', message: 'That session is not in the programme.' });
      const rows = await registrations.of(deps.db, [session.id]);
      const counts = await registrations.counts(deps.db, [session.id]);
      await audit(deps.db, { at: deps.clock.now(), actor: actorName(caller), action: 'registrations.view', detail: { session: session.id } });
      sendJson(res, 200, { session: sessionJson(programme, session, counts.get(session.id), deps.clock.now()), registrations: rows.map(registrationJson) });
    }),
  );

  server.get(
    '/api/organiser/registrations.csv',
    organiser('registrations export', async (req, res, caller) => {
      const programme = deps.programme();
      const only = typeof req.query?.session === 'string' && req.query.session ? req.query.session : undefined;
      if (only && !programme.sessions.get(only)) return sendJson(res, 404, { error: 'not_found', message: 'That session is not in the programme.' });
      const sessions = only ? [programme.sessions.get(only)!] : programme.catalog.sessions;
      const rows = await registrations.of(
        deps.db,
        sessions.map((s) => s.id),
      );
      const byId = new Map(sessions.map((s) => [s.id, s]));
      const csv = csvDocument(
        ['Session ID', 'Session', 'Starts (UK time)', 'Name', 'Email', 'Organisation', 'State', 'Waitlist position', 'Booked at (UK time)'],
        rows.map((r) => {
          const s = byId.get(r.sessionId)!;
          return [
            s.id,
            s.title,
            ukTime(s.startsAt),
            r.name ?? '',
            r.email ?? '',
            r.organisation ?? '',
            r.state,
            r.position === undefined ? '' : String(r.position),
            ukTime(r.bookedAt),
          ];
        }),
      );
      await audit(deps.db, {
        at: deps.clock.now(),
        actor: actorName(caller),
        action: 'registrations.export',
        detail: { session: only ?? 'all', rows: rows.length },
      });
      const stamp = DateTime.fromJSDate(deps.clock.now(), { zone: UK }).toFormat('yyyy-MM-dd');
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="registrations-${only ? safeFileName(only).replace(/\.yaml$/, '') : 'all'}-${stamp}.csv"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(csv);
    }),
  );
}

function answerPublish(res: restify.Response, outcome: PublishOutcome, dryRun: boolean): void {
  switch (outcome.kind) {
    case 'invalid':
      return sendJson(res, 422, invalid(outcome.problems));
    case 'conflict':
      return sendJson(res, 409, conflict(outcome.currentVersion));
    default:
      return sendJson(res, 200, { dryRun, version: outcome.version, baseVersion: outcome.baseVersion, summary: outcome.summary });
  }
}

function invalid(problems: unknown[], message = 'The catalog was not published: fix the problems listed and try again.') {
  return { error: 'invalid_catalog', message, problems };
}

function conflict(currentVersion: number) {
  return { error: 'conflict', message: 'Someone else published a change first. Check the preview again, then publish.', currentVersion };
}

function publishOptions(req: restify.Request): { ok: true; dryRun: boolean; baseVersion?: number } | { ok: false; message: string } {
  const q = (req.query ?? {}) as Record<string, unknown>;
  const dry = q.dryRun;
  if (dry !== undefined && dry !== 'true' && dry !== 'false' && dry !== '1' && dry !== '0') return { ok: false, message: 'dryRun must be true or false.' };
  const base = q.baseVersion;
  if (base === undefined || base === '') return { ok: true, dryRun: dry === 'true' || dry === '1' };
  const n = Number(base);
  if (typeof base !== 'string' || !/^\d{1,9}$/.test(base)) return { ok: false, message: 'baseVersion must be a version number.' };
  return { ok: true, dryRun: dry === 'true' || dry === '1', baseVersion: n };
}

function isJson(req: restify.Request): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json') && typeof req.body === 'object' && req.body !== null;
}

/** A catalog problem from an edited file, as the form field it came from. */
function fieldFor(kind: string, path: string): string {
  if (kind === 'move') return /\.ends$/.test(path) ? 'end' : 'start';
  if (kind === 'recording')
    return /\.url$/.test(path)
      ? 'url'
      : /\.title$/.test(path)
        ? 'title'
        : /\.duration$/.test(path)
          ? 'durationMinutes'
          : /\.postedAt$/.test(path)
            ? 'postedOn'
            : 'sessionId';
  if (kind === 'capacity') return 'capacity';
  return 'sessionId';
}

function sendYaml(res: restify.Response, version: number, yaml: string): void {
  res.writeHead(200, {
    'content-type': 'text/yaml; charset=utf-8',
    'content-disposition': `attachment; filename="catalog-v${version}.yaml"`,
    'x-catalog-version': String(version),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(yaml);
}

function sessionJson(programme: Programme, s: Session, counts: { booked: number; waitlisted: number } | undefined, now: Date) {
  const campaign = s.campaignId ? programme.catalog.campaigns.find((c) => c.id === s.campaignId) : undefined;
  const recording = programme.sessions.recordingFor(s.id, now) ?? programme.catalog.recordings.find((r) => r.sessionId === s.id);
  return {
    id: s.id,
    title: s.title,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    capacity: s.capacity ?? null,
    booked: counts?.booked ?? 0,
    waitlisted: counts?.waitlisted ?? 0,
    ...(campaign ? { campaignId: campaign.id, campaignTitle: campaign.title } : {}),
    ...(recording ? { recording: { id: recording.id, title: recording.title, url: recording.url, postedOn: recording.postedOn } } : {}),
  };
}

function registrationJson(r: Registration) {
  return {
    name: r.name,
    email: r.email,
    organisation: r.organisation,
    bookedAt: r.bookedAt.toISOString(),
    state: r.state,
    ...(r.position !== undefined ? { position: r.position } : {}),
  };
}

function ukTime(at: Date): string {
  return DateTime.fromJSDate(at, { zone: UK }).toFormat('yyyy-MM-dd HH:mm');
}

function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 100) || 'catalog.yaml';
}
