/**
 * The list's state: asks the API for the first page whenever the search changes (dropping any
 * answer to an older search), and appends the next page on "Show more".
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiFailure, type RecordingPage, type RecordingsApi, type RecordingsRequest } from '../../api/recordings-api.js';

export const pageSize = 50;

export type ListState =
  { status: 'loading' } | { status: 'error'; failure: ApiFailure } | { status: 'ready'; page: RecordingPage; loadingMore: boolean; moreFailed?: ApiFailure };

export function useRecordings(api: RecordingsApi, search: Omit<RecordingsRequest, 'offset' | 'limit'>) {
  const [state, setState] = useState<ListState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const current = useRef<AbortController | undefined>(undefined);
  const { q, campaign, topic, sort } = search;

  useEffect(() => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setState({ status: 'loading' });
    api.list({ q, campaign, topic, sort, offset: 0, limit: pageSize }, controller.signal).then(
      (page) => !controller.signal.aborted && setState({ status: 'ready', page, loadingMore: false }),
      (error: unknown) => !controller.signal.aborted && setState({ status: 'error', failure: asFailure(error) }),
    );
    return () => controller.abort();
  }, [api, q, campaign, topic, sort, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  const showMore = useCallback(() => {
    if (state.status !== 'ready' || state.loadingMore) return;
    const controller = current.current;
    const before = state.page;
    setState({ ...state, loadingMore: true });
    api.list({ q, campaign, topic, sort, offset: before.items.length, limit: pageSize }, controller?.signal).then(
      (next) =>
        !controller?.signal.aborted && setState({ status: 'ready', loadingMore: false, page: { ...next, offset: 0, items: [...before.items, ...next.items] } }),
      (error: unknown) => !controller?.signal.aborted && setState({ status: 'ready', page: before, loadingMore: false, moreFailed: asFailure(error) }),
    );
  }, [api, state, q, campaign, topic, sort]);

  return { state, retry, showMore };
}

function asFailure(error: unknown): ApiFailure {
  return error instanceof ApiFailure ? error : new ApiFailure('server', 'Something went wrong.');
}
