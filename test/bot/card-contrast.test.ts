/**
 * Every text a card can show reaches WCAG AA contrast (4.5:1; 3:1 only for large text, which our
 * cards do not use) in Teams' light, dark and high contrast themes and in the Agents Playground,
 * as the official renderer draws it. Templates are checked with every colour their data may pick;
 * the cards the bot sends are checked as they are sent, by the card validator (test/support/cards.ts).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { READABLE_COLORS } from '../../bot/src/teams/cards/render.js';
import { contrastProblems, contrastReadings, renderedReadings, teamsThemes } from '../support/contrast.js';
import { readOracle } from '../support/cards.js';

const cardsDir = path.resolve('bot/src/teams/cards');
const templates = readdirSync(cardsDir).filter((f) => f.endsWith('.json'));

/** The template with each colour its data chooses (`"color": "${...}"`) set to `colour`. */
function withDataColours(node: unknown, colour: string): unknown {
  if (Array.isArray(node)) return node.map((n) => withDataColours(n, colour));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === 'color' && typeof value === 'string' && value.includes('${') ? colour : withDataColours(value, colour),
    ]),
  );
}

describe('text contrast on every card, in Teams light, dark and high contrast and the Agents Playground', () => {
  it('When a text is in Good, Warning or Attention, then the check finds it too faint where it is (Good on white: 2.07:1)', () => {
    const card = (color: string, style = 'default') => ({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'Container', style, items: [{ type: 'TextBlock', text: "\u2713 You're booked", color, weight: 'Bolder', size: 'Medium' }] }],
    });
    const [light, dark, contrast, playground] = teamsThemes();
    assert.deepEqual(
      renderedReadings(card('Good'), light!).map((r) => [r.foreground, r.background, r.ratio, r.required]),
      [['#92c353', '#ffffff', 2.07, 4.5]],
    );
    assert.equal(renderedReadings(card('Good'), playground!)[0]!.ratio, 2.07, 'the playground draws it as Teams light does');
    assert.ok(contrastReadings(card('Warning', 'emphasis'), light!)[0]!.ratio < 1.5);
    assert.ok(contrastReadings(card('Attention'), dark!)[0]!.ratio < 3.3, 'Attention is too faint on dark');
    assert.equal(contrastReadings(card('Good'), contrast!)[0]!.ratio, 21, 'high contrast is white on black');
    assert.match(contrastProblems(card('Good')).join('\n'), /Teams light: "✓ You're booked" is #92c353 on #ffffff, 2\.07:1 \(needs 4\.5:1\)/);
    for (const colour of READABLE_COLORS) {
      for (const style of ['default', 'emphasis']) assert.deepEqual(contrastProblems(card(colour, style)), [], `${colour} on ${style}`);
    }
  });

  it('When the themes are read, then they are the published Teams host configs, a high-contrast one from Fluent, and the playground', () => {
    const [light, dark, contrast, playground] = teamsThemes();
    assert.equal(light!.config.containerStyles.default.backgroundColor, '#ffffff');
    assert.equal(dark!.config.containerStyles.default.backgroundColor, '#ff2d2c2c');
    assert.deepEqual(dark!.config, readOracle('adaptive-cards/microsoft-teams-dark.json'));
    assert.equal(contrast!.config.containerStyles.default.backgroundColor, '#000000');
    assert.equal(contrast!.config.containerStyles.default.foregroundColors.default.default, '#ffffff');
    assert.ok(playground!.config.containerStyles.default.foregroundColors.good, 'the playground bundle has its host config');
  });

  it('When the cards are drawn by the official renderer, then it finds the same texts, colours and backgrounds as the check works out', () => {
    const sorted = (readings: unknown[]) => readings.map((r) => JSON.stringify(r)).sort();
    for (const file of templates) {
      const template = withDataColours(JSON.parse(readFileSync(path.join(cardsDir, file), 'utf8')), 'Accent') as object;
      // Light and dark between them have every kind of colour the themes use (opaque, translucent, per container style).
      for (const theme of teamsThemes().slice(0, 2)) {
        assert.deepEqual(sorted(contrastReadings(template, theme)), sorted(renderedReadings(template, theme)), `${file} in ${theme.name}`);
      }
    }
  });

  for (const file of templates) {
    it(`${file}: every text reaches 4.5:1 on its background in every theme, whichever colour its data picks`, () => {
      const template = JSON.parse(readFileSync(path.join(cardsDir, file), 'utf8'));
      // Drawn as the template stands, every element present (its $when and $data are not applied).
      const problems = READABLE_COLORS.flatMap((colour) => contrastProblems(withDataColours(template, colour) as object));
      assert.deepEqual([...new Set(problems)], []);
    });
  }
});
