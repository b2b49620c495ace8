/**
 * Registrations: every session with its places taken and its waitlist, the officers of the one
 * chosen, and the CSV of all sessions or of that one (for the events team's spreadsheets).
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  Badge,
  Button,
  Link,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  SearchBox,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwise20Regular, ArrowDownload20Regular } from '@fluentui/react-icons';
import type { OrganiserApi, OrganiserSession, Registration } from '../../api/organiser-api.js';
import { countOf, formatSessionTime, formatSlot } from '../../format.js';
import { failureText } from './publication-panel.js';
import { useSharedStyles } from './shared-styles.js';
import { useDownloads, type Downloads } from './use-download.js';
import { shown, useLoad } from './use-load.js';

const useStyles = makeStyles({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
  },
  table: { tableLayout: 'fixed', width: '100%' },
  placesColumn: { width: '9rem', '@media (max-width: 480px)': { width: '7.5rem' } },
  // The chosen session: a brand bar at its start and its title in the text colour (a link colour on a tinted row can be too faint).
  // Rows are not buttons (the title is): no hover colour, which in high contrast would hide the text.
  row: {
    ':hover': { backgroundColor: 'transparent', color: tokens.colorNeutralForeground1 },
    ':active': { backgroundColor: 'transparent', color: tokens.colorNeutralForeground1 },
  },
  selectedRow: {
    backgroundColor: tokens.colorNeutralBackground3,
    boxShadow: `inset ${tokens.strokeWidthThicker} 0 0 ${tokens.colorCompoundBrandStroke}`,
    ':hover': { backgroundColor: tokens.colorNeutralBackground3 },
  },
  selectedTitle: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold, ':hover': { color: tokens.colorNeutralForeground1Hover } },
  cell: { paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS, verticalAlign: 'top' },
  cellStack: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    minWidth: 0,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
  },
  title: { textAlign: 'start', overflowWrap: 'anywhere' },
  small: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, overflowWrap: 'anywhere' },
  bar: {
    height: '6px',
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground5,
    overflow: 'hidden',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  fill: { height: '100%', backgroundColor: tokens.colorBrandBackground },
  fillFull: { backgroundColor: tokens.colorPaletteDarkOrangeBackground3 },
  scroll: {
    overflowX: 'auto',
    minWidth: 0,
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  // Column widths follow their content: the time and the state never wrap (a badge is one line
  // high), and the names, e-mails and organisations share the rest, breaking only where they must.
  officers: { minWidth: '50rem', tableLayout: 'auto' },
  nowrap: { whiteSpace: 'nowrap' },
  // An e-mail address breaks after its @ and before its dots, and only mid-word when a part is wider than the column.
  email: { textAlign: 'start', overflowWrap: 'break-word' },
  search: { flex: '1 1 14rem', maxWidth: '24rem', minWidth: 0 },
  heading: { margin: 0, overflowWrap: 'anywhere', ':focus': { outline: 'none' } },
});

export function RegistrationsSection({ api, revision }: { api: OrganiserApi; revision: number }) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const [refreshes, setRefreshes] = useState(0);
  const { state, retry } = useLoad((signal) => api.sessions(signal), `registration-sessions:${revision}:${refreshes}`);
  const list = shown(state);
  const [selected, setSelected] = useState<string>();
  const downloads = useDownloads();
  const session = list?.sessions.find((s) => s.id === selected);
  const totals = useMemo(
    () => list?.sessions.reduce((t, s) => ({ booked: t.booked + s.booked, waiting: t.waiting + s.waitlisted }), { booked: 0, waiting: 0 }),
    [list],
  );

  return (
    <section className={shared.section} aria-labelledby="registrations-heading">
      <div className={shared.sectionHeader}>
        <Text as="h2" id="registrations-heading" size={500} weight="semibold" className={shared.h2}>
          Registrations
        </Text>
        <Text>Who has booked each session, and who is waiting for a place. Choose a session to see its officers.</Text>
      </div>

      <div className={styles.toolbar}>
        <Text weight="semibold" role="status" data-testid="registration-totals">
          {list && totals
            ? `${countOf(list.sessions.length, 'session')}: ${totals.booked.toLocaleString('en-GB')} booked, ${totals.waiting.toLocaleString('en-GB')} waiting`
            : ''}
        </Text>
        <div className={shared.actions}>
          <Button icon={<ArrowClockwise20Regular />} onClick={() => setRefreshes((n) => n + 1)} disabledFocusable={state.status === 'loading'}>
            Refresh
          </Button>
          <DownloadButton downloads={downloads} id="all" label="Download CSV (all sessions)" fetch={() => api.registrationsCsv()} />
        </div>
      </div>
      <DownloadFailure downloads={downloads} id={(key) => key === 'all'} />

      {state.status === 'error' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>We couldn't load the sessions.</MessageBarTitle>
            {failureText(state.failure)}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={retry}>Retry</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {state.status === 'loading' && !list && <Spinner size="small" label="Loading sessions…" labelPosition="after" />}

      {list && list.sessions.length === 0 && <Text>There are no sessions in the catalog.</Text>}
      {list && list.sessions.length > 0 && (
        <Table className={styles.table} aria-label="Sessions and their places" size="small" data-testid="sessions-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Session</TableHeaderCell>
              <TableHeaderCell className={styles.placesColumn}>Places</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.sessions.map((s) => (
              <TableRow key={s.id} className={mergeClasses(styles.row, s.id === selected && styles.selectedRow)} data-session-id={s.id}>
                <TableCell className={styles.cell}>
                  <div className={styles.cellStack}>
                    <Link
                      as="button"
                      className={mergeClasses(styles.title, s.id === selected && styles.selectedTitle)}
                      onClick={() => setSelected(s.id)}
                      {...(s.id === selected ? { 'aria-current': true } : {})}
                    >
                      {s.title}
                    </Link>
                    <span className={styles.small}>{formatSlot(s.startsAt, s.endsAt)}</span>
                    {s.campaignTitle && <span className={styles.small}>{s.campaignTitle}</span>}
                  </div>
                </TableCell>
                <TableCell className={styles.cell}>
                  <Places session={s} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      {session && <Officers key={session.id} api={api} session={session} revision={`${revision}:${refreshes}`} downloads={downloads} />}
    </section>
  );
}

function Places({ session }: { session: OrganiserSession }) {
  const styles = useStyles();
  const full = session.capacity !== null && session.booked >= session.capacity;
  const share = session.capacity ? Math.min(1, session.booked / session.capacity) : 0;
  return (
    <div className={styles.cellStack} data-testid="places">
      <Text>
        {session.capacity === null
          ? `${session.booked.toLocaleString('en-GB')} booked`
          : `${session.booked.toLocaleString('en-GB')} of ${session.capacity.toLocaleString('en-GB')}`}
      </Text>
      {session.capacity !== null && (
        <div className={styles.bar} aria-hidden>
          <div className={mergeClasses(styles.fill, full && styles.fillFull)} style={{ width: `${Math.round(share * 100)}%` }} />
        </div>
      )}
      <span className={styles.small}>
        {session.capacity === null ? 'No limit' : full ? 'Full' : `${(session.capacity - session.booked).toLocaleString('en-GB')} free`}
        {session.waitlisted > 0 ? `, ${session.waitlisted.toLocaleString('en-GB')} waiting` : ''}
      </span>
    </div>
  );
}

function Officers({ api, session, revision, downloads }: { api: OrganiserApi; session: OrganiserSession; revision: string; downloads: Downloads }) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  const { state, retry } = useLoad((signal) => api.registrations(session.id, signal), `${session.id}:${revision}`);
  const data = shown(state);
  const [query, setQuery] = useState('');
  useEffect(() => {
    setQuery('');
    // The list is below the table (far below on a phone): show it and start reading there.
    heading.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    heading.current?.focus({ preventScroll: true });
  }, [session.id]);
  const rows = useMemo(() => (data ? filtered(data.registrations, query) : []), [data, query]);
  const counts = data ? tally(data.registrations) : undefined;

  return (
    <section className={shared.panel} aria-labelledby="officers-heading" data-testid="officers">
      <div className={shared.sectionHeader}>
        <Text as="h3" id="officers-heading" ref={heading} tabIndex={-1} size={400} weight="semibold" className={styles.heading}>
          Officers: {session.title}
        </Text>
        <Text size={200} className={shared.muted}>
          {formatSlot(session.startsAt, session.endsAt)}
          {counts
            ? ` · ${counts.booked.toLocaleString('en-GB')} booked, ${counts.waitlisted.toLocaleString('en-GB')} waiting, ${counts.cancelled.toLocaleString('en-GB')} cancelled`
            : ''}
        </Text>
      </div>
      <div className={styles.toolbar}>
        <SearchBox
          className={styles.search}
          aria-label="Find an officer"
          placeholder="Find by name, e-mail or organisation"
          value={query}
          onChange={(_e, d) => setQuery(d.value)}
        />
        <DownloadButton downloads={downloads} id={`session:${session.id}`} label="Download CSV (this session)" fetch={() => api.registrationsCsv(session.id)} />
      </div>

      <DownloadFailure downloads={downloads} id={(key) => key === `session:${session.id}`} />
      {state.status === 'error' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>We couldn't load the officers.</MessageBarTitle>
            {failureText(state.failure)}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={retry}>Retry</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {state.status === 'loading' && !data && <Spinner size="small" label="Loading officers…" labelPosition="after" />}
      {data && data.registrations.length === 0 && <Text>No one has booked this session yet.</Text>}
      {data && data.registrations.length > 0 && rows.length === 0 && <Text>No officer matches “{query}”.</Text>}
      {rows.length > 0 && (
        // A data table keeps its columns on a phone: it scrolls sideways on its own, the page does not.
        <div className={styles.scroll} role="region" aria-label={`Officers on ${session.title}`} tabIndex={0}>
          <Table className={styles.officers} size="small" aria-label={`Officers on ${session.title}`} data-testid="officers-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>E-mail</TableHeaderCell>
                <TableHeaderCell>Organisation</TableHeaderCell>
                <TableHeaderCell className={styles.nowrap}>Booked at</TableHeaderCell>
                <TableHeaderCell className={styles.nowrap}>State</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r, i) => (
                <TableRow key={`${r.state}:${r.bookedAt}:${r.email ?? i}`} className={styles.row}>
                  <TableCell className={styles.title}>{r.name ?? <span className={styles.small}>Not given</span>}</TableCell>
                  <TableCell className={styles.email}>{r.email ? breakable(r.email) : <span className={styles.small}>Not given</span>}</TableCell>
                  <TableCell className={styles.title}>{r.organisation ?? <span className={styles.small}>Not given</span>}</TableCell>
                  <TableCell className={styles.nowrap}>{formatSessionTime(r.bookedAt)}</TableCell>
                  <TableCell className={styles.nowrap}>
                    <StateBadge registration={r} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}

function StateBadge({ registration }: { registration: Registration }) {
  switch (registration.state) {
    case 'booked':
      return (
        <Badge appearance="tint" color="success">
          Booked
        </Badge>
      );
    case 'waitlisted':
      return (
        <Badge appearance="tint" color="warning">
          {registration.position !== undefined ? `Waiting, no. ${registration.position}` : 'Waiting'}
        </Badge>
      );
    default:
      return (
        <Badge appearance="tint" color="subtle">
          Cancelled
        </Badge>
      );
  }
}

export function DownloadButton({ downloads, id, label, fetch }: { downloads: Downloads; id: string; label: string; fetch: Parameters<Downloads['start']>[1] }) {
  const busy = downloads.busy === id;
  return (
    <Button icon={<ArrowDownload20Regular />} onClick={() => downloads.start(id, fetch)} disabledFocusable={busy}>
      {busy ? 'Downloading…' : label}
    </Button>
  );
}

export function DownloadFailure({ downloads, id }: { downloads: Downloads; id: (key: string) => boolean }) {
  if (!downloads.failure || !id(downloads.failure.key)) return null;
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>The download did not work. {failureText(downloads.failure.failure)}</MessageBarBody>
    </MessageBar>
  );
}

/** An e-mail address with the places it may break: after the @, and before each dot. */
function breakable(email: string): ReactNode {
  return email.split(/(?=\.)|(?<=@)/).flatMap((part, i) => (i === 0 ? [part] : [<wbr key={i} />, part]));
}

function filtered(rows: Registration[], query: string): Registration[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((r) => {
    const text = [r.name, r.email, r.organisation].filter(Boolean).join(' ').toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

function tally(rows: Registration[]): { booked: number; waitlisted: number; cancelled: number } {
  const t = { booked: 0, waitlisted: 0, cancelled: 0 };
  for (const r of rows) t[r.state] += 1;
  return t;
}
