/**
 * The data the cards' Action.Execute buttons carry, and the verbs that name them. The verb is
 * repeated inside `data` so that an older client, which sends Action.Execute as an Action.Submit
 * message, still says what was pressed.
 */

export const VERB = {
  /** Re-ask the original question at another offset: "Show more", "Previous 10", "Back to the list". */
  whatsOnMore: 'whatsOn.more',
  /** Everything about one session. */
  sessionDetails: 'session.details',
} as const;

/** Enough to ask the question again exactly as it was first asked; nothing else is trusted. */
export interface QuestionRef {
  text: string;
  /** ISO 8601 instant the question was first asked, so "tomorrow" still means the same day. */
  askedAt: string;
  offset: number;
}

export type MoreData = { verb: typeof VERB.whatsOnMore } & QuestionRef;

/** The chosen session arrives as the `sessionId` input; `back` returns to the list it came from. */
export interface DetailsData {
  verb: typeof VERB.sessionDetails;
  sessionId?: string;
  back?: QuestionRef;
}

export function moreData(question: QuestionRef): MoreData {
  return { verb: VERB.whatsOnMore, text: question.text, askedAt: question.askedAt, offset: question.offset };
}
