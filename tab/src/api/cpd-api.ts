/**
 * The tab's client for the CPD record API (/api/cpd): the officer's record, their reflections,
 * and the CSV and PDF downloads. In Teams the SSO token says whose record it is; in local mode
 * the `officer` setting from the page's address does.
 */
import type { CpdApiError, CpdEntryJson, CpdRecordJson } from '../../../bot/src/cpd/wire.js';
import { MAX_REFLECTION_CHARS } from '../../../bot/src/cpd/wire.js';

export type { CpdEntryJson as CpdEntry, CpdRecordJson as CpdRecord };
export { MAX_REFLECTION_CHARS };

export interface Download {
  blob: Blob;
  fileName: string;
}

export type CpdFailureKind = 'unauthorised' | 'forbidden' | 'not-found' | 'invalid' | 'bad-request' | 'server' | 'network';

export class CpdFailure extends Error {
  constructor(
    readonly kind: CpdFailureKind,
    message: string,
    /** A refused reflection: the text to put back in the box. */
    readonly keep?: string,
  ) {
    super(message);
    this.name = 'CpdFailure';
  }
}

export class CpdApi {
  constructor(
    private readonly token: () => Promise<string | undefined>,
    private readonly officerId: string | undefined,
    private readonly base = '/api/cpd',
  ) {}

  record(offset: number, limit: number, signal?: AbortSignal): Promise<CpdRecordJson> {
    return this.json<CpdRecordJson>('GET', '', { offset: String(offset), limit: String(limit) }, undefined, signal);
  }

  saveReflection(entryId: number, reflection: string): Promise<CpdEntryJson> {
    return this.json<CpdEntryJson>('PUT', `/entries/${entryId}/reflection`, {}, { reflection });
  }

  csv(): Promise<Download> {
    return this.download('/record.csv');
  }

  pdf(): Promise<Download> {
    return this.download('/record.pdf');
  }

  private url(path: string, params: Record<string, string>): string {
    const query = new URLSearchParams(params);
    if (this.officerId) query.set('officer', this.officerId);
    const text = query.toString();
    return `${this.base}${path}${text ? `?${text}` : ''}`;
  }

  private async send(method: string, path: string, params: Record<string, string>, body?: unknown, signal?: AbortSignal): Promise<Response> {
    const token = await this.token();
    let response: Response;
    try {
      response = await fetch(this.url(path, params), {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new CpdFailure('network', 'No connection to the CPD record service.');
    }
    if (response.ok) return response;
    const answer = (await response.json().catch(() => undefined)) as (CpdApiError & { keep?: string }) | undefined;
    const kind: CpdFailureKind =
      response.status === 401
        ? 'unauthorised'
        : response.status === 403
          ? 'forbidden'
          : response.status === 404
            ? 'not-found'
            : response.status === 422
              ? 'invalid'
              : response.status === 400
                ? 'bad-request'
                : 'server';
    throw new CpdFailure(kind, answer?.message ?? `The CPD record service answered ${response.status}.`, answer?.keep);
  }

  private async json<T>(method: string, path: string, params: Record<string, string>, body?: unknown, signal?: AbortSignal): Promise<T> {
    return (await (await this.send(method, path, params, body, signal)).json()) as T;
  }

  private async download(path: string): Promise<Download> {
    const response = await this.send('GET', path, {});
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? path.slice(1);
    return { blob: await response.blob(), fileName };
  }
}

/** Any error as a CpdFailure (a bug shows as the server kind, in words). */
export function asCpdFailure(error: unknown): CpdFailure {
  return error instanceof CpdFailure ? error : new CpdFailure('server', 'Something went wrong. Please try again.');
}
