/**
 * Hand-made "what's on" answers for card tests, including the worst case a card must survive:
 * ten sessions with long titles and descriptions, three presenters each, long links.
 */
import type { Campaign, Presenter, Recording, Session } from '../../bot/src/catalog/model.js';
import type { SessionMatch, WhatsOnAnswer, WhatsOnQuery } from '../../bot/src/catalog/whats-on.js';

export const campaign: Campaign = {
  id: 'response-policing-week-2026',
  title: 'Response policing week of action 2026',
  aliases: ['response week'],
  startsOn: '2026-04-20',
  endsOn: '2026-04-26',
  knowledgeHubGroup: { name: 'Response policing', url: 'https://knowledgehub.group/web/response-policing' },
};

export const query: WhatsOnQuery = { tense: 'any', campaignIds: [], terms: [], presenters: [], organisations: [] };

export function session(overrides: Partial<Session> = {}): Session {
  return {
    id: 'rp-2026-crisis-intervention',
    campaignId: campaign.id,
    title: 'First on the scene: crisis intervention',
    startsAt: new Date('2026-04-21T13:00:00Z'),
    endsAt: new Date('2026-04-21T13:45:00Z'),
    presenters: [{ name: 'Inspector Stuart King KPM', role: 'Operational Lead', organisation: 'Avon and Somerset Police' }],
    description: 'Response officers are often first on the scene: managing crises and de-escalating danger.',
    topics: ['crisis intervention', 'de-escalation'],
    capacity: 300,
    joinUrl: 'https://teams.microsoft.com/l/meetup-join/crisis',
    ...overrides,
  };
}

export function recording(sessionId: string, overrides: Partial<Recording> = {}): Recording {
  return {
    id: `rec-${sessionId}`,
    sessionId,
    title: 'Recording',
    url: `https://knowledgehub.group/web/response-policing/recordings/${sessionId}`,
    postedOn: '2026-04-28',
    durationSeconds: 44 * 60,
    sample: false,
    ...overrides,
  };
}

const long = (words: number, seed: string) => Array.from({ length: words }, (_, i) => `${seed}${i % 7 === 0 ? 'extraordinarily' : 'word'}`).join(' ');

const longPresenter = (i: number): Presenter => ({
  name: `Detective Chief Superintendent Alexandra Montgomery-Fotheringham QPM ${i}`,
  role: 'National Policing Lead for Neighbourhood Policing and Community Engagement',
  organisation: 'Metropolitan Police Service and the National Police Chiefs\u2019 Council',
});

/** Ten sessions as long as a catalog could plausibly make them, half past with recordings. */
export function worstCaseMatches(count = 10): SessionMatch[] {
  return Array.from({ length: count }, (_, i) => {
    const past = i % 2 === 0;
    const s = session({
      id: `session-with-a-rather-long-identifier-${i}-${'x'.repeat(60)}`,
      title: long(60, `Title${i}`),
      description: long(400, `Desc${i}`),
      presenters: [longPresenter(1), longPresenter(2), longPresenter(3)],
      topics: Array.from({ length: 30 }, (_, t) => `topic number ${t}`),
      joinUrl: `https://teams.microsoft.com/l/meetup-join/${'a'.repeat(400)}`,
      startsAt: new Date(past ? '2026-04-01T13:00:00Z' : '2026-06-19T09:00:00Z'),
      endsAt: new Date(past ? '2026-04-01T13:45:00Z' : '2026-06-19T10:00:00Z'),
    });
    const rec = past ? recording(s.id, { url: `https://knowledgehub.group/web/response-policing/recordings/${'b'.repeat(400)}` }) : undefined;
    return { session: s, campaign: { ...campaign, title: long(30, 'Campaign') }, ...(rec ? { recording: rec } : {}) };
  });
}

export function sessionsAnswer(matches: SessionMatch[], total = matches.length, offset = 0): Extract<WhatsOnAnswer, { kind: 'sessions' }> {
  return { kind: 'sessions', heading: 'Sessions next week (20\u201326 April)', query, sessions: matches, total, offset };
}

export function nothingAnswer(nearest: SessionMatch[]): Extract<WhatsOnAnswer, { kind: 'nothing' }> {
  return { kind: 'nothing', heading: 'Saturday 25 April', query, nearest, explanation: 'Nothing is on on Saturday 25 April.' };
}
