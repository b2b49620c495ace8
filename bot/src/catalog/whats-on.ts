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
