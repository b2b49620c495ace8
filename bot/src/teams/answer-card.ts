/**
 * A "what's on" question to the card that answers it. Shared by a typed question and by the
 * buttons that ask it again ("Show more", "Back to the list"), so both always agree.
 */
import { MAX_QUESTION_CHARS, questionPart, type WhatsOn, type WhatsOnAnswer } from '../catalog/whats-on.js';
import type { QuestionRef } from './cards/actions.js';
import { helpCard, helpData, type Scope } from './cards/help.js';
import type { AdaptiveCardJson } from './cards/render.js';
import { PAGE_SIZE, nothingFoundData, sessionListCard, sessionListData } from './cards/session-list.js';

export interface AnsweredCard {
  kind: WhatsOnAnswer['kind'];
  card: AdaptiveCardJson;
}

/** Said on the answer when a message was longer than the part the understanding reads. */
export const PART_READ = `I read the first ${MAX_QUESTION_CHARS} characters of your message.`;

export function answerCard(whatsOn: WhatsOn, question: QuestionRef, now: Date, scope: Scope = 'personal'): AnsweredCard {
  // The buttons carry the part that was read, not the message: that is all the answer depends on,
  // and it keeps their data (three copies on a list card) small enough for any card.
  const text = questionPart(question.text);
  const note = text.length < question.text.length ? PART_READ : '';
  const answer = whatsOn.answer({ text, askedAt: new Date(question.askedAt), offset: question.offset, pageSize: PAGE_SIZE });
  const asked = { text, askedAt: question.askedAt };
  switch (answer.kind) {
    case 'sessions':
      return { kind: answer.kind, card: sessionListCard({ ...sessionListData(answer, asked, now), note }) };
    case 'nothing':
      return { kind: answer.kind, card: sessionListCard({ ...nothingFoundData(answer, asked, now), note }) };
    case 'not-understood': {
      const help = helpData('not-understood', scope);
      if (note) help.lead = `${help.lead} ${note}`;
      return { kind: answer.kind, card: helpCard(help) };
    }
  }
}
