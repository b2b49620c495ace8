/**
 * My CPD: the officer's own record of the sessions they attended and the recordings they
 * watched, the hours this year and in the last 12 months, their reflection on each, and the
 * record to take away: a CSV of every entry, or a one-page PDF for a development review.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import {
  Badge,
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { DocumentPdf20Regular, Edit16Regular, Table20Regular } from '@fluentui/react-icons';
import { asCpdFailure, MAX_REFLECTION_CHARS, type CpdApi, type CpdEntry, type CpdFailure, type CpdRecord, type Download } from '../../api/cpd-api.js';
import { dayText, durationText, kindText } from '../../../../bot/src/cpd/format.js';
import { saveDownload } from '../organise/use-download.js';
import { usePageStyles } from '../../ui/page-styles.js';

/** Entries loaded at a time; "Show more" loads the next. */
const PAGE = 50;

const useStyles = makeStyles({
  totals: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(12rem, 1fr))',
    gap: tokens.spacingHorizontalM,
    margin: 0,
  },
  total: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground3,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  totalLabel: { color: tokens.colorNeutralForeground2, margin: 0 },
  totalValue: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  entry: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalM },
  },
  title: { margin: 0, overflowWrap: 'anywhere' },
  line: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS },
  muted: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  reflection: {
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorBrandStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  editor: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  textarea: { width: '100%' },
  editorActions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  state: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalS, padding: `${tokens.spacingVerticalL} 0` },
  more: { display: 'flex', justifyContent: 'center', padding: tokens.spacingVerticalM },
});

type Loaded = { status: 'loading' } | { status: 'error'; failure: CpdFailure } | { status: 'ready'; record: CpdRecord };

export function CpdPage({ api }: { api: CpdApi }) {
  const styles = useStyles();
  const page = usePageStyles();
  const [state, setState] = useState<Loaded>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreFailed, setMoreFailed] = useState<CpdFailure>();
  const [download, setDownload] = useState<{ busy?: 'csv' | 'pdf'; failure?: CpdFailure }>({});

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    api.record(0, PAGE, controller.signal).then(
      (record) => !controller.signal.aborted && setState({ status: 'ready', record }),
      (error: unknown) => !controller.signal.aborted && setState({ status: 'error', failure: asCpdFailure(error) }),
    );
    return () => controller.abort();
  }, [api, attempt]);

  const showMore = () => {
    if (state.status !== 'ready') return;
    setLoadingMore(true);
    setMoreFailed(undefined);
    api
      .record(state.record.items.length, PAGE)
      .then(
        (next) =>
          setState((was) => (was.status === 'ready' ? { status: 'ready', record: { ...next, offset: 0, items: [...was.record.items, ...next.items] } } : was)),
        (error: unknown) => setMoreFailed(asCpdFailure(error)),
      )
      .finally(() => setLoadingMore(false));
  };

  const saved = useCallback((entry: CpdEntry) => {
    setState((was) =>
      was.status === 'ready' ? { status: 'ready', record: { ...was.record, items: was.record.items.map((e) => (e.id === entry.id ? entry : e)) } } : was,
    );
  }, []);

  const fetchFile = (kind: 'csv' | 'pdf', get: () => Promise<Download>) => {
    setDownload({ busy: kind });
    get().then(
      (file) => {
        saveDownload(file);
        setDownload({});
      },
      (error: unknown) => setDownload({ failure: asCpdFailure(error) }),
    );
  };

  const record = state.status === 'ready' ? state.record : undefined;
  return (
    <main className={page.page}>
      <header className={page.header}>
        <Text as="h1" size={600} weight="semibold" className={page.h1}>
          My CPD
        </Text>
        <Text>
          The sessions you attended and the recordings you watched in the weeks of action, with your own reflections. Only you can see your record; it is not
          shared with the organisers. Dates are UK time.
        </Text>
      </header>

      {state.status === 'loading' && (
        <div className={styles.state}>
          <Spinner label="Loading your CPD record…" />
        </div>
      )}

      {state.status === 'error' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{failureTitle(state.failure)}</MessageBarTitle>
            {failureAdvice(state.failure)}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => setAttempt((n) => n + 1)}>Retry</Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {record && (
        <>
          <section aria-labelledby="cpd-totals-heading">
            <Text as="h2" id="cpd-totals-heading" size={400} weight="semibold" className={styles.title} style={{ marginBottom: tokens.spacingVerticalS }}>
              Your hours
            </Text>
            <dl className={styles.totals} data-testid="cpd-totals">
              <div className={styles.total}>
                <dt className={styles.totalLabel}>This year ({record.totals.year})</dt>
                <dd className={styles.totalValue}>{durationText(record.totals.thisYearMinutes)}</dd>
              </div>
              <div className={styles.total}>
                <dt className={styles.totalLabel}>Last 12 months</dt>
                <dd className={styles.totalValue}>{durationText(record.totals.last12MonthsMinutes)}</dd>
              </div>
              <div className={styles.total}>
                <dt className={styles.totalLabel}>{record.total === 1 ? 'Entry' : 'Entries'} in your record</dt>
                <dd className={styles.totalValue}>{record.total.toLocaleString('en-GB')}</dd>
              </div>
            </dl>
          </section>

          <div className={styles.toolbar}>
            <Text as="h2" size={400} weight="semibold" className={styles.title} id="cpd-entries-heading">
              Sessions
            </Text>
            <div className={styles.actions}>
              <Button icon={<Table20Regular />} onClick={() => fetchFile('csv', () => api.csv())} disabledFocusable={download.busy === 'csv'}>
                {download.busy === 'csv' ? 'Downloading…' : 'Download CSV'}
              </Button>
              <Button icon={<DocumentPdf20Regular />} onClick={() => fetchFile('pdf', () => api.pdf())} disabledFocusable={download.busy === 'pdf'}>
                {download.busy === 'pdf' ? 'Downloading…' : 'Download PDF summary'}
              </Button>
            </div>
          </div>
          {download.failure && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>The download did not work. {download.failure.message}</MessageBarBody>
            </MessageBar>
          )}

          {record.total === 0 ? (
            <div className={styles.state} data-testid="cpd-empty">
              <Text weight="semibold">Nothing here yet, and that’s fine: your record fills up as you go.</Text>
              <Text>
                After each session you book, the bot asks whether you attended: answer Yes and the session appears here with its length. Watched a recording
                instead? Press “Add to my CPD record” under it in the bot’s message.
              </Text>
            </div>
          ) : (
            <ul className={styles.list} aria-labelledby="cpd-entries-heading" data-testid="cpd-entries">
              {record.items.map((entry) => (
                <li key={entry.id}>
                  <EntryCard entry={entry} api={api} onSaved={saved} />
                </li>
              ))}
            </ul>
          )}
          {moreFailed && (
            <MessageBar intent="error">
              <MessageBarBody>{failureTitle(moreFailed)}</MessageBarBody>
            </MessageBar>
          )}
          {record.items.length < record.total && (
            <div className={styles.more}>
              <Button onClick={showMore} disabledFocusable={loadingMore}>
                {loadingMore ? 'Loading…' : `Show more (${record.items.length.toLocaleString('en-GB')} of ${record.total.toLocaleString('en-GB')} shown)`}
              </Button>
            </div>
          )}
        </>
      )}
    </main>
  );
}

/** One entry: the session, when, how long, how, and the officer's reflection (added or edited in place). */
function EntryCard({ entry, api, onSaved }: { entry: CpdEntry; api: CpdApi; onSaved(entry: CpdEntry): void }) {
  const styles = useStyles();
  const id = useId();
  const titleId = `${id}-title`;
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const finish = (next?: CpdEntry) => {
    if (next) onSaved(next);
    setEditing(false);
    // Back to the button that opened the editor, so keyboard users keep their place.
    requestAnimationFrame(() => editButton.current?.focus());
  };
  return (
    <article className={styles.entry} aria-labelledby={titleId} data-entry-id={entry.id}>
      <Text as="h3" id={titleId} size={400} weight="semibold" className={styles.title}>
        {entry.title}
      </Text>
      <div className={styles.line}>
        <Text weight="semibold">{dayText(new Date(entry.occurredAt))}</Text>
        <Text aria-hidden>·</Text>
        <Text>{durationText(entry.minutes)}</Text>
        <Badge appearance="tint" color={entry.kind === 'attended' ? 'success' : 'informative'}>
          {kindText(entry.kind)}
        </Badge>
      </div>
      {entry.campaignTitle && (
        <Text size={200} className={styles.muted}>
          {entry.campaignTitle}
        </Text>
      )}
      {editing ? (
        <ReflectionEditor entry={entry} api={api} onDone={finish} />
      ) : (
        <>
          {entry.reflection ? (
            <blockquote className={styles.reflection} aria-label={`Your reflection on ${entry.title}`}>
              {entry.reflection}
            </blockquote>
          ) : (
            <Text className={styles.muted}>No reflection yet.</Text>
          )}
          <div>
            <Button ref={editButton} size="small" icon={<Edit16Regular />} onClick={() => setEditing(true)} aria-describedby={titleId}>
              {entry.reflection ? 'Edit reflection' : 'Add a reflection'}
            </Button>
          </div>
        </>
      )}
    </article>
  );
}

/** Characters as the server counts them: an emoji is one. */
const characters = (text: string): number => [...text].length;

function ReflectionEditor({ entry, api, onDone }: { entry: CpdEntry; api: CpdApi; onDone(saved?: CpdEntry): void }) {
  const styles = useStyles();
  const [text, setText] = useState(entry.reflection ?? '');
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string>();
  const count = characters(text.trim());
  const over = count > MAX_REFLECTION_CHARS;

  const save = () => {
    if (over) {
      setProblem(
        `That is ${count.toLocaleString('en-GB')} characters; a reflection can be up to ${MAX_REFLECTION_CHARS.toLocaleString('en-GB')}. Please shorten it.`,
      );
      return;
    }
    setSaving(true);
    setProblem(undefined);
    api.saveReflection(entry.id, text).then(
      (saved) => onDone(saved),
      (error: unknown) => {
        const failure = asCpdFailure(error);
        // The server's reason, and the text back in the box less only what could not be stored.
        if (failure.keep !== undefined) setText(failure.keep);
        setProblem(failure.message);
        setSaving(false);
      },
    );
  };

  return (
    <div className={styles.editor}>
      <Field
        label="Your reflection"
        hint={`What did you learn, and how will you use it in your work? Up to ${MAX_REFLECTION_CHARS.toLocaleString('en-GB')} characters (${count.toLocaleString('en-GB')} so far). Leave it empty and save to remove it.`}
        {...(problem || over
          ? {
              validationState: 'error' as const,
              validationMessage: problem ?? overBy(count - MAX_REFLECTION_CHARS),
            }
          : {})}
      >
        <Textarea
          className={styles.textarea}
          resize="vertical"
          rows={5}
          value={text}
          onChange={(_e, data) => {
            setText(data.value);
            setProblem(undefined);
          }}
          autoFocus
        />
      </Field>
      <div className={styles.editorActions}>
        <Button appearance="primary" onClick={save} disabledFocusable={saving}>
          {saving ? 'Saving…' : 'Save reflection'}
        </Button>
        <Button onClick={() => onDone()} disabledFocusable={saving}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

function overBy(n: number): string {
  return n === 1 ? '1 character over the limit.' : `${n.toLocaleString('en-GB')} characters over the limit.`;
}

function failureTitle(failure: CpdFailure): string {
  switch (failure.kind) {
    case 'unauthorised':
      return 'You need to be signed in through Teams to see your CPD record.';
    case 'forbidden':
    case 'bad-request':
      return "We couldn't show a CPD record.";
    case 'network':
      return "We couldn't reach the CPD record service.";
    default:
      return "We couldn't load your CPD record.";
  }
}

function failureAdvice(failure: CpdFailure): string {
  switch (failure.kind) {
    case 'unauthorised':
      return 'Open this tab from Microsoft Teams, then try again.';
    case 'forbidden':
    case 'bad-request':
      return failure.message;
    default:
      return 'Check your connection, then try again. If it keeps happening, tell your force IT service desk.';
  }
}
