/**
 * The tab's client for /api/recordings. Failures are sorted into what the page shows: signed
 * out, a request we got wrong, the server unwell, or no connection.
 */
import type { ApiError, RecordingItem, RecordingPage, RecordingSort } from '../../../bot/src/recordings/wire.js';

export type { RecordingItem, RecordingPage, RecordingSort };

export interface RecordingsRequest {
  q: string;
  campaign: string;
  topic: string;
  sort: RecordingSort;
  offset: number;
  limit: number;
}

export class ApiFailure extends Error {
  constructor(
    readonly kind: 'unauthorised' | 'not-found' | 'bad-request' | 'server' | 'network',
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export class RecordingsApi {
  constructor(
    private readonly token: () => Promise<string | undefined>,
    private readonly base = '/api/recordings',
  ) {}

  list(request: RecordingsRequest, signal?: AbortSignal): Promise<RecordingPage> {
    const params = new URLSearchParams({ sort: request.sort, offset: String(request.offset), limit: String(request.limit) });
    if (request.q.trim()) params.set('q', request.q.trim());
    if (request.campaign) params.set('campaign', request.campaign);
    if (request.topic) params.set('topic', request.topic);
    return this.get<RecordingPage>(`${this.base}?${params}`, signal);
  }

  one(id: string, signal?: AbortSignal): Promise<RecordingItem> {
    return this.get<RecordingItem>(`${this.base}/${encodeURIComponent(id)}`, signal);
  }

  private async get<T>(url: string, signal?: AbortSignal): Promise<T> {
    const token = await this.token();
    let response: Response;
    try {
      response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {}, ...(signal ? { signal } : {}) });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiFailure('network', 'No connection to the recordings service.');
    }
    if (response.ok) return (await response.json()) as T;
    const body = (await response.json().catch(() => undefined)) as ApiError | undefined;
    const kind = response.status === 401 ? 'unauthorised' : response.status === 404 ? 'not-found' : response.status === 400 ? 'bad-request' : 'server';
    throw new ApiFailure(kind, body?.message ?? `The recordings service answered ${response.status}.`);
  }
}
