/**
 * One proactive message to an officer's saved conversation: paced under Teams' rate limits, sent
 * through the Bot Connector, and a refusal turned into what the outbox should do about it. A 429
 * never loses the message: the job waits for Retry-After and tries again without spending one of
 * its attempts.
 */
import { CardFactory, MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { GiveUp, RetryLater } from '../jobs/outbox-worker.js';
import type { AdaptiveCardJson } from './cards/render.js';
import type { ProactivePacer, SendTarget } from './pacing.js';

export interface ProactiveSenderDeps {
  /** The adapter (a getter: composition builds it after the outbox that calls this). */
  adapter: () => CloudAdapter;
  /** The bot's Microsoft App ID; empty in local mode (no authentication). */
  botAppId: string;
  /** Keeps messages under Teams' limits; without one they go as fast as the outbox runs them. */
  pacer?: ProactivePacer;
}

export type SendCard = (reference: unknown, card: AdaptiveCardJson, summary: string) => Promise<void>;

/** When a 429 names no Retry-After: wait this long before the next try. */
const DEFAULT_RETRY_AFTER_MS = 1000;

export function proactiveSender(deps: ProactiveSenderDeps): SendCard {
  return async (reference, card, summary) => {
    const target = targetOf(reference);
    await deps.pacer?.acquire(target);
    try {
      const adapter = deps.adapter();
      // Caught inside the turn and thrown after it: the adapter's turn-error handler would
      // otherwise take the failure (and answer a chat nobody wrote in), and the job would count as done.
      let failure: unknown;
      await adapter.continueConversationAsync(deps.botAppId, reference as Partial<ConversationReference>, async (context) => {
        withoutSdkRetries(context.turnState.get(adapter.ConnectorClientKey));
        try {
          await context.sendActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), summary });
        } catch (error) {
          failure = error ?? new Error('the message was not sent');
        }
      });
      if (failure !== undefined) throw failure;
    } catch (error) {
      const status = statusOf(error);
      if (status === 429) {
        const waitMs = retryAfterMs(error) ?? DEFAULT_RETRY_AFTER_MS;
        await deps.pacer?.throttled(target, waitMs);
        throw new RetryLater(`Teams answered 429 (retry after ${waitMs} ms)`, waitMs, true);
      }
      // The app was removed from the chat, or the chat is gone: no later try can reach it.
      if (status === 403 || status === 404) throw new GiveUp(`Teams answered ${status}: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  };
}

/**
 * The outbox is the one retry of a proactive message. The connector client's own (up to three
 * more tries, each waiting out Retry-After) would go unpaced, and could hold the job past its
 * lease, so that another process sent it too.
 */
function withoutSdkRetries(connectorClient: unknown): void {
  const pipeline = (connectorClient as { client?: { pipeline?: { removePolicy(policy: { name: string }): unknown } } } | undefined)?.client?.pipeline;
  pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
}

function targetOf(reference: unknown): SendTarget {
  const conversation = (reference as { conversation?: { id?: unknown; tenantId?: unknown } } | undefined)?.conversation;
  return {
    conversationId: typeof conversation?.id === 'string' ? conversation.id : '',
    ...(typeof conversation?.tenantId === 'string' ? { tenantId: conversation.tenantId } : {}),
  };
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Retry-After in seconds or as an HTTP date, from the connector's error response. */
export function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: { get?(name: string): string | undefined } } } | undefined)?.response?.headers;
  const value = headers?.get?.('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
