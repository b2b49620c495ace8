/**
 * The list answer ("Sessions next week": up to 10 sessions, Details, Show more) and the
 * nothing-found answer (a plain explanation and the nearest sessions) share one template.
 *
 * Teams allows 6 actions on a card, counting every button and tappable area, so a session
 * cannot have its own buttons: one "Details" button acts on the session chosen in the list,
 * and recordings are links in the text. "Book a place" works the same way, on the chosen session,
 * and is offered only while a session in the list can still be booked.
 */
import type { WhatsOnAnswer } from '../../catalog/whats-on.js';
import { sessionSummary, truncate, type SessionSummaryView } from '../presentation.js';
import { VERB, bookData, moreData, type BookData, type DetailsData, type MoreData, type QuestionRef } from './actions.js';
import { renderCard, type AdaptiveCardJson } from './render.js';
import template from './session-list.json' with { type: 'json' };

export const PAGE_SIZE = 10;

/**
 * The heading and the nothing-found sentence name what was asked for; the understanding keeps
 * them short, and these bounds keep the card under 28 KB even with a catalog's longest names.
 */
const ECHO_LIMITS = { heading: 300, explanation: 400 } as const;

export interface SessionListCardData {
  heading: string;
  /** That only the first part of a long message was read; usually empty. */
  note: string;
  /** Why nothing matched; empty on a list answer. */
  explanation: string;
  /** "Showing 1–10 of 23 sessions." or "The nearest sessions:". */
  intro: string;
  sessions: SessionSummaryView[];
  details: DetailsData;
  /** "Book a place" for the chosen session; null when nothing in the list can be booked any more. */
  book: BookData | null;
  chooserLabel: string;
  /** Preselected when the list has one session, so one press books it. */
  selected: string;
  previous: MoreData | null;
  more: MoreData | null;
}

type SessionsAnswer = Extract<WhatsOnAnswer, { kind: 'sessions' }>;
type NothingAnswer = Extract<WhatsOnAnswer, { kind: 'nothing' }>;

export function sessionListData(answer: SessionsAnswer, question: Omit<QuestionRef, 'offset'>, now: Date): SessionListCardData {
  const { offset, total } = answer;
  const shown = answer.sessions.length;
  const sessions = answer.sessions.map((match, i) => sessionSummary(match, offset + i + 1, now));
  const at = (to: number): QuestionRef => ({ ...question, offset: to });
  return {
    heading: truncate(answer.heading, ECHO_LIMITS.heading),
    note: '',
    explanation: '',
    intro: total > shown ? `Showing ${offset + 1}\u2013${offset + shown} of ${total} sessions.` : shown === 1 ? '1 session.' : `${shown} sessions.`,
    sessions,
    details: { verb: VERB.sessionDetails, back: at(offset) },
    ...chooser(sessions),
    previous: offset > 0 ? moreData(at(Math.max(0, offset - PAGE_SIZE))) : null,
    more: total > offset + shown ? moreData(at(offset + shown)) : null,
  };
}

export function nothingFoundData(answer: NothingAnswer, question: Omit<QuestionRef, 'offset'>, now: Date): SessionListCardData {
  const sessions = answer.nearest.slice(0, PAGE_SIZE).map((match, i) => sessionSummary(match, i + 1, now));
  return {
    heading: truncate(answer.heading, ECHO_LIMITS.heading),
    note: '',
    explanation: truncate(answer.explanation, ECHO_LIMITS.explanation),
    intro: answer.nearest.length === 0 ? '' : answer.nearest.length === 1 ? 'The nearest session:' : 'The nearest sessions:',
    sessions,
    details: { verb: VERB.sessionDetails, back: { ...question, offset: 0 } },
    ...chooser(sessions),
    previous: null,
    more: null,
  };
}

/** The chooser and Book button, from the sessions shown. */
function chooser(sessions: SessionSummaryView[]): Pick<SessionListCardData, 'book' | 'chooserLabel' | 'selected'> {
  const bookable = sessions.some((s) => s.timing === 'upcoming');
  return {
    book: bookable ? bookData() : null,
    chooserLabel: bookable ? 'Choose a session to see its details or book a place' : 'See everything about a session',
    selected: sessions.length === 1 ? sessions[0]!.id : '',
  };
}

export function sessionListCard(data: SessionListCardData): AdaptiveCardJson {
  return renderCard(template, data);
}
