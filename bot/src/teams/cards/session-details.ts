/**
 * Everything about one session: full description, presenters, its week of action with the
 * Knowledge Hub group, the join link while it can still be joined, and the recording after.
 */
import { DateTime } from 'luxon';
import type { PlacesTaken } from '../../bookings/model.js';
import type { Campaign, Presenter } from '../../catalog/model.js';
import type { SessionMatch } from '../../catalog/whats-on.js';
import { UK_ZONE, formatSessionTime, isWebUrl, markdownLink, sessionTiming, truncate } from '../presentation.js';
import { bookData, moreData, type BookData, type MoreData, type QuestionRef } from './actions.js';
import { renderCard, type AdaptiveCardJson, type ReadableColor } from './render.js';
import template from './session-details.json' with { type: 'json' };

export type { PlacesTaken };

/** Generous, but bounded, so one odd catalog entry cannot push the card past 28 KB. */
export const DETAILS_LIMITS = { title: 300, description: 6000, presenters: 10, field: 150, topics: 600 } as const;

export interface SessionDetailsCardData {
  id: string;
  title: string;
  when: string;
  status: string;
  statusColor: ReadableColor;
  facts: Array<{ name: string; value: string }>;
  presentersHeading: string;
  presenters: Array<{ name: string; detail: string }>;
  description: string;
  campaign: { title: string; dates: string; groupLink: string } | null;
  recordingNote: string;
  joinUrl: string;
  recordingUrl: string;
  back: MoreData | null;
  /** "Book a place" while the session has not started. */
  book: BookData | null;
  /** "Join the waitlist" once every place is taken. */
  bookTitle: string;
  /**
   * Whether the session has buttons of its own (Book a place, Join the session, Watch the
   * recording). They are a row above Back to the list, not one row with it: on a phone, three
   * buttons in one row run past the edge of the card.
   */
  hasButtons: boolean;
}

/**
 * The session's places as an officer deciding whether to book wants them: "250 places, 12 left",
 * "Full (250 places): join the waitlist (4 waiting)", "No limit". Without the live counts it says
 * the capacity only, never a number left that may be stale. Not shown once the session has started.
 */
export function placesLine(capacity: number | undefined, taken: PlacesTaken | undefined): string {
  if (capacity === undefined) return 'No limit: everyone who books gets a place';
  const total = `${capacity} ${capacity === 1 ? 'place' : 'places'}`;
  if (!taken) return total;
  const left = capacity - taken.booked;
  if (left > 0) return `${total}, ${left} left`;
  return `Full (${total}): join the waitlist${taken.waitlisted > 0 ? ` (${taken.waitlisted} waiting)` : ''}`;
}

export function sessionDetailsData(match: SessionMatch, now: Date, back?: QuestionRef, taken?: PlacesTaken): SessionDetailsCardData {
  const { session, campaign, recording } = match;
  const timing = sessionTiming(session, now);
  const recordingUrl = timing === 'past' && isWebUrl(recording?.url) ? recording!.url : '';
  const joinUrl = timing !== 'past' && isWebUrl(session.joinUrl) ? session.joinUrl : '';
  const facts: SessionDetailsCardData['facts'] = [];
  if (session.topics.length > 0) facts.push({ name: 'Topics', value: truncate(session.topics.join(', '), DETAILS_LIMITS.topics) });
  const upcoming = timing === 'upcoming';
  const full = upcoming && taken !== undefined && session.capacity !== undefined && taken.booked >= session.capacity;
  if (upcoming) facts.push({ name: 'Places', value: placesLine(session.capacity, taken) });
  return {
    id: session.id,
    title: truncate(session.title, DETAILS_LIMITS.title),
    when: formatSessionTime(session.startsAt, session.endsAt, now),
    status: timing === 'live' ? 'Happening now' : timing === 'past' ? 'This session has ended.' : '',
    statusColor: timing === 'live' ? 'Accent' : 'Default',
    facts,
    presentersHeading: session.presenters.length === 1 ? 'Presenter' : 'Presenters',
    presenters: presentersView(session.presenters),
    description: truncate(session.description ?? '', DETAILS_LIMITS.description),
    campaign: campaign ? campaignView(campaign) : null,
    recordingNote: recordingNote(timing, recordingUrl ? recording : undefined),
    joinUrl,
    recordingUrl,
    back: back ? moreData(back) : null,
    book: timing === 'upcoming' ? bookData(session.id) : null,
    bookTitle: full ? 'Join the waitlist' : 'Book a place',
    hasButtons: timing === 'upcoming' || joinUrl !== '' || recordingUrl !== '',
  };
}

function presentersView(presenters: Presenter[]): SessionDetailsCardData['presenters'] {
  const shown = presenters.slice(0, DETAILS_LIMITS.presenters).map((p) => ({
    name: truncate(p.name, DETAILS_LIMITS.field),
    detail: truncate([p.role, p.organisation].filter(Boolean).join(', '), DETAILS_LIMITS.field * 2),
  }));
  const rest = presenters.length - shown.length;
  return rest > 0 ? [...shown, { name: `and ${rest} more`, detail: '' }] : shown;
}

function recordingNote(timing: ReturnType<typeof sessionTiming>, recording: SessionMatch['recording']): string {
  if (timing !== 'past') return '';
  if (!recording) return 'The recording has not been posted yet.';
  const posted = DateTime.fromISO(recording.postedOn, { zone: UK_ZONE }).toFormat('d LLLL yyyy', { locale: 'en-GB' });
  const minutes = recording.durationSeconds ? `, ${Math.round(recording.durationSeconds / 60)} minutes` : '';
  const sample = recording.sample ? ' (a sample recording for the demo)' : '';
  return `Recording posted on ${posted}${minutes}${sample}.`;
}

function campaignView(campaign: Campaign): NonNullable<SessionDetailsCardData['campaign']> {
  const group = campaign.knowledgeHubGroup;
  return {
    title: truncate(campaign.title, DETAILS_LIMITS.title),
    dates: dateSpan(campaign.startsOn, campaign.endsOn),
    groupLink: group && isWebUrl(group.url) ? markdownLink(group.name, group.url) : '',
  };
}

/** "20–26 April 2026", "29 June – 3 July 2026", "30 December 2026 – 5 January 2027". */
export function dateSpan(startsOn: string, endsOn: string): string {
  const from = DateTime.fromISO(startsOn, { zone: UK_ZONE }).setLocale('en-GB');
  const to = DateTime.fromISO(endsOn, { zone: UK_ZONE }).setLocale('en-GB');
  if (from.hasSame(to, 'day')) return to.toFormat('d LLLL yyyy');
  if (from.hasSame(to, 'month')) return `${from.toFormat('d')}\u2013${to.toFormat('d LLLL yyyy')}`;
  if (from.hasSame(to, 'year')) return `${from.toFormat('d LLLL')} \u2013 ${to.toFormat('d LLLL yyyy')}`;
  return `${from.toFormat('d LLLL yyyy')} \u2013 ${to.toFormat('d LLLL yyyy')}`;
}

export function sessionDetailsCard(data: SessionDetailsCardData): AdaptiveCardJson {
  return renderCard(template, data);
}
