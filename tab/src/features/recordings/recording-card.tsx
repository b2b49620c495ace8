/**
 * One recording: what it is, who gave it, when it was posted and how long it runs, and the way
 * to watch it on Knowledge Hub (outside Teams).
 */
import { Badge, Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { Open16Regular } from '@fluentui/react-icons';
import type { MouseEvent } from 'react';
import type { RecordingItem } from '../../api/recordings-api.js';
import { formatDay, formatDuration, formatSessionTime } from '../../format.js';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
    // Off-screen cards skip layout and paint: a long list stays smooth to scroll.
    contentVisibility: 'auto',
    containIntrinsicSize: 'auto 220px',
  },
  highlighted: { border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}` },
  heading: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: tokens.spacingHorizontalS, margin: 0 },
  title: { overflowWrap: 'anywhere' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM, marginTop: tokens.spacingVerticalXS },
});

export function RecordingCard({
  recording,
  openLink,
  highlighted,
}: {
  recording: RecordingItem;
  openLink?: (url: string) => Promise<void>;
  highlighted?: boolean;
}) {
  const styles = useStyles();
  const titleId = `recording-${recording.id}`;
  const presenters = recording.session?.presenters.map((p) => [p.name, p.organisation].filter(Boolean).join(', ')) ?? [];
  const watch = (event: MouseEvent<HTMLAnchorElement>) => {
    // Inside Teams a new window must be opened by Teams itself; in a browser the link does it.
    if (!openLink) return;
    event.preventDefault();
    void openLink(recording.url);
  };
  return (
    <article className={highlighted ? `${styles.card} ${styles.highlighted}` : styles.card} aria-labelledby={titleId} data-recording-id={recording.id}>
      <h2 className={styles.heading}>
        <Text id={titleId} size={400} weight="semibold" className={styles.title}>
          {recording.title}
        </Text>
        {recording.sample && (
          <Badge appearance="outline" color="informative">
            Sample
          </Badge>
        )}
      </h2>
      <dl className={styles.facts}>
        {recording.session && (
          <>
            <dt className={styles.term}>Session</dt>
            <dd className={styles.value}>
              {recording.session.title} ({formatSessionTime(recording.session.startsAt)})
            </dd>
          </>
        )}
        {presenters.length > 0 && (
          <>
            <dt className={styles.term}>{presenters.length === 1 ? 'Presenter' : 'Presenters'}</dt>
            <dd className={styles.value}>{presenters.join('; ')}</dd>
          </>
        )}
        {recording.campaign && (
          <>
            <dt className={styles.term}>Campaign</dt>
            <dd className={styles.value}>{recording.campaign.title}</dd>
          </>
        )}
        <dt className={styles.term}>Posted</dt>
        <dd className={styles.value}>{formatDay(recording.postedOn)}</dd>
        {recording.durationSeconds !== undefined && (
          <>
            <dt className={styles.term}>Length</dt>
            <dd className={styles.value}>{formatDuration(recording.durationSeconds)}</dd>
          </>
        )}
      </dl>
      <div className={styles.actions}>
        <Button
          as="a"
          href={recording.url}
          target="_blank"
          rel="noopener noreferrer"
          appearance="primary"
          icon={<Open16Regular />}
          iconPosition="after"
          onClick={watch}
          aria-label={`Watch on Knowledge Hub: ${recording.title} (opens outside Teams)`}
        >
          Watch on Knowledge Hub
        </Button>
      </div>
    </article>
  );
}
