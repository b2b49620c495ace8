/**
 * The log while a distress message is handled: every line, from any logger, child or callback the
 * work reaches, keeps only its own message and an error's outline; outside, lines are as logged.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger, errorOutline, logWithoutContent } from '../../bot/src/log.js';

const WORDS = 'I cannot cope with the night shifts';

function capturingLogger() {
  const lines: string[] = [];
  const logger = createLogger('trace', { write: (line: string) => void lines.push(line) });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, any>) };
}

describe('logging without content', () => {
  it('keeps nothing but the message and an outline of the error, at every level, in children and after awaits', async () => {
    const { logger, lines, parsed } = capturingLogger();
    const child = logger.child({ area: 'messages' });
    await logWithoutContent(async () => {
      logger.trace({ question: WORDS }, 'read a question');
      logger.debug({ activity: { text: WORDS, from: { name: 'PC Alex Morgan' } } }, 'activity');
      child.info({ answer: 'list', heading: WORDS }, 'answered a question');
      logger.warn('could not read %s', WORDS);
      await sleep(1);
      logger.error({ err: new Error(`cannot parse "${WORDS}"`), text: WORDS }, 'turn failed');
      setImmediate(() => logger.fatal(new Error(WORDS)));
      await sleep(5);
    });
    assert.equal(lines.length, 6);
    for (const line of lines) {
      assert.ok(!line.includes('cope') && !line.includes('night shifts') && !line.includes('Alex'), line);
    }
    const [trace, debug, info, warn, error, fatal] = parsed();
    assert.deepEqual(
      [trace!.msg, debug!.msg, info!.msg, warn!.msg, error!.msg, fatal!.msg],
      ['read a question', 'activity', 'answered a question', 'could not read %s', 'turn failed', ''],
    );
    assert.ok(parsed().every((l) => l.private === true));
    assert.equal(info!.area, 'messages', "a child's own bindings stay: they are the code's, not the message's");
    assert.equal(error!.err.type, 'Error');
    assert.ok(error!.err.frames.length > 0 && error!.err.frames.every((f: string) => f.startsWith('at ')));
    assert.equal(error!.err.message, undefined);
    assert.equal(fatal!.err.type, 'Error');
  });

  it('logs as usual outside, while a content-free piece of work runs beside it', async () => {
    const { logger, parsed } = capturingLogger();
    const quiet = logWithoutContent(async () => {
      await sleep(5);
      logger.info({ answer: 'wellbeing' }, 'inside');
    });
    await sleep(1);
    logger.info({ answer: 'list', scope: 'personal' }, 'outside');
    await quiet;
    const [outside, inside] = parsed();
    assert.deepEqual([outside!.msg, outside!.answer, outside!.scope, outside!.private], ['outside', 'list', 'personal', undefined]);
    assert.deepEqual([inside!.msg, inside!.answer, inside!.private], ['inside', undefined, true]);
  });

  it('outlines an error by its type, code and HTTP status, never its message', () => {
    const refused = Object.assign(new Error(`connect ECONNREFUSED for "${WORDS}"`), {
      name: 'RestError',
      code: 'ECONNREFUSED',
      statusCode: 503,
      request: { body: WORDS },
    });
    const outline = errorOutline(refused);
    assert.deepEqual(Object.keys(outline), ['type', 'code', 'statusCode', 'frames']);
    assert.deepEqual([outline.type, outline.code, outline.statusCode], ['RestError', 'ECONNREFUSED', 503]);
    assert.ok(!JSON.stringify(outline).includes('cope'));
    assert.deepEqual(errorOutline(WORDS), { type: 'string' });
  });
});
