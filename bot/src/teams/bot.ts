/**
 * The Teams edge: turns activities into use-case calls and answers into cards. The only
 * folder (with server.ts and composition.ts) that knows botbuilder.
 *
 * Every handler does four things: read the input, call a use case, render a card, send it.
 *   message              -> the first route of `messageRoutes` that accepts it: words of distress
 *                           (the crisis line, before anything else), a button from an older
 *                           client (Action.Submit with a verb), no text, help / welcome words,
 *                           "my bookings", "my cpd", else a "what's on" question (a tapped
 *                           suggestion counts as typed text)
 *   adaptiveCard/action  -> the verb table (verbs.ts): the card that replaces the pressed one
 *   installationUpdate   -> welcome, once per installation
 *   conversationUpdate   -> welcome when the bot itself is added (not when people join)
 *   composeExtension/*   -> the message extension (message-extension.ts): search, pick, unfurl
 */
import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AppBasedLinkQuery,
  type InvokeResponse,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  type TurnContext,
} from 'botbuilder';
import type { Clock } from '../clock.js';
import type { Programme } from '../catalog/live-catalog.js';
import type { Logger } from '../log.js';
import type { BookingService } from '../bookings/booking-service.js';
import type { ConversationReferenceStore } from '../bookings/conversation-references.js';
import type { CpdRecord } from '../cpd/cpd-record.js';
import { asksForMyBookings } from '../catalog/understanding/requests.js';
import { installationKey, isRecord, messageText, scopeOf, submittedVerb, suggestedQuestion, textReadsAsDistress } from './activity.js';
import { bookingVerbs } from './booking-verbs.js';
import { reminderVerbs, type ReminderVerbDeps } from './reminder-verbs.js';
import { cpdVerbs, CPD_PRIVATE_TEXT } from './cpd-verbs.js';
import { VERB } from './cards/actions.js';
import { forUsers, sharedMyBookingsCard } from './cards/booking.js';
import { ReferenceKeeper } from './references.js';
import { answerCard } from './answer-card.js';
import { helpCard, helpData, type HelpReason } from './cards/help.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCardJson } from './cards/render.js';
import { badData, whatsOnVerbs, type VerbResult, type VerbTable } from './verbs.js';
import { InMemoryWelcomes, type Welcomes } from './welcomes.js';
import { MessageExtension, isSharedSessionMessage } from './message-extension.js';
import { wellbeingCard } from './cards/wellbeing.js';

export { messageText } from './activity.js';

export interface BotDeps {
  /** The live catalog version: its understanding index and sessions model. */
  programme: () => Pick<Programme, 'whatsOn' | 'sessions'>;
  clock: Clock;
  logger: Logger;
  /** More card verbs (e.g. `booking.book`), added to the "what's on" ones. */
  verbs?: VerbTable;
  /** Booking: the `booking.*` verbs and "my bookings". */
  bookings?: BookingService;
  /** Where each officer's conversation is kept for proactive messages. */
  references?: ConversationReferenceStore;
  /** Defaults to memory; the app passes the database ledger (one welcome across processes). */
  welcomes?: Welcomes;
  /** Reminders and "Did you attend?" (with bookings): "stop reminders", "start reminders" and their buttons. */
  reminders?: Pick<ReminderVerbDeps, 'settings' | 'attendance'>;
  /** The app's public address: links to its session pages unfurl into session cards. */
  publicBaseUrl?: string;
  /** The CPD record: "my cpd" and the `cpd.*` verbs. */
  cpd?: CpdRecord;
}

/** "my cpd" (the manifest command) and the obvious ways of asking for the record. */
const MY_CPD_WORDS =
  /^((show|see|open|view|list|get|check) )?(me )?(my|all my) (cpd|c\.p\.d\.?)( (record|log|hours|history|entries|evidence|portfolio))?[\s.!?]*$|^cpd( record)?[\s.!?]*$/i;

/** "stop reminders" / "start reminders" and the plain ways of saying them. */
const STOP_REMINDERS_WORDS =
  /^(please )?((stop|turn off|switch off|disable|pause|mute|no more) (my |the |all |all my )?reminders?|reminders? off)( please)?[\s.!?]*$/i;
const START_REMINDERS_WORDS =
  /^(please )?((start|turn on|switch on|enable|resume|restart|unmute) (my |the )?reminders?( again)?|reminders? on)( please)?[\s.!?]*$/i;

const HELP_WORDS = /^(help|\?|hi|hiya|hello|hey|good (morning|afternoon|evening)|start|menu|what can you do)[\s.!?]*$/i;

/** What a message turn has to go on: the typed (or tapped) text, or the verb of an older client's button. */
interface MessageInput {
  context: TurnContext;
  text: string;
  verb: string | undefined;
}

/** One way of answering a message: the first route whose `accepts` is true answers it. */
interface MessageRoute {
  name: string;
  accepts(input: MessageInput, bot: CpdBot): boolean;
  answer(input: MessageInput, bot: CpdBot): Promise<void>;
}

/** How messages are answered, in order. */
const messageRoutes: readonly MessageRoute[] = [
  // Distress first, whatever else the message says: the crisis line, and nothing else in that reply.
  { name: 'wellbeing', accepts: ({ context, text }) => textReadsAsDistress(context, text), answer: ({ context }, bot) => bot.sendWellbeing(context) },
  {
    name: 'button from an older client',
    accepts: ({ verb }) => verb !== undefined,
    answer: ({ context, verb }, bot) => bot.answerSubmittedVerb(context, verb!),
  },
  // The officer's own share of a session card into this chat: nothing to answer.
  { name: 'a shared session card', accepts: ({ context, text }) => text === '' && isSharedSessionMessage(context.activity), answer: async () => undefined },
  { name: 'no text', accepts: ({ text }) => text === '', answer: ({ context }, bot) => bot.sendHelp(context, 'no-text') },
  { name: 'help', accepts: ({ text }) => HELP_WORDS.test(text), answer: ({ context }, bot) => bot.sendHelp(context, 'help') },
  { name: 'my bookings', accepts: ({ text }, bot) => bot.books && asksForMyBookings(text), answer: ({ context }, bot) => bot.sendMyBookings(context) },
  { name: 'my cpd', accepts: ({ text }, bot) => bot.keepsCpd && MY_CPD_WORDS.test(text), answer: ({ context }, bot) => bot.sendMyCpd(context) },
  // Typed, they answer as the buttons of the same name do (a typed message carries no button data).
  {
    name: 'stop reminders',
    accepts: ({ text }, bot) => bot.reminds && STOP_REMINDERS_WORDS.test(text),
    answer: ({ context }, bot) => bot.answerSubmittedVerb(context, VERB.stopReminders),
  },
  {
    name: 'start reminders',
    accepts: ({ text }, bot) => bot.reminds && START_REMINDERS_WORDS.test(text),
    answer: ({ context }, bot) => bot.answerSubmittedVerb(context, VERB.startReminders),
  },
  { name: "what's on", accepts: () => true, answer: ({ context, text }, bot) => bot.answerQuestion(context, text) },
];

export class CpdBot extends TeamsActivityHandler {
  private readonly verbs: VerbTable;
  private readonly welcomes: Welcomes;
  private readonly references: ReferenceKeeper | undefined;
  private readonly extension: MessageExtension;

  constructor(private readonly deps: BotDeps) {
    super();
    const booking = deps.bookings ? bookingVerbs({ bookings: deps.bookings, programme: deps.programme, logger: deps.logger }) : {};
    const cpd = deps.cpd ? cpdVerbs({ cpd: deps.cpd }) : {};
    const reminders = deps.reminders && deps.bookings ? reminderVerbs({ ...deps.reminders, bookings: deps.bookings, programme: deps.programme }) : {};
    this.verbs = { ...whatsOnVerbs(deps), ...booking, ...reminders, ...cpd, ...deps.verbs };
    this.welcomes = deps.welcomes ?? new InMemoryWelcomes();
    this.references = deps.references ? new ReferenceKeeper(deps.references) : undefined;
    this.extension = new MessageExtension({ programme: deps.programme, clock: deps.clock, logger: deps.logger, publicBaseUrl: deps.publicBaseUrl });
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcome(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.welcomes.forget(installationKey(context.activity));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if (botId && context.activity.membersAdded?.some((m) => m.id === botId)) await this.welcome(context);
      await next();
    });
  }

  /** Whether reminders are wired in ("stop reminders", "start reminders"). */
  get reminds(): boolean {
    return this.deps.reminders !== undefined && this.deps.bookings !== undefined;
  }

  /** Whether booking is wired in ("my bookings" and the booking buttons). */
  get books(): boolean {
    return this.deps.bookings !== undefined;
  }

  /** Whether the CPD record is wired in ("my cpd" and its buttons). */
  get keepsCpd(): boolean {
    return this.deps.cpd !== undefined;
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { activity } = context;
    const text = messageText(activity) || suggestedQuestion(activity.value) || '';
    const input: MessageInput = { context, text, verb: text ? undefined : submittedVerb(activity.value) };
    const route = messageRoutes.find((r) => r.accepts(input, this))!;
    await route.answer(input, this);
  }

  async answerQuestion(context: TurnContext, text: string): Promise<void> {
    const scope = scopeOf(context.activity);
    const now = this.deps.clock.now();
    const { bookings } = this.deps;
    const placesOn = bookings && ((ids: readonly string[]) => bookings.placesOnAll(ids));
    const { kind, card } = await answerCard(this.deps.programme().whatsOn, { text, askedAt: now.toISOString(), offset: 0 }, now, scope, placesOn);
    this.deps.logger.info({ answer: kind, scope }, 'answered a question');
    await this.sendCard(context, card);
  }

  /**
   * Personal chat: the list itself. A group chat or channel: a card that shows each person their
   * own list (user-specific view; the asker is listed, so theirs appears without a press).
   */
  async sendMyBookings(context: TurnContext): Promise<void> {
    if (scopeOf(context.activity) !== 'personal') {
      const card = forUsers(sharedMyBookingsCard(context.activity.from?.name), [context.activity.from.id], { verb: VERB.myBookings });
      return this.sendCard(context, card);
    }
    await this.answerWithVerb(context, VERB.myBookings, {});
  }

  /** The officer's CPD record, in the personal chat only: it is private to them. */
  async sendMyCpd(context: TurnContext): Promise<void> {
    if (scopeOf(context.activity) !== 'personal') {
      await context.sendActivity(CPD_PRIVATE_TEXT);
      return;
    }
    await this.answerWithVerb(context, VERB.cpdRecord, {});
  }

  /** Every message and card action keeps the officer's conversation for later messages. */
  protected override async onTurnActivity(context: TurnContext): Promise<void> {
    const type = context.activity.type;
    const saving =
      this.references && (type === 'message' || type === 'invoke')
        ? this.references.remember(context).catch((error: unknown) => this.deps.logger.warn({ err: error }, 'could not save the conversation reference'))
        : undefined;
    try {
      await super.onTurnActivity(context);
    } finally {
      await saving;
    }
  }

  /** Action.Submit from a client without Action.Execute: run the same verb, answer with a new message. */
  async answerSubmittedVerb(context: TurnContext, verb: string): Promise<void> {
    await this.answerWithVerb(context, verb, context.activity.value);
  }

  /** A verb's answer as a new message: its card, or its sentence. */
  private async answerWithVerb(context: TurnContext, verb: string, data: unknown): Promise<void> {
    const result = await this.runVerb(context, verb, data);
    if (result.kind === 'card') await this.sendCard(context, result.card);
    else await context.sendActivity(result.kind === 'message' ? result.text : result.message);
  }

  /** Action.Execute: the answer replaces the pressed card (or shows a message / an error). */
  /** The message extension's search, from the compose box, the command box or a message's menu. */
  protected override handleTeamsMessagingExtensionQuery(_context: TurnContext, query: MessagingExtensionQuery): Promise<MessagingExtensionResponse> {
    return this.extension.query(query);
  }

  /** A tapped search result: its card as the session stands now. */
  protected override handleTeamsMessagingExtensionSelectItem(_context: TurnContext, item: unknown): Promise<MessagingExtensionResponse> {
    return this.extension.selectItem(item);
  }

  /** A pasted https://<app host>/sessions/<id> link. */
  protected override handleTeamsAppBasedLinkQuery(_context: TurnContext, query: AppBasedLinkQuery): Promise<MessagingExtensionResponse> {
    return this.extension.queryLink(query);
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    const value: unknown = context.activity.value;
    const action = isRecord(value) && isRecord(value.action) ? value.action : undefined;
    const verb = action?.type === 'Action.Execute' && typeof action.verb === 'string' ? action.verb : undefined;
    let response: AdaptiveCardInvokeResponse;
    try {
      response = invokeResponse(verb ? await this.runVerb(context, verb, action?.data ?? {}) : badData);
    } catch (error) {
      // The officer sees a plain sentence on the card; the detail goes to the log only.
      this.deps.logger.error({ err: error, verb }, 'card action failed');
      response = {
        statusCode: 500,
        type: 'application/vnd.microsoft.error',
        value: { code: 'InternalError', message: 'Sorry, something went wrong on our side. Please try again in a moment.' },
      };
    }
    return { status: response.statusCode, body: response };
  }

  private async runVerb(context: TurnContext, verb: string, data: unknown): Promise<VerbResult> {
    const handler = Object.hasOwn(this.verbs, verb) ? this.verbs[verb] : undefined;
    if (!handler) {
      this.deps.logger.warn({ verb }, 'card action with an unknown verb');
      return { kind: 'refused', code: 'UnknownVerb', message: "Sorry, that button doesn't do anything any more. Ask me again." };
    }
    const result = await handler({ data, context, now: this.deps.clock.now() });
    this.deps.logger.info({ verb, result: result.kind }, 'card action');
    return result;
  }

  private async welcome(context: TurnContext): Promise<void> {
    if (!(await this.welcomes.firstTime(installationKey(context.activity)))) return;
    this.deps.logger.info({ scope: scopeOf(context.activity) }, 'welcomed a new installation');
    await this.sendCard(context, helpCard(helpData('welcome', scopeOf(context.activity))));
  }

  /** The crisis line and wellbeing support. Not logged: nothing of the message, nor that it was answered so. */
  async sendWellbeing(context: TurnContext): Promise<void> {
    await this.sendCard(context, wellbeingCard());
  }

  async sendHelp(context: TurnContext, why: HelpReason | 'no-text'): Promise<void> {
    const data = helpData(why === 'no-text' ? 'not-understood' : why, scopeOf(context.activity));
    if (why === 'no-text') data.lead = 'I can only read typed questions.';
    await this.sendCard(context, helpCard(data));
  }

  private async sendCard(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  }
}

/** The Universal Actions response for a verb's result: card, message or error. */
export function invokeResponse(result: VerbResult): AdaptiveCardInvokeResponse {
  switch (result.kind) {
    case 'card':
      return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: result.card };
    case 'message':
      // botbuilder types every value as an object, but a message response carries a plain string.
      return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: result.text as unknown as Record<string, unknown> };
    case 'refused':
      return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: result.code, message: result.message } };
  }
}
