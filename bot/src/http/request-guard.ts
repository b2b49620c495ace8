/**
 * The first thing every routed request meets, before authentication and before any parsing:
 * the address and the body are checked and the body is read within its limit.
 *
 * - Only POST, PUT and PATCH bodies are read; a GET's declared body is never waited for.
 * - No Content-Encoding is accepted (415): nothing here needs compression, and inflating a body
 *   is how a small request becomes hundreds of megabytes. So the limit counts the bytes that
 *   arrive, which are the bytes kept; a declared length over it is refused before reading.
 * - A NUL character (in the address, a JSON string or a text body) is refused with 400: no text
 *   the app keeps may hold one, and PostgreSQL refuses it with an error of its own.
 * - JSON that does not parse gets a sentence, not the parser's message (which quotes the input).
 * The caller learns which rule refused it; the log says the same, in one line without the input.
 */
import type restify from 'restify';
import type { Logger } from '../log.js';
import { sendJson } from './access.js';

export interface BodyLimits {
  /** Bytes any body may have. */
  bytes: number;
  /** Routes (as registered) with a larger limit: the catalog upload. */
  larger?: { routes: readonly string[]; bytes: number };
}

const TEXT_TYPES = new Set(['application/yaml', 'application/x-yaml']);

export function requestGuard(limits: BodyLimits, log: Logger): restify.RequestHandler {
  return (req, res, next) => {
    const route = String(req.getRoute()?.path ?? 'unrouted');
    const refuse = (status: number, reason: string, body: { error: string; message: string }, headers: Record<string, string> = {}) => {
      log.warn({ route, method: req.method, status }, `request refused: ${reason}`);
      // Whatever of the body is still to come is not read: the connection ends with this answer.
      for (const [name, value] of Object.entries({ connection: 'close', ...headers })) res.setHeader(name, value);
      sendJson(res, status, body);
      next(false);
    };
    // %00 is the only way a NUL reaches a path or query: the raw request line cannot hold one.
    if (req.url?.includes('%00')) return refuse(400, 'NUL character', NUL_REFUSED);
    if (req.method !== 'POST' && req.method !== 'PUT' && req.method !== 'PATCH') return next();

    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
      return refuse(
        415,
        'Content-Encoding',
        { error: 'unsupported_encoding', message: 'Send the request uncompressed: the app does not accept a Content-Encoding.' },
        { 'accept-encoding': 'identity' },
      );
    }
    const limit = limits.larger?.routes.includes(route) ? limits.larger.bytes : limits.bytes;
    if (Number(req.headers['content-length'] ?? 0) > limit) return refuse(413, 'body too large', tooLarge(limit));

    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      over = true;
      chunks.length = 0;
      refuse(413, 'body too large', tooLarge(limit));
    });
    req.once('end', () => {
      if (over) return;
      const body = parseBody(Buffer.concat(chunks, size), mediaType(req));
      if (body.ok) {
        req.body = body.value;
        return next();
      }
      if (body.problem === 'nul') refuse(400, 'NUL character', NUL_REFUSED);
      else refuse(400, 'body is not JSON', { error: 'bad_request', message: 'The request body is not valid JSON.' });
    });
    // A client that goes away mid-body is owed no answer; the server's request timeout ends a stalled one.
    req.resume();
  };
}

const NUL_REFUSED = { error: 'bad_request', message: 'The request contains a NUL character, which the app does not accept.' };

function tooLarge(limit: number): { error: string; message: string } {
  const kb = Math.round(limit / 1024);
  return { error: 'too_large', message: `That is larger than the app accepts (up to ${kb >= 1024 ? `${kb / 1024} MB` : `${kb} KB`}).` };
}

function mediaType(req: restify.Request): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

type Parsed = { ok: true; value: unknown } | { ok: false; problem: 'nul' | 'json' };

/** JSON bodies parsed, text (and YAML) as a string, anything else as the bytes; nothing holding a NUL. */
function parseBody(raw: Buffer, type: string): Parsed {
  if (type === 'application/json' || type.endsWith('+json')) {
    const text = raw.toString('utf8');
    if (text.trim() === '') return { ok: true, value: undefined };
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, problem: 'json' };
    }
    // In JSON a NUL can only be written \u0000 (a raw one fails to parse): walk the value only when that is in the text.
    return text.includes('\\u0000') && containsNul(value) ? { ok: false, problem: 'nul' } : { ok: true, value };
  }
  if (raw.includes(0)) return { ok: false, problem: 'nul' };
  return { ok: true, value: type.startsWith('text/') || TEXT_TYPES.has(type) ? raw.toString('utf8') : raw };
}

/** Whether any string (or key) in a parsed JSON value holds a NUL; iterative, so deep nesting cannot overflow the stack. */
function containsNul(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (value.includes('\0')) return true;
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\0')) return true;
        pending.push(item);
      }
    }
  }
  return false;
}
