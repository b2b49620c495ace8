/**
 * Keeps each officer's personal-chat conversation reference, so the bot can message them later
 * (a waitlist promotion, an invite that failed). Those messages are private — their booking, an
 * .ics link, Cancel — so only a personal chat is kept: a group chat or channel is never used for
 * them. An officer who has not talked to the bot in personal chat gets no message; the booking
 * card they pressed already shows their state.
 */
import { TurnContext } from 'botbuilder';
import type { ConversationReferenceStore } from '../bookings/conversation-references.js';
import { scopeOf } from './activity.js';

export class ReferenceKeeper {
  /** What this process last saved per officer: most turns change nothing and need no write. */
  private readonly saved = new Map<string, string>();

  constructor(
    private readonly store: ConversationReferenceStore,
    private readonly capacity = 50_000,
  ) {}

  async remember(context: TurnContext): Promise<void> {
    const officerId = context.activity.from?.aadObjectId;
    if (!officerId || !context.activity.conversation?.id || !context.activity.serviceUrl) return;
    if (scopeOf(context.activity) !== 'personal') return;
    // Without the activity id a message is a new one in the conversation, not a reply to an old turn.
    const { activityId: _turnOnly, ...reference } = TurnContext.getConversationReference(context.activity);
    const json = JSON.stringify(reference);
    if (this.saved.get(officerId) === json) return;
    await this.store.save(officerId, reference);
    this.saved.delete(officerId);
    this.saved.set(officerId, json);
    if (this.saved.size > this.capacity) this.saved.delete(this.saved.keys().next().value!);
  }
}
