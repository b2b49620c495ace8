/**
 * The list answer ("Sessions next week": up to 10 sessions, Details, Show more) and the
 * nothing-found answer (a plain explanation and the nearest sessions) share one template.
 *
 * Teams allows 6 actions on a card, counting every button and tappable area, so a session
 * cannot have its own buttons: one "Details" button acts on the session chosen in the list,
 * and recordings are links in the text. Booking can add one more button the same way.
 */
import type { WhatsOnAnswer } from '../../catalog/whats-on.js';
import { sessionSummary, type SessionSummaryView } from '../presentation.js';
import { VERB, moreData, type DetailsData, type MoreData, type QuestionRef } from './actions.js';
import { renderCard, type AdaptiveCardJson } from './render.js';
import template from './session-list.json' with { type: 'json' };

export const PAGE_SIZE = 10;

export interface SessionListCardData {
  heading: string;
  /** Why nothing matched; empty on a list answer. */
  explanation: string;
  /** "Showing 1–10 of 23 sessions." or "The nearest sessions:". */
  intro: string;
  sessions: SessionSummaryView[];
  details: DetailsData;
  previous: MoreData | null;
  more: MoreData | null;
}

type SessionsAnswer = Extract<WhatsOnAnswer, { kind: 'sessions' }>;
type NothingAnswer = Extract<WhatsOnAnswer, { kind: 'nothing' }>;

export function sessionListData(answer: SessionsAnswer, question: Omit<QuestionRef, 'offset'>, now: Date): SessionListCardData {
  const { offset, total } = answer;
  const shown = answer.sessions.length;
  const at = (to: number): QuestionRef => ({ ...question, offset: to });
  return {
    heading: answer.heading,
    explanation: '',
    intro: total > shown ? `Showing ${offset + 1}\u2013${offset + shown} of ${total} sessions.` : shown === 1 ? '1 session.' : `${shown} sessions.`,
    sessions: answer.sessions.map((match, i) => sessionSummary(match, offset + i + 1, now)),
    details: { verb: VERB.sessionDetails, back: at(offset) },
    previous: offset > 0 ? moreData(at(Math.max(0, offset - PAGE_SIZE))) : null,
    more: total > offset + shown ? moreData(at(offset + shown)) : null,
  };
}

export function nothingFoundData(answer: NothingAnswer, question: Omit<QuestionRef, 'offset'>, now: Date): SessionListCardData {
  return {
    heading: answer.heading,
    explanation: answer.explanation,
    intro: answer.nearest.length === 0 ? '' : answer.nearest.length === 1 ? 'The nearest session:' : 'The nearest sessions:',
    sessions: answer.nearest.slice(0, PAGE_SIZE).map((match, i) => sessionSummary(match, i + 1, now)),
    details: { verb: VERB.sessionDetails, back: { ...question, offset: 0 } },
    previous: null,
    more: null,
  };
}

export function sessionListCard(data: SessionListCardData): AdaptiveCardJson {
  return renderCard(template, data);
}
