/**
 * History: every published version of the catalog, newest first, who published it, how and what
 * it changed, with each version's YAML to download (to read it, or to publish it again).
 */
import {
  Badge,
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  mergeClasses,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownload20Regular } from '@fluentui/react-icons';
import type { CatalogVersion, OrganiserApi, VersionSource } from '../../api/organiser-api.js';
import { formatSessionTime } from '../../format.js';
import { failureText } from './publication-panel.js';
import { DownloadFailure } from './registrations-section.js';
import { useSharedStyles } from './shared-styles.js';
import { useDownloads } from './use-download.js';
import { shown, useLoad } from './use-load.js';

const sources: Record<VersionSource, string> = { file: "The server's catalog file", upload: 'Uploaded file', edit: 'Quick edit' };

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    alignItems: 'start',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    '@media (max-width: 480px)': { gridTemplateColumns: 'minmax(0, 1fr)', padding: tokens.spacingHorizontalM },
  },
  // The brand border is as thick as the others plus an inset ring, so the current card's text lines up with the rest.
  current: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke1}`,
    boxShadow: `inset 0 0 0 ${tokens.strokeWidthThin} ${tokens.colorBrandStroke1}`,
  },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  heading: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, margin: 0 },
  meta: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  summary: { overflowWrap: 'anywhere' },
});

export function HistorySection({ api, revision }: { api: OrganiserApi; revision: number }) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const { state, retry } = useLoad((signal) => api.versions(signal), `versions:${revision}`);
  const data = shown(state);
  const downloads = useDownloads();

  return (
    <section className={shared.section} aria-labelledby="history-heading">
      <div className={shared.sectionHeader}>
        <Text as="h2" id="history-heading" size={500} weight="semibold" className={shared.h2}>
          History
        </Text>
        <Text>Every version of the catalog, newest first. Download a version to read it, or to publish it again from Publish.</Text>
      </div>
      <div className={shared.actions}>
        <Button
          appearance="primary"
          icon={<ArrowDownload20Regular />}
          onClick={() => downloads.start('current', () => api.catalogYaml())}
          disabledFocusable={downloads.busy === 'current'}
        >
          {downloads.busy === 'current' ? 'Downloading…' : 'Download current YAML'}
        </Button>
      </div>
      <DownloadFailure downloads={downloads} id={() => true} />

      {state.status === 'error' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>We couldn't load the history.</MessageBarTitle>
            {failureText(state.failure)}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={retry}>Retry</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {state.status === 'loading' && !data && <Spinner size="small" label="Loading the history…" labelPosition="after" />}

      {data && (
        <ol className={styles.list} aria-label="Catalog versions" data-testid="versions">
          {data.versions.map((v) => {
            const current = v.version === data.current;
            const key = `version:${v.version}`;
            return (
              <li
                key={v.version}
                className={mergeClasses(styles.item, current && styles.current)}
                data-version={v.version}
                {...(current ? { 'aria-current': true } : {})}
              >
                <div className={styles.body}>
                  <Text as="h3" size={400} weight="semibold" className={styles.heading}>
                    Version {v.version}
                    {current && (
                      <Badge appearance="filled" color="brand">
                        Current
                      </Badge>
                    )}
                  </Text>
                  <Text size={200} className={styles.meta}>
                    {[formatSessionTime(v.publishedAt), publisher(v), sources[v.source] ?? v.source].filter(Boolean).join(' · ')}
                  </Text>
                  <Text className={styles.summary}>{v.summary}</Text>
                </div>
                <Button
                  icon={<ArrowDownload20Regular />}
                  onClick={() => downloads.start(key, () => api.catalogYaml(v.version))}
                  disabledFocusable={downloads.busy === key}
                  aria-label={`Download YAML, version ${v.version}`}
                >
                  {downloads.busy === key ? 'Downloading…' : 'Download YAML'}
                </Button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/**
 * Who published a version, for people: the server names the catalog file it loads at start
 * "CATALOG_FILE" (its setting), which the source already says in words.
 */
function publisher(v: CatalogVersion): string {
  return v.source === 'file' && v.publishedBy === 'CATALOG_FILE' ? '' : v.publishedBy;
}
