/**
 * A "what's on" question to the card that answers it. Shared by a typed question and by the
 * buttons that ask it again ("Show more", "Back to the list"), so both always agree.
 */
import { MAX_QUESTION_CHARS, questionPart, type WhatsOn, type WhatsOnAnswer } from '../catalog/whats-on.js';
import type { QuestionRef } from './cards/actions.js';
import { helpCard, helpData, type Scope } from './cards/help.js';
import type { AdaptiveCardJson } from './cards/render.js';
import type { PlacesTaken } from './cards/session-details.js';
import { PAGE_SIZE, listedSessions, nothingFoundData, sessionListCard, sessionListData, type PlacesOnList } from './cards/session-list.js';

export interface AnsweredCard {
  kind: WhatsOnAnswer['kind'];
  card: AdaptiveCardJson;
}

/** Said on the answer when a message was longer than the part the understanding reads. */
export const PART_READ = `I read the first ${MAX_QUESTION_CHARS} characters of your message.`;

/** Places taken on each of these sessions, at most a second old (BookingService.placesOnAll). */
export type PlacesLookup = (sessionIds: readonly string[]) => Promise<ReadonlyMap<string, PlacesTaken>>;

export async function answerCard(
  whatsOn: WhatsOn,
  question: QuestionRef,
  now: Date,
  scope: Scope = 'personal',
  placesOn?: PlacesLookup,
): Promise<AnsweredCard> {
  // The buttons carry the part that was read, not the message: that is all the answer depends on,
  // and it keeps their data (three copies on a list card) small enough for any card.
  const text = questionPart(question.text);
  const note = text.length < question.text.length ? PART_READ : '';
  const answer = whatsOn.answer({ text, askedAt: new Date(question.askedAt), offset: question.offset, pageSize: PAGE_SIZE });
  const asked = { text, askedAt: question.askedAt };
  const places = placesOn ? await placesOnList(answer, placesOn, now) : undefined;
  switch (answer.kind) {
    case 'sessions':
      return { kind: answer.kind, card: sessionListCard({ ...sessionListData(answer, asked, now, places), note }) };
    case 'nothing':
      return { kind: answer.kind, card: sessionListCard({ ...nothingFoundData(answer, asked, now, places), note }) };
    case 'not-understood': {
      const help = helpData('not-understood', scope);
      if (note) help.lead = `${help.lead} ${note}`;
      return { kind: answer.kind, card: helpCard(help) };
    }
  }
}

/** The places taken on each upcoming session with a limit the card lists: which read "Join the waitlist". */
async function placesOnList(answer: WhatsOnAnswer, placesOn: PlacesLookup, now: Date): Promise<PlacesOnList> {
  // One read for the page, and none when nothing listed has a limit still to fill.
  const limited = listedSessions(answer)
    .filter(({ session }) => session.capacity !== undefined && now < session.startsAt)
    .map(({ session }) => session.id);
  if (limited.length === 0) return new Map();
  const taken = await placesOn(limited);
  return new Map(limited.map((id) => [id, taken.get(id) ?? { booked: 0, waitlisted: 0 }]));
}
