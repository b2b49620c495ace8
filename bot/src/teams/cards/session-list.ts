/**
 * The list answer ("Sessions next week": a page of sessions, Show more) and the nothing-found
 * answer (a plain explanation and the nearest sessions) share one template.
 *
 * Each session has its own buttons, as on the event pages: Book a place (Join the waitlist once
 * every place is taken) while it has not started, Watch the recording once one is posted, and
 * Details. Teams caps the buttons of each action set at 6 (`actions.maxActions` in its host
 * config), not the card's: every session's set has at most 3, and paging has the card's own.
 *
 * The list shows no one's own place: it is posted to a chat (and paged by anyone in it) as the
 * same card for everybody. Book a place answers with the presser's own view of that session,
 * "You already have a place" included, as the details card's button does.
 */
import type { WhatsOnAnswer, SessionMatch } from '../../catalog/whats-on.js';
import { sessionSummary, truncate, type SessionSummaryView } from '../presentation.js';
import { VERB, bookData, moreData, type BookData, type DetailsData, type MoreData, type QuestionRef } from './actions.js';
import { renderCard, type AdaptiveCardJson } from './render.js';
import type { PlacesTaken } from './session-details.js';
import template from './session-list.json' with { type: 'json' };

/**
 * Five sessions a page: each has its text and a row of buttons, and five fill a phone's screen
 * a few times over already. With every text at its longest the card stays under 28 KB.
 */
export const PAGE_SIZE = 5;

/**
 * The heading and the nothing-found sentence name what was asked for; the understanding keeps
 * them short, and these bounds keep the card under 28 KB even with a catalog's longest names.
 */
const ECHO_LIMITS = { heading: 300, explanation: 400 } as const;

/** One session on the list, with its own buttons. */
export interface SessionListRow extends SessionSummaryView {
  /** "Book a place" (or "Join the waitlist") while the session has not started; else null. */
  book: BookData | null;
  bookTitle: string;
  /** Details of this session, with the way back to this page of the list. */
  details: DetailsData;
}

export interface SessionListCardData {
  heading: string;
  /** That only the first part of a long message was read; usually empty. */
  note: string;
  /** Why nothing matched; empty on a list answer. */
  explanation: string;
  /** "Showing 1–5 of 23 sessions." or "The nearest sessions:". */
  intro: string;
  sessions: SessionListRow[];
  previous: MoreData | null;
  previousTitle: string;
  more: MoreData | null;
}

type SessionsAnswer = Extract<WhatsOnAnswer, { kind: 'sessions' }>;
type NothingAnswer = Extract<WhatsOnAnswer, { kind: 'nothing' }>;

/** Places taken on the listed sessions as the bookings stand; without it no session reads as full. */
export type PlacesOnList = ReadonlyMap<string, PlacesTaken>;

/** The sessions a card for this answer lists, so their places can be counted first. */
export function listedSessions(answer: WhatsOnAnswer): SessionMatch[] {
  if (answer.kind === 'sessions') return answer.sessions;
  if (answer.kind === 'nothing') return answer.nearest.slice(0, PAGE_SIZE);
  return [];
}

export function sessionListData(answer: SessionsAnswer, question: Omit<QuestionRef, 'offset'>, now: Date, places?: PlacesOnList): SessionListCardData {
  const { offset, total } = answer;
  const shown = answer.sessions.length;
  const at = (to: number): QuestionRef => ({ ...question, offset: to });
  const back = at(offset);
  return {
    heading: truncate(answer.heading, ECHO_LIMITS.heading),
    note: '',
    explanation: '',
    intro: total > shown ? `Showing ${offset + 1}\u2013${offset + shown} of ${total} sessions.` : shown === 1 ? '1 session.' : `${shown} sessions.`,
    sessions: answer.sessions.map((match, i) => row(match, offset + i + 1, now, back, places)),
    previous: offset > 0 ? moreData(at(Math.max(0, offset - PAGE_SIZE))) : null,
    previousTitle: `Previous ${Math.min(PAGE_SIZE, offset)}`,
    more: total > offset + shown ? moreData(at(offset + shown)) : null,
  };
}

export function nothingFoundData(answer: NothingAnswer, question: Omit<QuestionRef, 'offset'>, now: Date, places?: PlacesOnList): SessionListCardData {
  const nearest = listedSessions(answer);
  const back = { ...question, offset: 0 };
  return {
    heading: truncate(answer.heading, ECHO_LIMITS.heading),
    note: '',
    explanation: truncate(answer.explanation, ECHO_LIMITS.explanation),
    intro: nearest.length === 0 ? '' : nearest.length === 1 ? 'The nearest session:' : 'The nearest sessions:',
    sessions: nearest.map((match, i) => row(match, i + 1, now, back, places)),
    previous: null,
    previousTitle: '',
    more: null,
  };
}

/** A session's summary and its buttons: the same booking data as its details card's Book a place. */
function row(match: SessionMatch, number: number, now: Date, back: QuestionRef, places: PlacesOnList | undefined): SessionListRow {
  const summary = sessionSummary(match, number, now);
  const { capacity } = match.session;
  const taken = places?.get(match.session.id);
  const full = capacity !== undefined && taken !== undefined && taken.booked >= capacity;
  const upcoming = summary.timing === 'upcoming';
  return {
    ...summary,
    book: upcoming ? bookData(match.session.id) : null,
    bookTitle: upcoming && full ? 'Join the waitlist' : 'Book a place',
    details: { verb: VERB.sessionDetails, sessionId: match.session.id, back },
  };
}

export function sessionListCard(data: SessionListCardData): AdaptiveCardJson {
  return renderCard(template, data);
}
