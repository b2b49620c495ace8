/**
 * CalendarGateway over Microsoft Graph (POST, PATCH and DELETE /users/{id}/events), through
 * the official SDK client. This is the only file that knows the Graph SDK and Azure identity.
 *
 * The SDK's default middleware retries 429/503/504 itself; we build the chain without its
 * RetryHandler so the durable outbox alone decides when to retry (a retry inside one process
 * would hold a per-mailbox slot and be lost on a crash).
 */
import { AuthenticationHandler, Client, GraphError, HTTPMessageHandler, type Middleware } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import { CalendarError, classifyStatus, parseRetryAfter, type CalendarEvent, type CalendarGateway } from './calendar-gateway.js';
import { calendarTimeZone, graphDateTime, htmlBody } from './event-content.js';

export interface GraphCalendarOptions {
  /** e.g. https://graph.microsoft.com/v1.0, or a loopback Graph-compatible server. */
  baseUrl: string;
  /** Absent for a loopback server: no token is requested or sent. */
  credential?: TokenCredential;
  /** A request that takes longer is aborted and treated as transient. */
  timeoutMs?: number;
}

export const graphScope = 'https://graph.microsoft.com/.default';

/** The body Graph receives for one invite. */
export function toGraphEvent(event: CalendarEvent, transactionId: string): Record<string, unknown> {
  return { ...toGraphEventPatch(event), transactionId };
}

/**
 * The body of an update: everything the create sends except transactionId, which only
 * de-duplicates creates. Every property is sent, so the event ends up as a fresh create would.
 */
export function toGraphEventPatch(event: CalendarEvent): Record<string, unknown> {
  return {
    subject: event.subject,
    body: { contentType: 'html', content: htmlBody(event) },
    start: graphDateTime(event.startsAt),
    end: graphDateTime(event.endsAt),
    location: event.joinUrl ? { displayName: 'Microsoft Teams', locationUri: event.joinUrl, locationType: 'default' } : { displayName: 'Microsoft Teams' },
    isReminderOn: true,
    reminderMinutesBeforeStart: 15,
    categories: ['CPD'],
    showAs: 'busy',
  };
}

/**
 * The app's own identity for Graph (application permission Calendars.ReadWrite): a client
 * secret or certificate for an Entra app registration, otherwise the user-assigned managed
 * identity with that client id. Undefined for a loopback server, which needs no token.
 */
export function graphCredential(settings: {
  loopback: boolean;
  credential?: { clientId: string; tenantId?: string; clientSecret?: string; certificatePath?: string };
}): TokenCredential | undefined {
  const c = settings.credential;
  if (settings.loopback || !c) return undefined;
  if (c.clientSecret && c.tenantId) return new ClientSecretCredential(c.tenantId, c.clientId, c.clientSecret);
  if (c.certificatePath && c.tenantId) return new ClientCertificateCredential(c.tenantId, c.clientId, { certificatePath: c.certificatePath });
  return new ManagedIdentityCredential({ clientId: c.clientId });
}

export class GraphCalendar implements CalendarGateway {
  private readonly client: Client;
  private readonly timeoutMs: number;

  constructor(options: GraphCalendarOptions) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    const url = new URL(options.baseUrl);
    // The SDK joins baseUrl + defaultVersion + path: split ".../v1.0" into its two parts.
    const segments = url.pathname.split('/').filter(Boolean);
    const version = segments.pop() ?? '';
    const baseUrl = `${url.origin}${segments.length ? `/${segments.join('/')}` : ''}`;
    const chain: Middleware[] = [];
    if (options.credential) {
      chain.push(new AuthenticationHandler(new TokenCredentialAuthenticationProvider(options.credential, { scopes: [graphScope] })));
    }
    chain.push(new HTTPMessageHandler());
    const customHost = url.hostname !== 'graph.microsoft.com' && url.protocol === 'https:' ? { customHosts: new Set([url.hostname]) } : {};
    this.client = Client.initWithMiddleware({ baseUrl, defaultVersion: version, middleware: chain, ...customHost });
  }

  async createEvent(mailbox: string, event: CalendarEvent, transactionId: string): Promise<{ eventId: string }> {
    const created = await this.call(() =>
      this.client
        .api(`/users/${encodeURIComponent(mailbox)}/events`)
        .option('signal', AbortSignal.timeout(this.timeoutMs))
        .header('Prefer', `outlook.timezone="${calendarTimeZone}"`)
        .post(toGraphEvent(event, transactionId)),
    );
    const id = (created as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string' || id === '') throw new CalendarError('transient', 'Graph answered the create without an event id');
    return { eventId: id };
  }

  async updateEvent(mailbox: string, eventId: string, event: CalendarEvent): Promise<void> {
    await this.call(() =>
      this.client
        .api(`/users/${encodeURIComponent(mailbox)}/events/${encodeURIComponent(eventId)}`)
        .option('signal', AbortSignal.timeout(this.timeoutMs))
        .header('Prefer', `outlook.timezone="${calendarTimeZone}"`)
        .patch(toGraphEventPatch(event)),
    );
  }

  async deleteEvent(mailbox: string, eventId: string): Promise<void> {
    await this.call(() =>
      this.client
        .api(`/users/${encodeURIComponent(mailbox)}/events/${encodeURIComponent(eventId)}`)
        .option('signal', AbortSignal.timeout(this.timeoutMs))
        .delete(),
    );
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw toCalendarError(error);
    }
  }
}

function toCalendarError(error: unknown): CalendarError {
  if (error instanceof GraphError && error.statusCode > 0) {
    const status = error.statusCode;
    const retryAfterMs = parseRetryAfter(error.headers?.get('retry-after'));
    return new CalendarError(classifyStatus(status), `Graph answered ${status}${error.code ? ` ${error.code}` : ''}`, {
      status,
      ...(error.code ? { code: error.code } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  // No HTTP answer at all (timeout, connection refused or reset): the request may or may not
  // have reached Graph, which is exactly what transactionId is for.
  const name = error instanceof Error ? (error.name === 'GraphError' ? 'network' : error.name) : 'unknown';
  return new CalendarError('transient', `Graph request failed without an answer (${name})`);
}
