/**
 * One thing the Organise view reads from the API: loads it when `key` changes (a new catalog
 * version, another session), drops the answer to an older request, and reloads on retry.
 */
import { useCallback, useEffect, useState } from 'react';
import { failureOrUnknown, type OrganiserFailure } from '../../api/organiser-api.js';

export type Loaded<T> = { status: 'loading'; previous?: T } | { status: 'error'; failure: OrganiserFailure } | { status: 'ready'; data: T };

export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string): { state: Loaded<T>; retry(): void } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    // What was shown stays on screen while the new answer comes: no flash of a spinner.
    setState((was) => ({
      status: 'loading',
      ...(was.status === 'ready' ? { previous: was.data } : was.status === 'loading' && was.previous !== undefined ? { previous: was.previous } : {}),
    }));
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ status: 'ready', data }),
      (error: unknown) => !controller.signal.aborted && setState({ status: 'error', failure: failureOrUnknown(error) }),
    );
    return () => controller.abort();
    // `load` is rebuilt on every render; `key` says when it asks for something else.
  }, [key, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}

/** The data to show: the answer, or the one before it while a reload is on its way. */
export function shown<T>(state: Loaded<T>): T | undefined {
  return state.status === 'ready' ? state.data : state.status === 'loading' ? state.previous : undefined;
}
