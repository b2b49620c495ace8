/**
 * Keeps each officer's conversation reference, so the bot can message them later (a waitlist
 * promotion, an invite that failed). Their personal chat is the place for a private message, so
 * it always wins; a group chat or channel is kept only until a personal chat is known.
 */
import { TurnContext } from 'botbuilder';
import type { ConversationReferenceStore } from '../bookings/conversation-references.js';
import { scopeOf } from './activity.js';

export class ReferenceKeeper {
  /** What this process last saved per officer: most turns change nothing and need no write. */
  private readonly saved = new Map<string, string>();

  constructor(private readonly store: ConversationReferenceStore, private readonly capacity = 50_000) {}

  async remember(context: TurnContext): Promise<void> {
    const officerId = context.activity.from?.aadObjectId;
    if (!officerId || !context.activity.conversation?.id || !context.activity.serviceUrl) return;
    // Without the activity id a message is a new one in the conversation, not a reply to an old turn.
    const { activityId: _turnOnly, ...reference } = TurnContext.getConversationReference(context.activity);
    const json = JSON.stringify(reference);
    const personal = scopeOf(context.activity) === 'personal';
    const known = this.saved.get(officerId);
    if (known === json || (!personal && known !== undefined)) return;
    if (personal) await this.store.save(officerId, reference);
    else await this.store.saveIfAbsent(officerId, reference);
    this.saved.delete(officerId);
    this.saved.set(officerId, json);
    if (this.saved.size > this.capacity) this.saved.delete(this.saved.keys().next().value!);
  }
}
