/**
 * Teams' limit on buttons is per action set (`actions.maxActions: 6` in its host config), not per
 * card: the official `adaptivecards` renderer, given the Teams host config, draws every button of
 * a list card whose sessions each have their own, and drops the seventh of one set.
 */
import assert from 'node:assert/strict';
import { PAGE_SIZE, sessionListCard, sessionListData } from '../../bot/src/teams/cards/session-list.js';
import { cardActions } from '../support/cards.js';
import { render, teamsThemes } from '../support/contrast.js';
import { session, sessionsAnswer } from './sample-answers.js';

const now = new Date('2026-04-13T09:00:00+01:00');
const question = { text: 'what is on in June?', askedAt: now.toISOString() };
const [light, dark] = teamsThemes();

/** The titles of the buttons the renderer drew. */
const drawn = (card: object, theme = light!): string[] =>
  [...(render(card, theme).querySelectorAll('button') as Iterable<any>)].map((b) => String(b.getAttribute('aria-label') ?? b.textContent).trim());

describe('buttons drawn by the official renderer with the Teams host config', () => {
  const upcoming = Array.from({ length: PAGE_SIZE }, (_, i) =>
    session({ id: `s${i}`, title: `Session ${i + 1}`, startsAt: new Date(`2026-06-0${i + 1}T09:00:00Z`), endsAt: new Date(`2026-06-0${i + 1}T10:00:00Z`) }),
  );
  const card = sessionListCard(
    sessionListData(
      sessionsAnswer(
        upcoming.map((s) => ({ session: s })),
        20,
        PAGE_SIZE,
      ),
      question,
      now,
    ),
  );

  it(`draws all ${PAGE_SIZE * 2 + 2} buttons of a list page: Book a place and Details on each of ${PAGE_SIZE} sessions, Previous and Show more`, () => {
    const expected = [...upcoming.flatMap(() => ['Book a place', 'Details']), 'Previous 5', 'Show more'];
    assert.deepEqual(
      cardActions(card).map((a) => a.title),
      expected,
    );
    for (const theme of [light!, dark!]) assert.deepEqual(drawn(card, theme), expected, theme.name);
  });

  it('drops what is past 6 in one set: the same twelve buttons as the card’s own actions, and six are drawn', () => {
    const buttons = cardActions(card).map(({ type, title, verb, data }) => ({ type, title, verb, data }));
    assert.equal(light!.config.actions.maxActions, 6);
    const oneSet = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'One set' }], actions: buttons };
    assert.deepEqual(
      drawn(oneSet),
      buttons.slice(0, 6).map((a) => a.title),
    );
  });
});
