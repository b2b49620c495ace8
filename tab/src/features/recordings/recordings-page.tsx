/**
 * The Recordings tab: search as you type, filter by campaign and topic, sort, page through, and
 * open a recording on Knowledge Hub. A deep link shows its recording first.
 */
import { useEffect, useId, useState } from 'react';
import {
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  SearchBox,
  Select,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ApiFailure, type RecordingItem, type RecordingPage, type RecordingsApi, type RecordingSort } from '../../api/recordings-api.js';
import type { Host } from '../../teams/host.js';
import { countOf } from '../../format.js';
import { RecordingCard } from './recording-card.js';
import { useDebounced } from './use-debounced.js';
import { useRecordings } from './use-recordings.js';
import { usePageStyles } from '../../ui/page-styles.js';

const useStyles = makeStyles({
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  // Search on a row of its own; the filters below it. Campaign titles are long ("Neighbourhood
  // policing week of action 2026 (12)") and a select cannot wrap: it gets room for one whole,
  // and takes the whole row when the window is narrower than that.
  search: { flex: '1 1 100%', minWidth: 0 },
  campaign: { flex: '2 1 25rem', minWidth: 0 },
  filter: { flex: '1 1 10rem', minWidth: 0 },
  control: { width: '100%', minWidth: 0, maxWidth: '100%' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  state: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalS, padding: `${tokens.spacingVerticalXL} 0` },
  more: { display: 'flex', justifyContent: 'center', padding: tokens.spacingVerticalM },
});

export function RecordingsPage({ api, host }: { api: RecordingsApi; host: Host }) {
  const styles = useStyles();
  const page = usePageStyles();
  const noteId = useId();
  const [query, setQuery] = useState('');
  const [campaign, setCampaign] = useState('');
  const [topic, setTopic] = useState('');
  const [sort, setSort] = useState<RecordingSort>('newest');
  const q = useDebounced(query, 250);
  const { state, retry, showMore } = useRecordings(api, { q, campaign, topic, sort });
  const openLink = host.inTeams ? (url: string) => host.openLink(url) : undefined;
  const linked = useLinkedRecording(api, host.recordingId);
  const filtered = q.trim() !== '' || campaign !== '' || topic !== '';
  // The choices of the last answer, kept while the next loads so the selects do not empty meanwhile.
  // Each option is counted with the search and the other filter applied, so a chosen campaign can
  // drop out of them (nothing in it matches the search): it is then shown by its title, with 0.
  const [facets, setFacets] = useState<RecordingPage['facets']>();
  const [campaignTitles, setCampaignTitles] = useState<ReadonlyMap<string, string>>(new Map());
  if (state.status === 'ready' && state.page.facets !== facets) {
    const next = state.page.facets;
    setFacets(next);
    if (next.campaigns.some((c) => campaignTitles.get(c.id) !== c.title))
      setCampaignTitles(new Map([...campaignTitles, ...next.campaigns.map((c) => [c.id, c.title] as const)]));
  }

  const clear = () => {
    setQuery('');
    setCampaign('');
    setTopic('');
  };

  return (
    <main className={page.page}>
      <header className={page.header}>
        <Text as="h1" size={600} weight="semibold" className={page.h1}>
          Recordings
        </Text>
        <Text>Sessions from the College of Policing weeks of action, posted to their Knowledge Hub groups.</Text>
        <Text id={noteId} size={200}>
          Recordings play on Knowledge Hub, outside Teams. You need a Knowledge Hub account registered with your police.uk email address.
        </Text>
      </header>

      {linked.status !== 'none' && (
        <section aria-labelledby={`${noteId}-shared`} className={page.header}>
          <Text as="h2" id={`${noteId}-shared`} size={300} weight="semibold" style={{ margin: 0 }}>
            Shared recording
          </Text>
          {linked.status === 'loading' && <Spinner size="small" label="Opening the shared recording…" />}
          {linked.status === 'found' && <RecordingCard recording={linked.recording} highlighted {...(openLink ? { openLink } : {})} />}
          {linked.status === 'missing' && (
            <MessageBar intent="warning">
              <MessageBarBody>That recording is no longer available. It may have been withdrawn; the others are listed below.</MessageBarBody>
            </MessageBar>
          )}
        </section>
      )}

      <div role="search" className={styles.toolbar} aria-label="Find recordings">
        <Field label="Search" className={styles.search}>
          <SearchBox className={styles.control} value={query} onChange={(_e, data) => setQuery(data.value)} placeholder="Title, presenter, force or topic" />
        </Field>
        <Field label="Campaign" className={styles.campaign}>
          <Select className={styles.control} value={campaign} onChange={(_e, data) => setCampaign(data.value)}>
            <option value="">All campaigns</option>
            {facets?.campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title} ({c.count})
              </option>
            ))}
            {campaign && !facets?.campaigns.some((c) => c.id === campaign) && <option value={campaign}>{campaignTitles.get(campaign) ?? campaign} (0)</option>}
          </Select>
        </Field>
        <Field label="Topic" className={styles.filter}>
          <Select className={styles.control} value={topic} onChange={(_e, data) => setTopic(data.value)}>
            <option value="">All topics</option>
            {facets?.topics.map((t) => (
              <option key={t.name} value={t.name}>
                {t.name} ({t.count})
              </option>
            ))}
            {topic && !facets?.topics.some((t) => t.name === topic) && <option value={topic}>{topic} (0)</option>}
          </Select>
        </Field>
        <Field label="Sort" className={styles.filter}>
          <Select className={styles.control} value={sort} onChange={(_e, data) => setSort(data.value === 'oldest' ? 'oldest' : 'newest')}>
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
          </Select>
        </Field>
      </div>

      <Text role="status" aria-live="polite" weight="semibold" data-testid="count">
        {state.status === 'ready' ? countOf(state.page.total, filtered ? 'matching recording' : 'recording') : ''}
      </Text>

      {state.status === 'loading' && (
        <div className={styles.state}>
          <Spinner label="Loading recordings…" />
        </div>
      )}

      {state.status === 'error' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{failureTitle(state.failure)}</MessageBarTitle>
            {failureAdvice(state.failure)}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={retry}>Retry</Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {state.status === 'ready' && state.page.total === 0 && (
        <div className={styles.state}>
          <Text weight="semibold">{filtered ? 'No recordings match.' : 'No recordings have been posted yet.'}</Text>
          {filtered ? (
            <>
              <Text>Try fewer or different words, or another campaign or topic.</Text>
              <Button onClick={clear}>Clear search and filters</Button>
            </>
          ) : (
            <Text>Recordings appear here a few days after each session.</Text>
          )}
        </div>
      )}

      {state.status === 'ready' && state.page.items.length > 0 && (
        <>
          <ul className={styles.list} aria-label="Recordings">
            {state.page.items.map((r) => (
              <li key={r.id}>
                <RecordingCard recording={r} {...(openLink ? { openLink } : {})} />
              </li>
            ))}
          </ul>
          {state.moreFailed && (
            <MessageBar intent="error">
              <MessageBarBody>{failureTitle(state.moreFailed)}</MessageBarBody>
            </MessageBar>
          )}
          {state.page.items.length < state.page.total && (
            <div className={styles.more}>
              <Button onClick={showMore} disabled={state.loadingMore}>
                {state.loadingMore
                  ? 'Loading…'
                  : `Show more (${state.page.items.length.toLocaleString('en-GB')} of ${state.page.total.toLocaleString('en-GB')} shown)`}
              </Button>
            </div>
          )}
        </>
      )}
    </main>
  );
}

type Linked = { status: 'none' } | { status: 'loading' } | { status: 'found'; recording: RecordingItem } | { status: 'missing' };

/** The recording a deep link names, fetched on its own so it shows whatever the list's filters are. */
function useLinkedRecording(api: RecordingsApi, id: string | undefined): Linked {
  const [linked, setLinked] = useState<Linked>(id ? { status: 'loading' } : { status: 'none' });
  useEffect(() => {
    if (!id) return;
    const controller = new AbortController();
    api.one(id, controller.signal).then(
      (recording) => setLinked({ status: 'found', recording }),
      (error: unknown) =>
        !controller.signal.aborted && setLinked(error instanceof ApiFailure && error.kind !== 'not-found' ? { status: 'none' } : { status: 'missing' }),
    );
    return () => controller.abort();
  }, [api, id]);
  return linked;
}

function failureTitle(failure: ApiFailure): string {
  switch (failure.kind) {
    case 'unauthorised':
      return 'You need to be signed in through Teams to see the recordings.';
    case 'network':
      return "We couldn't reach the recordings service.";
    default:
      return "We couldn't load the recordings.";
  }
}

function failureAdvice(failure: ApiFailure): string {
  return failure.kind === 'unauthorised'
    ? 'Open this tab from Microsoft Teams, then try again.'
    : 'Check your connection, then try again. If it keeps happening, tell your force IT service desk.';
}
