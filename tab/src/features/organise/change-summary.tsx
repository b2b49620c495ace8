/**
 * What a publication changes, for the organiser to check before publishing: the one-line
 * summary, then each kind of change with the sessions it touches, in UK time, and the officers
 * each affects (booked, waiting, cancelled, promoted, told).
 */
import { useId, type ReactNode } from 'react';
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import {
  AddCircle20Regular,
  ArrowDown20Regular,
  ArrowUp20Regular,
  CalendarArrowRight20Regular,
  DismissCircle20Regular,
  Edit20Regular,
  Video20Regular,
} from '@fluentui/react-icons';
import type { ChangeSummary } from '../../api/organiser-api.js';
import { countOf, formatDay, formatSessionTime, formatSlot } from '../../format.js';
import { useSharedStyles } from './shared-styles.js';

const useStyles = makeStyles({
  groups: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  heading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, margin: 0 },
  icon: { flexShrink: 0, color: tokens.colorNeutralForeground2 },
  warningIcon: { flexShrink: 0, color: tokens.colorPaletteRedForeground1 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { overflowWrap: 'anywhere' },
  line: { display: 'block' },
  // On a narrow screen the new time goes to the next line whole, not split after its date.
  slot: { display: 'inline-block' },
  note: { display: 'block', color: tokens.colorNeutralForeground2 },
  quote: {
    display: 'block',
    margin: `${tokens.spacingVerticalXS} 0 0`,
    paddingLeft: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
    whiteSpace: 'pre-wrap',
  },
});

const fieldNames: Record<string, string> = {
  title: 'title',
  description: 'description',
  presenters: 'presenters',
  topics: 'topics',
  campaign: 'campaign',
  joinUrl: 'join link',
};

export function SummaryDetails({ summary, headingLevel = 4 }: { summary: ChangeSummary; headingLevel?: 3 | 4 }) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const ids = useId();
  const capacityUp = summary.capacity.filter((c) => grows(c.from, c.to));
  const capacityDown = summary.capacity.filter((c) => !grows(c.from, c.to));
  const heading = `h${headingLevel}` as const;

  const group = (key: string, title: string, icon: ReactNode, items: ReactNode[]) =>
    items.length === 0 ? null : (
      <section className={styles.group} aria-labelledby={`${ids}-${key}`} data-change={key}>
        <Text as={heading} id={`${ids}-${key}`} size={300} weight="semibold" className={styles.heading}>
          {icon}
          {title} ({items.length.toLocaleString('en-GB')})
        </Text>
        <ul className={styles.list}>{items}</ul>
      </section>
    );

  return (
    <div className={styles.groups}>
      {group(
        'added',
        'Sessions added',
        <AddCircle20Regular className={styles.icon} aria-hidden />,
        summary.added.map((s) => (
          <li key={s.id} className={styles.item}>
            <Text weight="semibold" className={styles.line}>
              {s.title}
            </Text>
            <Text className={styles.line}>{formatSlot(s.startsAt, s.endsAt)}</Text>
          </li>
        )),
      )}
      {group(
        'rescheduled',
        'Rescheduled',
        <CalendarArrowRight20Regular className={styles.icon} aria-hidden />,
        summary.rescheduled.map((s) => (
          <li key={s.id} className={styles.item}>
            <Text weight="semibold" className={styles.line}>
              {s.title}
            </Text>
            <Text className={styles.line}>
              <span className={styles.slot}>{formatSlot(s.from.startsAt, s.from.endsAt)}</span>
              <span aria-hidden> → </span>
              <span className={shared.visuallyHidden}> moves to </span>
              <span className={styles.slot}>{formatSlot(s.to.startsAt, s.to.endsAt)}</span>
            </Text>
            <Text className={styles.note}>{affected(s.booked, s.waitlisted, 'get the new time in their calendar')}</Text>
          </li>
        )),
      )}
      {group(
        'withdrawn',
        'Withdrawn',
        <DismissCircle20Regular className={styles.warningIcon} aria-hidden />,
        summary.withdrawn.map((s) => (
          <li key={s.id} className={styles.item}>
            <Text weight="semibold" className={styles.line}>
              {s.title}
            </Text>
            <Text className={styles.line}>{formatSessionTime(s.startsAt)}</Text>
            <Text className={styles.note}>{cancels(s.booked, s.waitlisted)}</Text>
            {s.message && (
              <Text className={styles.quote}>
                <span className={shared.visuallyHidden}>Message to officers: </span>
                {s.message}
              </Text>
            )}
          </li>
        )),
      )}
      {group(
        'capacity-up',
        'More places',
        <ArrowUp20Regular className={styles.icon} aria-hidden />,
        capacityUp.map((s) => (
          <li key={s.id} className={styles.item}>
            <Text weight="semibold" className={styles.line}>
              {s.title}
            </Text>
            <Text className={styles.line}>
              {places(s.from)} → {places(s.to)}
            </Text>
            <Text className={styles.note}>
              {bookedAndWaiting(s.booked, s.waitlisted)}
              {s.promoted > 0 ? `; ${countOf(s.promoted, 'officer')} promoted from the waitlist` : ''}
            </Text>
          </li>
        )),
      )}
      {group(
        'capacity-down',
        'Fewer places',
        <ArrowDown20Regular className={styles.icon} aria-hidden />,
        capacityDown.map((s) => (
          <li key={s.id} className={styles.item}>
            <Text weight="semibold" className={styles.line}>
              {s.title}
            </Text>
            <Text className={styles.line}>
              {places(s.from)} → {places(s.to)}
            </Text>
            <Text className={styles.note}>{bookedAndWaiting(s.booked, s.waitlisted)}</Text>
          </li>
        )),
      )}
      {group(
        'changed',
        'Details changed',
        <Edit20Regular className={styles.icon} aria-hidden />,
        summary.changed.map((s) => (
          <li key={s.id} className={styles.item}>
            <Text weight="semibold" className={styles.line}>
              {s.title}
            </Text>
            <Text className={styles.line}>{sentenceCase(s.fields.map((f) => fieldNames[f] ?? f).join(', '))}</Text>
            <Text className={styles.note}>
              {s.booked > 0 ? `${countOf(s.booked, 'booked officer')} ${s.booked === 1 ? 'sees' : 'see'} the new details` : 'No one booked yet'}
            </Text>
          </li>
        )),
      )}
      {group(
        'recordings',
        'Recordings added',
        <Video20Regular className={styles.icon} aria-hidden />,
        summary.recordingsAdded.map((r) => (
          <li key={r.id} className={styles.item}>
            <Text weight="semibold" className={styles.line}>
              {r.title}
            </Text>
            <Text className={styles.line}>{r.sessionTitle ? `${r.sessionTitle}; posted ${formatDay(r.postedOn)}` : `Posted ${formatDay(r.postedOn)}`}</Text>
            <Text className={styles.note}>
              {r.officers > 0 ? `${countOf(r.officers, 'officer')} ${r.officers === 1 ? 'is' : 'are'} told it is there` : 'No officers to tell'}
            </Text>
          </li>
        )),
      )}
    </div>
  );
}

function grows(from: number | null, to: number | null): boolean {
  if (to === null) return true;
  if (from === null) return false;
  return to > from;
}

function places(n: number | null): string {
  return n === null ? 'no limit' : countOf(n, 'place');
}

function bookedAndWaiting(booked: number, waiting: number): string {
  return `${booked.toLocaleString('en-GB')} booked, ${waiting.toLocaleString('en-GB')} waiting`;
}

function affected(booked: number, waiting: number, what: string): string {
  if (booked + waiting === 0) return 'No one booked yet';
  return `${bookedAndWaiting(booked, waiting)}: they ${what}`;
}

function cancels(booked: number, waiting: number): string {
  if (booked + waiting === 0) return 'No one booked yet';
  const parts = [booked > 0 ? countOf(booked, 'booking') : '', waiting > 0 ? countOf(waiting, 'waitlist place') : ''].filter(Boolean);
  return `Cancels ${parts.join(' and ')}; the officers are told`;
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
