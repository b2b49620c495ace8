/**
 * Two app processes on one PostgreSQL share one session's fan-out: restarted at the 15-minute
 * moment, between them they send each booked officer's reminder exactly once, at Teams' pace
 * (the stand-in enforces its documented limits and refuses nothing).
 */
import assert from 'node:assert/strict';
import { TEAMS_LIMITS } from '../fakes/connector.js';
import { fanOut } from './fan-out.js';

// PGlite is one process by nature: this test always uses the machine's real PostgreSQL.
describe('A fan-out shared by two app processes on one PostgreSQL', function () {
  this.timeout(240_000);

  it('When 300 booked officers are due their reminder, then each gets it exactly once, no faster than Teams allows and without a 429', async () => {
    const result = await fanOut({ officers: 300, processes: 2, limits: TEAMS_LIMITS, timeoutMs: 120_000 });
    assert.equal(result.lost, 0, 'lost');
    assert.equal(result.duplicates, 0, 'duplicates');
    assert.equal(result.delivered, 300);
    assert.deepEqual(result.throttled, { conversation: 0, tenant: 0 });
    assert.ok(result.spreadMs >= result.leastMs, `spread ${result.spreadMs} ms, least ${result.leastMs} ms`);
  });
});
