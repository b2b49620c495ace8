/**
 * A "what's on" question to the card that answers it. Shared by a typed question and by the
 * buttons that ask it again ("Show more", "Back to the list"), so both always agree.
 */
import type { WhatsOn, WhatsOnAnswer } from '../catalog/whats-on.js';
import type { QuestionRef } from './cards/actions.js';
import { helpCard, helpData, type Scope } from './cards/help.js';
import type { AdaptiveCardJson } from './cards/render.js';
import { PAGE_SIZE, nothingFoundData, sessionListCard, sessionListData } from './cards/session-list.js';

export interface AnsweredCard {
  kind: WhatsOnAnswer['kind'];
  card: AdaptiveCardJson;
}

export function answerCard(whatsOn: WhatsOn, question: QuestionRef, now: Date, scope: Scope = 'personal'): AnsweredCard {
  const answer = whatsOn.answer({ text: question.text, askedAt: new Date(question.askedAt), offset: question.offset, pageSize: PAGE_SIZE });
  const asked = { text: question.text, askedAt: question.askedAt };
  switch (answer.kind) {
    case 'sessions':
      return { kind: answer.kind, card: sessionListCard(sessionListData(answer, asked, now)) };
    case 'nothing':
      return { kind: answer.kind, card: sessionListCard(nothingFoundData(answer, asked, now)) };
    case 'not-understood':
      return { kind: answer.kind, card: helpCard(helpData('not-understood', scope)) };
  }
}
