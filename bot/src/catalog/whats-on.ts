/**
 * The "what's on" contract between understanding (what the officer asked) and presentation
 * (the cards). Pure domain: no botbuilder, no restify.
 */
import type { Campaign, Recording, Session } from './model.js';

/** A period of time the officer asked about, as instants with a label for people. */
export interface TimeRange {
  from: Date;
  /** Exclusive. */
  to: Date;
  /** How an answer names it: "Friday 19 June", "next week", "tomorrow morning". */
  label: string;
}

/** What was understood from one message. */
export interface WhatsOnQuery {
  range?: TimeRange;
  /** Upcoming sessions, past ones ("what was on", "did I miss"), or both (a named day or week). */
  tense: 'upcoming' | 'past' | 'any';
  campaignIds: string[];
  /** Normalised topic words that must match (title, description, topics). */
  terms: string[];
  presenters: string[];
  organisations: string[];
}

export interface SessionMatch {
  session: Session;
  campaign?: Campaign;
  /** The recording posted for this session, if any. */
  recording?: Recording;
}

export type WhatsOnAnswer =
  | {
      kind: 'sessions';
      /** "Sessions on Friday 19 June", "Sessions about facial recognition". */
      heading: string;
      query: WhatsOnQuery;
      sessions: SessionMatch[];
      /** Every match; sessions holds one page of them starting at offset. */
      total: number;
      offset: number;
    }
  | {
      /** Understood, but nothing matches: say so and offer what is nearest. */
      kind: 'nothing';
      heading: string;
      query: WhatsOnQuery;
      nearest: SessionMatch[];
      /** What the nearest sessions are, to head them: "The nearest sessions in time", "Coming up next". */
      nearestHeading?: string;
      /** One plain sentence: "Nothing is on on Saturday 25 April." */
      explanation: string;
    }
  | { kind: 'not-understood' };

export interface WhatsOnRequest {
  text: string;
  /** The instant the question was asked; paging re-asks with the same instant. */
  askedAt: Date;
  offset?: number;
  pageSize?: number;
}

export interface WhatsOn {
  answer(request: WhatsOnRequest): WhatsOnAnswer;
}

/**
 * How much of a message is read as the question. A question fits easily; a pasted document or a
 * hostile message is not worth reading further, and reading it all would hold up every other
 * officer's answer.
 */
export const MAX_QUESTION_CHARS = 500;

/** The part of a message read as the question: all of it, or its first MAX_QUESTION_CHARS characters ending at a word. */
export function questionPart(text: string): string {
  if (text.length <= MAX_QUESTION_CHARS) return text;
  let cut = MAX_QUESTION_CHARS;
  // Never half of an emoji (a surrogate pair).
  if (/[\ud800-\udbff]/.test(text[cut - 1]!)) cut -= 1;
  // At a word, unless that throws away much of the part (one very long word).
  let space = cut;
  while (space > MAX_QUESTION_CHARS * 0.8 && !/\s/.test(text[space]!)) space--;
  if (/\s/.test(text[space]!)) cut = space;
  return text.slice(0, cut).trimEnd();
}
