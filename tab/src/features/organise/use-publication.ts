/**
 * Publishing, as the organiser sees it: check first (a dry run that shows every problem or what
 * would change), then publish exactly what was previewed on top of the version previewed. When
 * someone else published in between (409), it says so and previews again against theirs.
 */
import { useCallback, useRef, useState } from 'react';
import { failureOrUnknown, type OrganiserFailure, type Publication } from '../../api/organiser-api.js';

export type Flow<R> =
  | { step: 'idle' }
  | { step: 'checking'; request: R; overtakenBy?: number }
  | { step: 'invalid'; request: R; failure: OrganiserFailure }
  | { step: 'preview'; request: R; publication: Publication; overtakenBy?: number }
  | { step: 'publishing'; request: R; publication: Publication }
  | { step: 'published'; request: R; publication: Publication }
  | { step: 'failed'; request: R; failure: OrganiserFailure; publication?: Publication };

export type Send<R> = (request: R, options: { dryRun: boolean; baseVersion?: number }) => Promise<Publication>;

export interface PublicationControls<R> {
  flow: Flow<R>;
  /** Checks `request` against the current catalog; nothing changes. */
  preview(request: R): void;
  /** Publishes the previewed request on top of the previewed version. */
  publish(): void;
  /** Forgets the preview (the form changed, or another file is coming). */
  reset(): void;
}

export function usePublication<R>(send: Send<R>, onPublished: (publication: Publication) => void): PublicationControls<R> {
  const [flow, setFlowState] = useState<Flow<R>>({ step: 'idle' });
  const flowRef = useRef(flow);
  const setFlow = useCallback((next: Flow<R>) => {
    flowRef.current = next;
    setFlowState(next);
  }, []);
  // Only the latest operation may change what is shown: a slow answer to an older one is dropped.
  const latest = useRef(0);
  const sendRef = useRef(send);
  sendRef.current = send;
  const publishedRef = useRef(onPublished);
  publishedRef.current = onPublished;

  const check = useCallback(
    (request: R, overtakenBy?: number) => {
      const id = ++latest.current;
      setFlow({ step: 'checking', request, ...(overtakenBy !== undefined ? { overtakenBy } : {}) });
      sendRef.current(request, { dryRun: true }).then(
        (publication) => id === latest.current && setFlow({ step: 'preview', request, publication, ...(overtakenBy !== undefined ? { overtakenBy } : {}) }),
        (error: unknown) => {
          if (id !== latest.current) return;
          const failure = failureOrUnknown(error);
          setFlow(failure.kind === 'invalid' ? { step: 'invalid', request, failure } : { step: 'failed', request, failure });
        },
      );
    },
    [setFlow],
  );

  const preview = useCallback((request: R) => check(request), [check]);

  const publish = useCallback(() => {
    const current = flowRef.current;
    const previewed = current.step === 'preview' || current.step === 'failed' ? current.publication : undefined;
    if (!previewed || current.step === 'idle') return;
    const { request } = current;
    const id = ++latest.current;
    setFlow({ step: 'publishing', request, publication: previewed });
    sendRef.current(request, { dryRun: false, baseVersion: previewed.version }).then(
      (publication) => {
        if (id !== latest.current) return;
        setFlow({ step: 'published', request, publication });
        publishedRef.current(publication);
      },
      (error: unknown) => {
        if (id !== latest.current) return;
        const failure = failureOrUnknown(error);
        if (failure.kind === 'conflict') check(request, failure.details.currentVersion ?? previewed.version + 1);
        else if (failure.kind === 'invalid') setFlow({ step: 'invalid', request, failure });
        else setFlow({ step: 'failed', request, failure, publication: previewed });
      },
    );
  }, [check, setFlow]);

  const reset = useCallback(() => {
    latest.current += 1;
    setFlow({ step: 'idle' });
  }, [setFlow]);

  return { flow, preview, publish, reset };
}
