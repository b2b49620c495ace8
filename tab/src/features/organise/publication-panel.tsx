/**
 * The checked change and the way to publish it, shared by the file upload and the quick edits:
 * checking, the preview with Publish, the outcome, and what went wrong. A refused change is shown
 * by the caller (problems in a file, or beside a form's fields).
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, Text } from '@fluentui/react-components';
import { CloudArrowUp20Regular } from '@fluentui/react-icons';
import type { OrganiserFailure } from '../../api/organiser-api.js';
import { SummaryDetails } from './change-summary.js';
import { useSharedStyles } from './shared-styles.js';
import type { Flow } from './use-publication.js';

export interface PublicationPanelProps<R> {
  flow: Flow<R>;
  /** "Checking catalog.yaml…" */
  checkingLabel: string;
  onPublish(): void;
  onRetry(): void;
  /** Start again: another file, or another edit. */
  onDone(): void;
  doneLabel: string;
  /** How a refused change (422) is shown. */
  renderInvalid(failure: OrganiserFailure): ReactNode;
}

export function PublicationPanel<R>({ flow, checkingLabel, onPublish, onRetry, onDone, doneLabel, renderInvalid }: PublicationPanelProps<R>) {
  const shared = useSharedStyles();
  const outcome = useRef<HTMLDivElement>(null);
  const headingId = useId();
  useEffect(() => {
    // The Publish button is gone once published: focus goes to what happened, not to the page's start.
    if (flow.step === 'published') outcome.current?.focus();
  }, [flow.step]);

  return (
    <>
      <div role="status" aria-live="polite" className={shared.visuallyHidden}>
        {announcement(flow)}
      </div>
      {flow.step === 'checking' && (
        <div className={shared.state}>
          {flow.overtakenBy !== undefined && <OvertakenNote version={flow.overtakenBy} />}
          <Spinner size="small" label={checkingLabel} labelPosition="after" />
        </div>
      )}
      {flow.step === 'invalid' && renderInvalid(flow.failure)}
      {flow.step === 'failed' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{flow.publication ? 'Not published.' : "We couldn't check that."}</MessageBarTitle>
            {failureText(flow.failure)}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={flow.publication ? onPublish : onRetry}>Try again</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {(flow.step === 'preview' || flow.step === 'publishing') && (
        <section className={shared.panel} aria-labelledby={headingId} data-testid="preview">
          {flow.step === 'preview' && flow.overtakenBy !== undefined && <OvertakenNote version={flow.overtakenBy} />}
          <div className={shared.sectionHeader}>
            <Text as="h3" id={headingId} size={400} weight="semibold" className={shared.h3}>
              Preview
            </Text>
            <Text size={200} className={shared.muted}>
              Checked against version {flow.publication.version}, the one published now. Nothing has changed yet.
            </Text>
          </div>
          {flow.publication.summary.unchanged ? (
            <MessageBar intent="info">
              <MessageBarBody>Nothing to publish: this is the same as version {flow.publication.version}.</MessageBarBody>
            </MessageBar>
          ) : (
            <>
              <Text size={400} data-testid="summary-text">
                {flow.publication.summary.text}
              </Text>
              <SummaryDetails summary={flow.publication.summary} />
            </>
          )}
          <div className={shared.actions}>
            {!flow.publication.summary.unchanged && (
              <Button appearance="primary" icon={<CloudArrowUp20Regular />} onClick={onPublish} disabledFocusable={flow.step === 'publishing'}>
                {flow.step === 'publishing' ? 'Publishing…' : 'Publish'}
              </Button>
            )}
            <Button onClick={onDone} disabled={flow.step === 'publishing'}>
              {flow.publication.summary.unchanged ? doneLabel : 'Discard'}
            </Button>
          </div>
        </section>
      )}
      {flow.step === 'published' && (
        <div ref={outcome} tabIndex={-1} data-testid="published" style={{ outline: 'none' }}>
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>
                {flow.publication.summary.unchanged
                  ? `Nothing changed: version ${flow.publication.version} is still current.`
                  : `Published version ${flow.publication.version}.`}
              </MessageBarTitle>
              {flow.publication.summary.text}
            </MessageBarBody>
            <MessageBarActions>
              <Button onClick={onDone}>{doneLabel}</Button>
            </MessageBarActions>
          </MessageBar>
        </div>
      )}
    </>
  );
}

function OvertakenNote({ version }: { version: number }) {
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Someone else published first.</MessageBarTitle>
        Version {version} was published while you were checking yours, so nothing of yours was published. This preview is against their version: check it again,
        then publish.
      </MessageBarBody>
    </MessageBar>
  );
}

function announcement<R>(flow: Flow<R>): string {
  switch (flow.step) {
    case 'checking':
      return 'Checking…';
    case 'invalid':
      return `Not published: ${flow.failure.problems.length === 1 ? '1 problem' : `${flow.failure.problems.length} problems`} to fix.`;
    case 'preview':
      return flow.publication.summary.unchanged ? 'Nothing to publish.' : `Preview ready: ${flow.publication.summary.text}`;
    case 'publishing':
      return 'Publishing…';
    case 'published':
      return `Published version ${flow.publication.version}.`;
    case 'failed':
      return failureText(flow.failure);
    default:
      return '';
  }
}

export function failureText(failure: OrganiserFailure): string {
  switch (failure.kind) {
    case 'network':
      return "We couldn't reach the CPD sessions service. Check your connection, then try again.";
    case 'unauthorised':
      return 'You need to be signed in through Teams. Open this tab from Microsoft Teams, then try again.';
    case 'forbidden':
      return 'Only organisers can do this. Ask the events team to give you the Organiser role.';
    case 'too-large':
      return 'The file is larger than 2 MB, the most the service accepts.';
    default:
      return failure.message || 'Something went wrong on our side. Please try again in a moment.';
  }
}
