/**
 * The examples a newcomer is given, asked at the moment `npm run dev` fixes the clock at,
 * with the demo catalog: every question the Help card offers (read from the card the bot sends)
 * and every example question in the README's first-run steps and its account of what the bot
 * understands has sessions to show. A nothing-found answer, the "didn't catch that" card or an
 * empty list fails, naming the question.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { appRoot } from '../../bot/src/config.js';
import { DEMO_NOW } from '../../scripts/demo.js';
import { startApp, teamsMessage, type RunningApp } from '../support/app.js';
import { adaptiveCards, assertValidCard, cardActions } from '../support/cards.js';

/**
 * The README's sections that tell people what to ask the bot. Other sections quote what the
 * bot asks people ("Did you attend?"): those are not questions for it.
 */
const ASKING_SECTIONS = [/^Quick start\b/, /^What the bot does\b/];

/** The questions the README quotes ("what's on Friday?", _what's on Friday 19 June?_) in those sections, wherever they wrap. */
export function readmeQuestions(markdown: string): string[] {
  const sections = markdown.split(/^## /m).filter((section) => ASKING_SECTIONS.some((heading) => heading.test(section)));
  const prose = sections
    .join('\n')
    .replace(/```[\s\S]*?```/g, '')
    .replace(/\n[ \t]*/g, ' ');
  const found = new Set<string>();
  for (const match of prose.matchAll(/["“]([^"”]{2,160}\?)["”]|(?<![\w`])_([^_]{2,160}\?)_(?!\w)/g)) found.add((match[1] ?? match[2])!.trim());
  return [...found];
}

describe('the examples a newcomer is given, at the demo moment with the demo catalog', function () {
  this.timeout(30_000);
  let running: RunningApp;
  before(async () => {
    running = await startApp({ now: DEMO_NOW });
  });
  after(async () => running?.stop());

  /** The card the bot answers a message with (one card, valid). */
  async function answer(activity: Record<string, unknown>): Promise<any> {
    const conversation = (activity.conversation as { id: string }).id;
    const before = running.connector.to(conversation).length;
    const { status } = await running.send(activity);
    assert.equal(status, 200);
    const replies = running.connector.to(conversation).slice(before);
    const cards = replies.flatMap((r) => adaptiveCards(r.activity));
    assert.equal(cards.length, 1, `one card in the answer to ${JSON.stringify(activity.text ?? activity.value)}`);
    assertValidCard(cards[0]);
    return cards[0];
  }

  /** What the answer card shows: the sessions it lists, and any sign that nothing matched. */
  function assertAnswered(card: any, question: string): void {
    const text = JSON.stringify(card);
    assert.doesNotMatch(text, /didn't catch that/, `"${question}" was not understood`);
    assert.doesNotMatch(text, /The nearest sessions?:/, `"${question}" found nothing (only the nearest sessions)`);
    const listed = cardActions(card).filter((a) => a.verb === 'session.details' && a.data?.sessionId);
    assert.ok(listed.length > 0, `"${question}" lists no session:\n${text.slice(0, 400)}`);
    if (/\brecord/i.test(question)) assert.match(text, /Watch the recording/, `"${question}" links no recording`);
  }

  it('answers every question the Help card offers, tapped or typed', async () => {
    const help = await answer(teamsMessage('help'));
    const tapped = cardActions(help).filter((a) => a.type === 'Action.Submit');
    const alsoAsk = (help.body as any[]).filter((b) => b.type === 'TextBlock' && b.text.startsWith('\u2022 ')).map((b) => b.text.slice(2));
    assert.ok(tapped.length >= 4 && alsoAsk.length >= 1, 'the card offers examples to tap and others to type');
    for (const tap of tapped) {
      assert.equal(typeof tap.data.ask, 'string');
      assertAnswered(await answer(teamsMessage('', { text: undefined, value: tap.data })), tap.data.ask);
    }
    for (const question of alsoAsk) assertAnswered(await answer(teamsMessage(question)), question);
  });

  it('answers every example question in the README', async () => {
    const questions = readmeQuestions(readFileSync(path.join(appRoot, 'README.md'), 'utf8'));
    assert.ok(questions.length >= 5, `the README's examples were found: ${questions.join(' | ')}`);
    const unanswered: string[] = [];
    for (const question of questions) {
      try {
        assertAnswered(await answer(teamsMessage(question)), question);
      } catch (error) {
        unanswered.push(error instanceof Error ? error.message.split('\n')[0]! : String(error));
      }
    }
    assert.deepEqual(unanswered, []);
  });

  it('reads the README examples wherever they wrap, only quoted questions, and only where it says what to ask', () => {
    const markdown = [
      '# The app',
      '## Quick start',
      'Ask _what\'s on\nFriday 19 June?_ or "what was on last\n  week?"; not "facial recognition".',
      '```\n"skip?"\n```',
      '## Reminders',
      'The bot asks "Did you attend?".',
      '## What the bot does',
      '- **who**: "anything by Ben Gwyer?"',
    ].join('\n');
    assert.deepEqual(readmeQuestions(markdown), ["what's on Friday 19 June?", 'what was on last week?', 'anything by Ben Gwyer?']);
  });
});
