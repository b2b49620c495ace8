/**
 * The Microsoft 365 Agents Playground (Microsoft's local Teams client) as a test fixture: started
 * against a running app, driven through the HTTP and WebSocket API its own web UI uses, stopped
 * with its process. The API is not a documented contract, which is why package.json pins the
 * playground's version.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { appRoot } from '../../bot/src/config.js';
import { freePort, spawnPlayground, stopProcess, waitForPing } from '../../scripts/playground.js';

/** A message as the playground shows it in a conversation (what its WebSocket carries). */
export interface PlaygroundMessage {
  messageId: string;
  /** Set by ask(): the id of the officer's activity this message answers. */
  replyToId?: string;
  text?: string;
  attachments?: Array<{ contentType: string; content: any }>;
  from?: { id: string; name?: string; role?: string };
  /** The activity the bot sent, as it reached the playground's connector. */
  activity?: Record<string, any>;
  [key: string]: unknown;
}

interface PlaygroundUser {
  id: string;
  name: string;
  aadObjectId: string;
}

export interface PlaygroundConfig {
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string };
  groupChats: Array<{ id: string; name: string; members: string[] }>;
  teams: Array<{ id: string; name: string; channels: Array<{ id: string; name: string }> }>;
}

export interface InvokeResult {
  status?: number;
  /** The bot's adaptiveCard/action response: { statusCode, type, value }. */
  body: any;
  /** The playground's answer to its web UI. */
  shown: any;
}

export interface AskOptions {
  /** A chat or channel id from the config; defaults to the personal chat. */
  conversationId?: string;
  /** @mention the bot, as a group chat or channel needs for the bot to hear the message. */
  mentionBot?: boolean;
  timeoutMs?: number;
}

export interface Playground {
  port: number;
  baseUrl: string;
  config: PlaygroundConfig;
  /** Every message the bot has sent, in arrival order (updates replace the message in place). */
  readonly botMessages: PlaygroundMessage[];
  /** Sends a message as the current user; resolves, once the bot's turn is over, with its replies. */
  ask(text: string, options?: AskOptions): Promise<PlaygroundMessage[]>;
  /**
   * An Adaptive Card Action.Execute on a card the bot sent, as the playground sends it when the
   * button is pressed. Resolves with the bot's invoke response (HTTP status and body) and what the
   * playground answered its web UI with.
   */
  invoke(verb: string, data: Record<string, unknown>, replyToId: string, conversationId?: string): Promise<InvokeResult>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  /** Defaults to a free port. */
  port?: number;
  /**
   * Where the playground writes its log (it would otherwise write ./devTools in its working
   * directory). By default a file in test-results/playground/ that is kept only if something failed.
   */
  logFile?: string;
  startTimeoutMs?: number;
}

export async function startPlayground(options: StartOptions): Promise<Playground> {
  const port = options.port ?? (await freePort());
  const logFile = options.logFile ?? path.join(appRoot, 'test-results', 'playground', `playground-${port}-${process.pid}.log`);
  mkdirSync(path.dirname(logFile), { recursive: true });
  const child = spawnPlayground({ botEndpoint: options.botEndpoint, port, logFile });
  try {
    await waitForPing(child, port, options.startTimeoutMs ?? 15_000);
    const playground = await connectPlayground(port, child);
    if (options.logFile) return playground;
    return {
      ...playground,
      stop: async () => {
        await playground.stop();
        rmSync(logFile, { force: true });
      },
    };
  } catch (error) {
    await stopProcess(child);
    if (error instanceof Error) error.message += ` (playground log: ${logFile})`;
    throw error;
  }
}

/**
 * Drives a playground that is already running (e.g. the one `npm run dev` started). stop() closes
 * the connection, and stops the process too when it is given.
 */
export async function connectPlayground(port: number, child?: ChildProcess): Promise<Playground> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const sockets: WebSocket[] = [];
  try {
    const config = await loadConfig(baseUrl);
    const conversation = await openSocket(port, '/_ws_conversation/v1/conversations/stream');
    sockets.push(conversation);
    const log = await openSocket(port, '/_ws/log/stream');
    sockets.push(log);
    return drive(child, { conversation, log }, baseUrl, port, config);
  } catch (error) {
    for (const socket of sockets) socket.terminate();
    throw error;
  }
}

/** The Teams context from .m365agentsplayground.yml, as the playground serves it once it has loaded it. */
async function loadConfig(baseUrl: string): Promise<PlaygroundConfig> {
  // The playground serves its config only after it has seen the bot endpoint answer.
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const body = await fetch(`${baseUrl}/_internal/v1/config`, { signal: AbortSignal.timeout(2000) })
      .then((r) => (r.ok ? r.text() : ''))
      .catch(() => '');
    if (body) return (JSON.parse(body) as { config: PlaygroundConfig }).config;
    await delay(50);
  }
  throw new Error('the playground did not serve its config: is the bot endpoint reachable?');
}

function openSocket(port: number, streamPath: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}${streamPath}`);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** One entry of the playground's activity log: an HTTP exchange between it and the bot. */
interface LogEntry {
  conversationId?: string;
  messageId?: string;
  from?: string;
  to?: string;
  request?: { body?: Record<string, any> };
  response?: { statusCode?: number; body?: any };
}

function drive(
  child: ChildProcess | undefined,
  sockets: { conversation: WebSocket; log: WebSocket },
  baseUrl: string,
  port: number,
  config: PlaygroundConfig,
): Playground {
  const botMessages: PlaygroundMessage[] = [];
  const log: LogEntry[] = [];
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  sockets.conversation.on('message', (data) => {
    const event = JSON.parse(data.toString()) as { action?: string; message?: PlaygroundMessage };
    const message = event.message;
    if (!message || (event.action !== 'createMessage' && event.action !== 'updateMessage')) return;
    if (message.from?.id !== config.bot.id) return;
    const at = botMessages.findIndex((m) => m.messageId === message.messageId);
    if (at >= 0) botMessages[at] = { ...botMessages[at], ...message };
    else botMessages.push(message);
    notify();
  });
  sockets.log.on('message', (data) => {
    const event = JSON.parse(data.toString()) as { logAction?: string; log?: LogEntry };
    if (event.logAction === 'appendLog' && event.log?.request) {
      log.push(event.log);
      notify();
    }
  });

  const post = async (url: string, body: unknown): Promise<any> => {
    const response = await fetch(`${baseUrl}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`playground ${url} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  };

  /** Resolves with the first thing `probe` finds, checking again whenever either stream brings news. */
  const until = <T>(probe: () => T | undefined, timeoutMs: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = probe();
        if (found === undefined) return;
        clearTimeout(timer);
        listeners.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });

  /**
   * The bot's replies to the message just sent, once its turn is over. The conversation stream does
   * not say what a message replies to, but the activity log does: the playground logs the officer's
   * activity once the bot has answered its POST (so the turn is over), and each reply with its replyToId.
   */
  const turnReplies = (conversationId: string, text: string, since: number): PlaygroundMessage[] | undefined => {
    const asked = log
      .slice(since)
      .find((e) => e.to === 'User Application' && e.conversationId === conversationId && e.request?.body?.type === 'message' && e.request.body.text === text);
    if (!asked?.response) return undefined;
    const activityId = asked.request!.body!.id as string;
    const replies = log.filter((e) => e.from === 'User Application' && e.request?.body?.replyToId === activityId);
    const messages = replies.map((e) => {
      const shown = botMessages.find((m) => m.messageId === String(e.response?.body?.id ?? e.messageId));
      return shown ? { ...shown, replyToId: activityId, activity: e.request!.body } : undefined;
    });
    return messages.every((m) => m !== undefined) ? (messages as PlaygroundMessage[]) : undefined;
  };

  return {
    port,
    baseUrl,
    config,
    botMessages,
    async ask(text, options = {}) {
      const conversationId = options.conversationId ?? config.personalChat.id;
      const mention = `<at>${config.bot.name}</at>`;
      const said = options.mentionBot ? `${mention} ${text}` : text;
      const body = {
        type: 'text',
        text: said,
        textFormat: 'plain',
        from: { id: config.currentUser.id },
        ...(options.mentionBot ? { mentions: [{ mentioned: { id: config.bot.id }, text: mention }] } : {}),
      };
      const since = log.length;
      const sent = (await post(`/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, body)) as { postConversationId?: string };
      // A message in a channel starts a new post there: the bot answers in that post's conversation.
      const answeredIn = sent.postConversationId ?? conversationId;
      const timeoutMs = options.timeoutMs ?? 8000;
      return until(() => turnReplies(answeredIn, said, since), timeoutMs, `the bot did not finish its turn for "${text}"`);
    },
    async invoke(verb, data, replyToId, conversationId = config.personalChat.id) {
      const since = log.length;
      const shown = await post('/_conversation/v1/invoke', {
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data } },
        from: { id: config.currentUser.id },
        conversation: { id: conversationId },
        replyToId,
      });
      // The playground answers with what it drew; the activity log has the bot's own invoke response.
      const exchange = await until(
        () => log.slice(since).find((e) => e.to === 'User Application' && e.request?.body?.type === 'invoke' && e.response !== undefined),
        8000,
        `the bot did not answer the ${verb} action`,
      );
      return { status: exchange.response!.statusCode, body: exchange.response!.body, shown };
    },
    async stop() {
      listeners.clear();
      sockets.conversation.terminate();
      sockets.log.terminate();
      if (child) await stopProcess(child);
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
