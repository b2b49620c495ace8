/**
 * Reading what an officer sent: the text without the bot's @mention, the question behind a
 * tapped suggestion, the verb behind a button pressed on an older client, and the scope.
 */
import { TurnContext, type Activity } from 'botbuilder';
import type { Scope } from './cards/help.js';
import { readsAsDistress } from '../wellbeing/distress.js';
import type { TextReading } from '../http/distress-guard.js';

/**
 * turnState key: how the HTTP edge read the activity's text for distress (`{ text, distress }`,
 * http/distress-guard.ts), so the bot reading the same text takes the edge's answer.
 */
export const EDGE_TEXT_READING = Symbol('the edge read the text for distress');

/** Whether this text reads as distress: the edge's reading when it read this very text, else read now. */
export function textReadsAsDistress(context: TurnContext, text: string): boolean {
  const edge = context.turnState.get(EDGE_TEXT_READING) as TextReading | undefined;
  return edge !== undefined && edge.text === text ? edge.distress : readsAsDistress(text);
}

/** The message text without the bot's @mention (group chats and channels). */
export function messageText(activity: Partial<Activity>): string {
  const withoutMentions = activity.text ? (TurnContext.removeRecipientMention(activity as Activity) ?? activity.text) : '';
  return withoutMentions
    .replace(/<at>[^<]*<\/at>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A plain JSON object (not null, not an array): what a card's value or data must be before it is read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The question behind a tapped help suggestion, which arrives as the message's value (`{ask}`,
 * the Action.Submit's data) with no text. Help cards sent before the suggestions were plain data
 * carried a messageBack (`msteams.text`) or imBack (`msteams.value`): those still in a chat's
 * history are read too.
 */
export function suggestedQuestion(value: unknown): string {
  if (!isRecord(value)) return '';
  const msteams = isRecord(value.msteams) ? value.msteams : undefined;
  const candidates = [value.ask, msteams?.text, msteams?.type === 'imBack' ? msteams.value : undefined];
  const found = candidates.find((c): c is string => typeof c === 'string' && c.trim().length > 0);
  return found ? found.replace(/\s+/g, ' ').trim() : '';
}

/** The verb of a card button sent as Action.Submit (older clients), if the value names one. */
export function submittedVerb(value: unknown): string | undefined {
  return isRecord(value) && typeof value.verb === 'string' ? value.verb : undefined;
}

export function scopeOf(activity: Partial<Activity>): Scope {
  const type = activity.conversation?.conversationType;
  if (type === 'channel' || activity.channelData?.team) return 'channel';
  if (type === 'groupChat' || activity.conversation?.isGroup) return 'groupChat';
  return 'personal';
}

/**
 * One key per installation: the team for a team install (its channels share it), otherwise the
 * conversation without Teams' `;messageid=` suffix.
 */
export function installationKey(activity: Partial<Activity>): string {
  const team = activity.channelData?.team?.id;
  if (typeof team === 'string' && team) return `team:${team}`;
  return `conversation:${(activity.conversation?.id ?? '').split(';')[0]}`;
}
