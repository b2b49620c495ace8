/**
 * Through the running app, a fan-out that overruns the connector stand-in's limits (the app paces
 * for Teams' documented 50 a second; the stand-in allows 4): the 429s delay reminders, none is lost.
 */
import assert from 'node:assert/strict';
import { TEAMS_LIMITS } from '../fakes/connector.js';
import { officer } from '../organise/support.js';
import { leads, settled, Week } from './support.js';

describe("A fan-out past the connector stand-in's limits", function () {
  this.timeout(180_000);

  it('When 24 reminders are due at once and Teams allows 4 a second, then the 429s delay them but each officer gets theirs exactly once', async () => {
    const week = await Week.open(
      [
        {
          id: 'tue',
          title: 'Stalking: first response',
          starts: '2026-05-05T10:00',
          ends: '2026-05-05T11:00',
          joinUrl: 'https://teams.microsoft.com/l/meetup-join/tue',
        },
      ],
      { connector: { limits: { perConversation: TEAMS_LIMITS.perConversation, perTenant: [{ limit: 4, perMs: 1000 }] } } },
    );
    try {
      const officers = Array.from({ length: 24 }, (_, i) => officer(950 + i));
      await week.during('2026-05-04T08:00:00+01:00', async (app) => {
        for (const who of officers) await app.press(who, 'booking.book', { sessionId: 'tue' });
      });
      // The app believes Teams' documented 50 a second; the stand-in allows 4.
      await week.during('2026-05-05T09:46:00+01:00', (app) => settled(app, 90_000));
      assert.ok(week.connector.throttled.tenant > 0, 'the stand-in refused some');
      for (const who of officers) assert.deepEqual(leads(week.connector, who), ['Starts in 14 minutes, at 10:00'], who.name);
    } finally {
      await week.close();
    }
  });
});
