/**
 * The tab's client for the organiser API (docs/organiser-api.md): who is asking, publishing a
 * catalog or a quick edit (previewed first), registrations, history and the downloads. Failures
 * are sorted into what the Organise view shows; a refused catalog or edit keeps its problems, a
 * lost race keeps the version that won it.
 */

import type {
  Me,
  Problem,
  Slot,
  ChangeSummary,
  Publication,
  QuickEdit,
  OrganiserSession,
  SessionList,
  SessionRegistrations,
  VersionSource,
  CatalogVersion,
  VersionList,
  RegistrationJson as Registration,
} from '../../../bot/src/organise/wire.js';

export type {
  Me,
  Problem,
  Slot,
  ChangeSummary,
  Publication,
  QuickEdit,
  OrganiserSession,
  SessionList,
  SessionRegistrations,
  VersionSource,
  CatalogVersion,
  VersionList,
  Registration,
};

export interface Download {
  blob: Blob;
  fileName: string;
}

export type FailureKind = 'unauthorised' | 'forbidden' | 'not-found' | 'invalid' | 'conflict' | 'too-large' | 'bad-request' | 'server' | 'network';

export class OrganiserFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly details: { problems?: Problem[]; currentVersion?: number } = {},
  ) {
    super(message);
    this.name = 'OrganiserFailure';
  }

  get problems(): Problem[] {
    return this.details.problems ?? [];
  }
}

/** The catalog size the server accepts (a larger body is refused with 413). */
export const maxCatalogBytes = 2 * 1024 * 1024;

export class OrganiserApi {
  constructor(
    private readonly token: () => Promise<string | undefined>,
    private readonly base = '/api',
  ) {}

  me(signal?: AbortSignal): Promise<Me> {
    return this.json<Me>('GET', '/me', undefined, signal);
  }

  /** Checks a catalog file against the current one (dry run) or publishes it on top of `baseVersion`. */
  putCatalog(yaml: string, options: { dryRun: boolean; baseVersion?: number }): Promise<Publication> {
    return this.json<Publication>('PUT', `/organiser/catalog${query(options)}`, { type: 'application/yaml', body: yaml });
  }

  edit(edit: QuickEdit, options: { dryRun: boolean; baseVersion?: number }): Promise<Publication> {
    return this.json<Publication>('POST', `/organiser/edits${query(options)}`, { type: 'application/json', body: JSON.stringify(edit) });
  }

  sessions(signal?: AbortSignal): Promise<SessionList> {
    return this.json<SessionList>('GET', '/organiser/sessions', undefined, signal);
  }

  registrations(sessionId: string, signal?: AbortSignal): Promise<SessionRegistrations> {
    return this.json<SessionRegistrations>('GET', `/organiser/sessions/${encodeURIComponent(sessionId)}/registrations`, undefined, signal);
  }

  versions(signal?: AbortSignal): Promise<VersionList> {
    return this.json<VersionList>('GET', '/organiser/versions', undefined, signal);
  }

  /** The registrations as CSV: every session's, or one session's. */
  registrationsCsv(sessionId?: string): Promise<Download> {
    const params = sessionId ? `?${new URLSearchParams({ session: sessionId })}` : '';
    return this.download(`/organiser/registrations.csv${params}`, sessionId ? `registrations-${sessionId}.csv` : 'registrations.csv');
  }

  /** A catalog's YAML: the current one, or a version from the history. */
  catalogYaml(version?: number): Promise<Download> {
    return version === undefined
      ? this.download('/organiser/catalog', 'catalog.yaml')
      : this.download(`/organiser/versions/${version}/catalog`, `catalog-v${version}.yaml`);
  }

  /** Downloads carry the SSO token like every other call, so they are fetched, not navigated to. */
  private async download(path: string, fallbackName: string): Promise<Download> {
    const response = await this.send('GET', path);
    if (!response.ok) throw await failureOf(response);
    const blob = await response.blob();
    return { blob, fileName: fileNameOf(response.headers.get('content-disposition')) ?? fallbackName };
  }

  private async json<T>(method: string, path: string, body?: { type: string; body: string }, signal?: AbortSignal): Promise<T> {
    const response = await this.send(method, path, body, signal);
    if (!response.ok) throw await failureOf(response);
    return (await response.json()) as T;
  }

  private async send(method: string, path: string, body?: { type: string; body: string }, signal?: AbortSignal): Promise<Response> {
    const token = await this.token();
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body) headers['content-type'] = body.type;
    try {
      return await fetch(`${this.base}${path}`, { method, headers, ...(body ? { body: body.body } : {}), ...(signal ? { signal } : {}) });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new OrganiserFailure('network', 'No connection to the CPD sessions service.');
    }
  }
}

function query(options: { dryRun: boolean; baseVersion?: number }): string {
  const params = new URLSearchParams();
  if (options.dryRun) params.set('dryRun', 'true');
  if (options.baseVersion !== undefined) params.set('baseVersion', String(options.baseVersion));
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function failureOf(response: Response): Promise<OrganiserFailure> {
  const body = (await response.json().catch(() => undefined)) as
    { error?: string; message?: string; problems?: Problem[]; currentVersion?: number } | undefined;
  const message = body?.message ?? `The CPD sessions service answered ${response.status}.`;
  switch (response.status) {
    case 401:
      return new OrganiserFailure('unauthorised', message);
    case 403:
      return new OrganiserFailure('forbidden', message);
    case 404:
      return new OrganiserFailure('not-found', message);
    case 409:
      return new OrganiserFailure('conflict', message, body?.currentVersion !== undefined ? { currentVersion: body.currentVersion } : {});
    case 413:
      return new OrganiserFailure('too-large', message);
    case 422:
      return new OrganiserFailure('invalid', message, { problems: Array.isArray(body?.problems) ? body.problems : [] });
    default:
      return new OrganiserFailure(response.status >= 400 && response.status < 500 ? 'bad-request' : 'server', message);
  }
}

/** The file name a Content-Disposition header gives (RFC 6266: `filename*` wins over `filename`). */
export function fileNameOf(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2]) {
    try {
      return safeName(decodeURIComponent(extended[2].trim().replace(/^"|"$/g, '')));
    } catch {
      // Badly encoded: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim();
  return name ? safeName(name) : undefined;
}

function safeName(name: string): string | undefined {
  const base = name.split(/[\\/]/).pop()?.trim();
  return base ? base : undefined;
}

export function failureOrUnknown(error: unknown): OrganiserFailure {
  return error instanceof OrganiserFailure ? error : new OrganiserFailure('server', 'Something went wrong.');
}
