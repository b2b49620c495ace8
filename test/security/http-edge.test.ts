/**
 * The HTTP edge as an attacker meets it: compressed bodies, bodies on GET, NUL bytes, stalled
 * requests and the playground's HEAD probe. Everything goes over real sockets to the running app.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { defaultCatalogFile } from '../../bot/src/config.js';
import { startApp, teamsMessage, type RunningApp } from '../support/app.js';

interface RawAnswer {
  /** Everything the server wrote before it closed the connection (or the wait ended). */
  text: string;
  status: number | undefined;
  closed: boolean;
  /** When the connection closed (or the wait ended), and when the answer's first bytes came. */
  ms: number;
  answeredMs: number | undefined;
}

/**
 * Writes `chunks` to the app over a plain socket (a pause of `pauseMs` between them) and
 * collects what comes back until the server closes the connection or `waitMs` passes.
 */
function raw(running: RunningApp, chunks: Array<string | Buffer>, waitMs: number, pauseMs = 0): Promise<RawAnswer> {
  const { port } = new URL(running.baseUrl);
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port: Number(port) });
    let text = '';
    let answeredMs: number | undefined;
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve({ text, status: status ? Number(status) : undefined, closed, ms: Date.now() - started, answeredMs });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (d: Buffer) => {
      answeredMs ??= Date.now() - started;
      text += d.toString('latin1');
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.once('connect', async () => {
      for (const chunk of chunks) {
        if (done) return;
        socket.write(chunk);
        if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
      }
    });
  });
}

/** The body of a raw HTTP/1.1 answer, chunked or not. */
function bodyOf(answer: RawAnswer): string {
  const split = answer.text.indexOf('\r\n\r\n');
  let rest = answer.text.slice(split + 4);
  if (!/^transfer-encoding: chunked/im.test(answer.text.slice(0, split))) return rest;
  let body = '';
  for (;;) {
    const size = parseInt(rest, 16);
    if (!(size > 0)) return body;
    const start = rest.indexOf('\r\n') + 2;
    body += rest.slice(start, start + size);
    rest = rest.slice(start + size + 2);
  }
}

/** Samples this process's resident memory while `work` runs; answers the peak growth in MB. */
async function peakGrowthMb(work: () => Promise<unknown>): Promise<number> {
  global.gc?.();
  const base = process.memoryUsage.rss();
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 2);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, process.memoryUsage.rss());
  return (peak - base) / 1024 / 1024;
}

describe('the HTTP edge', function () {
  this.timeout(30_000);
  let running: RunningApp;
  before(async () => {
    running = await startApp({ now: '2026-04-13T09:00:00+01:00', logLevel: 'debug', env: { REQUEST_TIMEOUT_MS: '400' } });
  });
  after(async () => running?.stop());
  const warnings = (from: number) => running.logs.slice(from).filter((l) => l.level >= 40);

  describe('compressed bodies', () => {
    // A JSON activity whose text is 64 MB of one letter: about 64 KB gzipped, far under any body limit.
    let bomb: Buffer;
    before(() => {
      const activity = JSON.stringify({ ...teamsMessage('x'), serviceUrl: running.connector.serviceUrl });
      bomb = gzipSync(Buffer.concat([Buffer.from(activity.slice(0, -1) + ',"value":"'), Buffer.alloc(64 * 1024 * 1024, 'a'), Buffer.from('"}')]));
      assert.ok(bomb.length < 256 * 1024, `the bomb is small on the wire (${bomb.length} bytes)`);
    });

    const sendBomb = (path: string, type: string, method = 'POST') =>
      fetch(`${running.baseUrl}${path}`, { method, headers: { 'content-type': type, 'content-encoding': 'gzip' }, body: new Uint8Array(bomb) });

    it('refuses a gzip body that inflates to 64 MB on /api/messages, quickly and without inflating it', async () => {
      let statuses: number[] = [];
      let bodies: any[] = [];
      const started = Date.now();
      // Three at once, as the probe sent them.
      const growth = await peakGrowthMb(async () => {
        const answers = await Promise.all([1, 2, 3].map(() => sendBomb('/api/messages', 'application/json')));
        statuses = answers.map((a) => a.status);
        bodies = await Promise.all(answers.map((a) => a.json()));
      });
      assert.deepEqual(statuses, [415, 415, 415]);
      assert.deepEqual(bodies[0], { error: 'unsupported_encoding', message: 'Send the request uncompressed: the app does not accept a Content-Encoding.' });
      assert.ok(Date.now() - started < 3000, `answered in ${Date.now() - started} ms`);
      assert.ok(growth < 48, `memory grew by ${growth.toFixed(0)} MB`);
      assert.deepEqual(running.connector.sent, [], 'the bot did not run');
    });

    it('refuses a compressed catalog upload and a compressed quick edit the same way', async () => {
      const version = running.app.programme().version;
      const upload = await sendBomb('/api/organiser/catalog?dryRun=true', 'application/yaml', 'PUT');
      assert.equal(upload.status, 415);
      assert.equal((await upload.json()).error, 'unsupported_encoding');
      const edit = await sendBomb('/api/organiser/edits?dryRun=true', 'application/json');
      assert.equal(edit.status, 415);
      await edit.arrayBuffer();
      assert.equal(running.app.programme().version, version);
    });

    it('refuses any other Content-Encoding too, and takes an explicit identity', async () => {
      const body = JSON.stringify({ ...teamsMessage(''), type: 'typing', serviceUrl: running.connector.serviceUrl });
      for (const encoding of ['deflate', 'br', 'gzip, identity', 'x-unknown']) {
        const answer = await fetch(`${running.baseUrl}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-encoding': encoding },
          body,
        });
        assert.equal(answer.status, 415, encoding);
        await answer.arrayBuffer();
      }
      const identity = await fetch(`${running.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'identity' },
        body,
      });
      assert.equal(identity.status, 200);
    });
  });

  describe('body limits', () => {
    it('refuses a declared body over the limit at once, without waiting for it', async () => {
      const answer = await raw(running, ['POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 300000\r\n\r\n{'], 3000);
      assert.equal(answer.status, 413);
      assert.deepEqual(JSON.parse(bodyOf(answer)), { error: 'too_large', message: 'That is larger than the app accepts (up to 256 KB).' });
      assert.ok(answer.answeredMs! < 300, `answered in ${answer.answeredMs} ms`);
      assert.ok(answer.closed && answer.ms < 300, 'and the connection closed: the rest of the body is not read');
    });

    it('refuses a chunked body once it passes the limit', async () => {
      const chunk = (text: string) => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
      const piece = 'a'.repeat(64 * 1024);
      const answer = await raw(
        running,
        [
          'POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
          ...[1, 2, 3, 4, 5].map(() => chunk(piece)),
        ],
        3000,
      );
      assert.equal(answer.status, 413);
    });

    it('never reads a body on a GET: a declared body that never comes does not hold the answer', async () => {
      const answer = await raw(running, ['GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n'], 3000);
      assert.equal(answer.status, 200);
      assert.ok(answer.answeredMs! < 300, `answered in ${answer.answeredMs} ms`);
    });

    it('still takes a catalog upload of nearly 2 MB', async () => {
      const yaml = readFileSync(defaultCatalogFile, 'utf8');
      const padded = `${yaml}\n# ${'x'.repeat(2 * 1024 * 1024 - yaml.length - 64)}\n`;
      assert.ok(Buffer.byteLength(padded) > 1.9 * 1024 * 1024);
      const answer = await fetch(`${running.baseUrl}/api/organiser/catalog?dryRun=true`, {
        method: 'PUT',
        headers: { 'content-type': 'application/yaml' },
        body: padded,
      });
      assert.equal(answer.status, 200, await answer.clone().text());
      assert.equal((await answer.json()).dryRun, true);
    });

    it('answers JSON that does not parse with a sentence that does not echo it', async () => {
      const answer = await fetch(`${running.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"secret-ish": nope',
      });
      assert.equal(answer.status, 400);
      const text = await answer.text();
      assert.deepEqual(JSON.parse(text), { error: 'bad_request', message: 'The request body is not valid JSON.' });
    });
  });

  describe('NUL bytes', () => {
    const nulActivity = (overrides: Record<string, unknown>) => ({ ...teamsMessage('what is on friday'), ...overrides });

    for (const [what, overrides] of [
      ['text', { text: 'what is on \u0000 friday' }],
      ['the sender id', { from: { id: '29:officer\u0000', name: 'PC Nul', aadObjectId: '00000000-0000-0000-0000-00000000a0f0' } }],
      ['the sender name', { from: { id: '29:officer-nul', name: 'PC \u0000', aadObjectId: '00000000-0000-0000-0000-00000000a0f1' } }],
      ['the conversation id', { conversation: { id: 'a:nul\u0000', conversationType: 'personal', tenantId: 'tenant-1' } }],
      ['a card value', { value: { verb: 'booking.book', sessionId: 'x\u0000' } }],
    ] as const) {
      it(`refuses an activity with a NUL in ${what} with 400, and runs nothing`, async () => {
        const from = running.logs.length;
        const sent = running.connector.sent.length;
        const { status, body } = await running.send(nulActivity(overrides));
        assert.equal(status, 400);
        assert.deepEqual(body, { error: 'bad_request', message: 'The request contains a NUL character, which the app does not accept.' });
        assert.equal(running.connector.sent.length, sent);
        assert.deepEqual(
          warnings(from).map((l) => l.msg),
          ['request refused: NUL character'],
        );
      });
    }

    it('does not mistake an escaped backslash before u0000 for a NUL', async () => {
      const { status } = await running.send({ ...teamsMessage(''), type: 'typing', text: 'C:\\u0000 is a path' });
      assert.equal(status, 200);
    });

    it('refuses a NUL in a quick edit and in a catalog upload with 400, and publishes nothing', async () => {
      const version = running.app.programme().version;
      const edit = await fetch(`${running.baseUrl}/api/organiser/edits`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'cancel', sessionId: running.app.catalog().sessions[0]!.id, message: 'Cancelled \u0000' }),
      });
      assert.equal(edit.status, 400);
      assert.equal((await edit.json()).error, 'bad_request');
      const yaml = readFileSync(defaultCatalogFile, 'utf8').replace('title: The future for response policing', 'title: The future\u0000 for response policing');
      const upload = await fetch(`${running.baseUrl}/api/organiser/catalog`, { method: 'PUT', headers: { 'content-type': 'application/yaml' }, body: yaml });
      assert.equal(upload.status, 400);
      assert.equal((await upload.json()).error, 'bad_request');
      assert.equal(running.app.programme().version, version);
    });

    it('answers a NUL written as a YAML escape with the catalog problem and its place', async () => {
      const version = running.app.programme().version;
      const yaml = readFileSync(defaultCatalogFile, 'utf8').replace('title: The future for response policing', 'title: "The future\\0 for response policing"');
      const line = yaml.split('\n').findIndex((l) => l.includes('The future\\0')) + 1;
      const upload = await fetch(`${running.baseUrl}/api/organiser/catalog`, { method: 'PUT', headers: { 'content-type': 'application/yaml' }, body: yaml });
      assert.equal(upload.status, 422);
      const answer = await upload.json();
      assert.equal(answer.error, 'invalid_catalog');
      assert.equal(answer.problems.length, 1, JSON.stringify(answer.problems));
      assert.equal(answer.problems[0].line, line);
      assert.match(answer.problems[0].path, /^sessions\[\d+\]\.title$/);
      assert.equal(answer.problems[0].message, 'contains a NUL character (written \\0, \\x00 or \\u0000); remove it');
      assert.equal(running.app.programme().version, version);
    });

    it('refuses a NUL in the address (path or query) with 400', async () => {
      for (const path of ['/api/recordings/abc%00def', '/api/recordings?q=a%00b', '/api/organiser/sessions/x%00/registrations']) {
        const answer = await fetch(`${running.baseUrl}${path}`);
        assert.equal(answer.status, 400, path);
        assert.equal((await answer.json()).error, 'bad_request');
      }
    });
  });

  describe('stalled requests', () => {
    it('cuts off a client that sends the headers and then stalls the body', async () => {
      const answer = await raw(
        running,
        ['POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"type":'],
        5000,
      );
      assert.ok(answer.closed, 'the server closed the connection');
      assert.equal(answer.status, 408);
      assert.ok(answer.ms < 2500, `after ${answer.ms} ms`);
    });

    it('cuts off a client that trickles its headers', async () => {
      const trickle = Array.from({ length: 60 }, (_, i) => (i === 0 ? 'GET /healthz HTTP/1.1\r\nHost: x\r\n' : `X-Slow-${i}: y\r\n`));
      const answer = await raw(running, trickle, 5000, 50);
      assert.ok(answer.closed, 'the server closed the connection');
      assert.ok(answer.ms < 2500, `after ${answer.ms} ms`);
    });

    it('does not cut off a turn that takes longer than the timeout once the request has arrived', async () => {
      // A connector that takes 700 ms over each reply keeps the turn (and the request) open that long.
      const slow = http.createServer((req, res) => {
        req.resume();
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"id":"slow-1"}');
        }, 700);
      });
      await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
      try {
        const started = Date.now();
        const { status } = await running.send({ ...teamsMessage('help'), serviceUrl: `http://127.0.0.1:${(slow.address() as net.AddressInfo).port}/` });
        assert.equal(status, 200);
        assert.ok(Date.now() - started >= 700, 'the reply waited for the connector');
      } finally {
        slow.closeAllConnections();
        await new Promise((resolve) => slow.close(resolve));
      }
    });
  });

  describe('/api/messages with another method', () => {
    for (const method of ['HEAD', 'GET']) {
      it(`answers ${method} with 405 and Allow: POST, without a warning in the log`, async () => {
        const from = running.logs.length;
        const answer = await fetch(`${running.baseUrl}/api/messages`, { method });
        assert.equal(answer.status, 405);
        assert.equal(answer.headers.get('allow'), 'POST');
        await answer.arrayBuffer();
        assert.deepEqual(warnings(from), []);
      });
    }
  });
});
