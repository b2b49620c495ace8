/**
 * The Teams edge: turns activities into use-case calls and answers into cards. The only
 * folder (with server.ts and composition.ts) that knows botbuilder.
 */
import { TeamsActivityHandler, TurnContext, type Activity } from 'botbuilder';
import type { Clock } from '../clock.js';
import type { WhatsOn } from '../catalog/whats-on.js';
import type { Logger } from '../log.js';

export interface BotDeps {
  whatsOn: WhatsOn;
  clock: Clock;
  logger: Logger;
}

export class CpdBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const text = messageText(context.activity);
    const answer = this.deps.whatsOn.answer({ text, askedAt: this.deps.clock.now() });
    this.deps.logger.info({ kind: answer.kind }, 'answered');
    if (answer.kind === 'sessions') {
      await context.sendActivity(answer.sessions.map((m) => m.session.title).join('\n'));
    } else {
      await context.sendActivity('Sorry, I did not understand that.');
    }
  }
}

/** The message text without the bot's @mention (group chats and channels). */
export function messageText(activity: Partial<Activity>): string {
  const withoutMentions = activity.text ? TurnContext.removeRecipientMention(activity as Activity) ?? activity.text : '';
  return withoutMentions.replace(/<at>[^<]*<\/at>/g, ' ').replace(/\s+/g, ' ').trim();
}
