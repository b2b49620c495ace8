/**
 * The one read model of sessions for the live catalog version: each session's facts with its
 * campaign, whether it has been taken out of the programme (and what the organiser said), and
 * the recording posted for it by a given day. Cards, the understanding and bookings all ask it,
 * so "withdrawn" and "posted" mean the same everywhere.
 */
import { cachedZone } from './zone.js';
import { dayAt, isoDate } from './local-day.js';
import type { Campaign, Catalog, Recording, Session } from './model.js';
import type { SessionMatch } from './whats-on.js';

/** A recording is listed (and offered on cards) from its posting day, in the catalog's zone, on. */
export function postingDay(now: Date, timeZone: string): string {
  return isoDate(dayAt(cachedZone(timeZone).wallClock(now.getTime())));
}

/** The latest of a session's recordings posted by `day` (yyyy-mm-dd); `recordings` in any order. */
export function postedBy<R extends Pick<Recording, 'postedOn'>>(recordings: readonly R[], day: string): R | undefined {
  let best: R | undefined;
  for (const r of recordings) if (r.postedOn <= day && (!best || r.postedOn >= best.postedOn)) best = r;
  return best;
}

export interface WithdrawnSession {
  session: Session;
  /** What the organiser told the officers, when they cancelled it. */
  message?: string;
}

export class Sessions {
  private readonly byId = new Map<string, Session>();
  private readonly campaigns = new Map<string, Campaign>();
  private readonly recordings = new Map<string, Recording[]>();

  constructor(
    readonly catalog: Catalog,
    private readonly withdrawn: ReadonlyMap<string, WithdrawnSession> = new Map(),
  ) {
    for (const s of catalog.sessions) this.byId.set(s.id, s);
    for (const c of catalog.campaigns) this.campaigns.set(c.id, c);
    for (const r of catalog.recordings) {
      if (!r.sessionId) continue;
      const list = this.recordings.get(r.sessionId) ?? [];
      list.push(r);
      this.recordings.set(r.sessionId, list);
    }
  }

  /** A session in the programme now. */
  get(id: string): Session | undefined {
    return this.byId.get(id);
  }

  /** Taken out of the programme (cancelled, or removed from the catalog) after it had been in it. */
  isWithdrawn(id: string): boolean {
    return !this.byId.has(id);
  }

  withdrawnSession(id: string): WithdrawnSession | undefined {
    return this.byId.has(id) ? undefined : this.withdrawn.get(id);
  }

  /** The recording posted for the session by `now` (its posting day in the catalog's zone). */
  recordingFor(sessionId: string, now: Date): Recording | undefined {
    const list = this.recordings.get(sessionId);
    return list ? postedBy(list, postingDay(now, this.catalog.timeZone)) : undefined;
  }

  /** A session with its campaign and the recording posted by now, as the answers give them. */
  find(id: string, now: Date): SessionMatch | undefined {
    const session = this.byId.get(id);
    if (!session) return undefined;
    const campaign = session.campaignId ? this.campaigns.get(session.campaignId) : undefined;
    const recording = this.recordingFor(id, now);
    return { session, ...(campaign ? { campaign } : {}), ...(recording ? { recording } : {}) };
  }
}
