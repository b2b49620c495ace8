/**
 * `npm run dev`'s progress while it waits: no stretch of silence longer than the interval while
 * something is outstanding, each line saying what is still going on and for how long, and
 * nothing once everything is up.
 */
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { Progress } from '../../scripts/dev-progress.js';

describe("npm run dev's progress lines", () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => (clock = sinon.useFakeTimers({ now: 1_000_000 })));
  afterEach(() => clock.restore());

  it('says every 15 s what is still going on, for how long, until every step has ended', () => {
    const said: string[] = [];
    const progress = new Progress((line) => said.push(line));
    progress.begin('tab', 'the Recordings tab build');
    progress.begin('app', 'the app (its first start creates the database)');
    clock.tick(14_999);
    assert.deepEqual(said, []);
    clock.tick(1);
    assert.deepEqual(said, ['Still waiting for the Recordings tab build and the app (its first start creates the database): 15 s so far ...']);
    assert.equal(progress.end('tab'), 15);
    clock.tick(15_000);
    assert.equal(said.at(-1), 'Still waiting for the app (its first start creates the database): 30 s so far ...');
    clock.tick(2_000);
    assert.equal(progress.end('app'), 32);
    clock.tick(60_000);
    assert.equal(said.length, 2, 'nothing more once everything is up');
  });

  it('lists three steps with commas, and stops when told', () => {
    const said: string[] = [];
    const progress = new Progress((line) => said.push(line), 1000);
    for (const [name, doing] of [
      ['a', 'the tab'],
      ['b', 'the app'],
      ['c', 'the playground'],
    ]) {
      progress.begin(name!, doing!);
    }
    clock.tick(1000);
    assert.deepEqual(said, ['Still waiting for the tab, the app and the playground: 1 s so far ...']);
    progress.stop();
    clock.tick(10_000);
    assert.equal(said.length, 1);
  });
});
