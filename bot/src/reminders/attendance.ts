/**
 * "Did you attend?": each booked officer's answer once a session has ended. Yes puts the session
 * into their CPD record with its length; No (or no answer) leaves them to be offered the recording
 * when it is posted. An answer can be changed from No to Yes (they did go after all); a Yes stays,
 * since the session is already in their record, where they can see it.
 */
import type { Clock } from '../clock.js';
import type { Db, Queryable } from '../store/db.js';

export type AttendanceAnswer = 'yes' | 'no';

/** The CPD record as attendance needs it (cpd/cpd-record.ts): idempotent per officer, session and kind. */
export interface CpdRecorder {
  record(entry: { officerId: string; sessionId: string; kind: 'attended' | 'recording'; minutes: number; at: Date }): Promise<void>;
}

export type AttendanceOutcome =
  /** Yes: the session is in their CPD record (again, if they had said so before). */
  | { kind: 'attended'; minutes: number }
  /** No: noted; the recording will be offered when it is posted. */
  | { kind: 'missed' }
  /** No, after a Yes: the record keeps the session. */
  | { kind: 'already-attended'; minutes: number }
  /** The officer had no place on the session (or it is not in the programme). */
  | { kind: 'not-booked' }
  /** Asked before the session ended (an old card, a hand-made press). */
  | { kind: 'not-ended' };

interface PlaceRow {
  starts_at: Date;
  ends_at: Date;
  answer: AttendanceAnswer | null;
}

export class AttendanceBook {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly cpd: CpdRecorder,
  ) {}

  async answer(officerId: string, sessionId: string, answer: AttendanceAnswer): Promise<AttendanceOutcome> {
    const now = this.clock.now();
    const [place] = await this.db.query<PlaceRow>(
      `select s.starts_at, s.ends_at, a.answer
         from bookings b join sessions s on s.id = b.session_id
         left join attendance_answers a on a.officer_id = b.officer_id and a.session_id = b.session_id
        where b.officer_id = $1 and b.session_id = $2 and b.status = 'booked'`,
      [officerId, sessionId],
    );
    if (!place) return { kind: 'not-booked' };
    if (new Date(place.ends_at).getTime() > now.getTime()) return { kind: 'not-ended' };
    const minutes = Math.max(1, Math.round((new Date(place.ends_at).getTime() - new Date(place.starts_at).getTime()) / 60_000));
    if (answer === 'no') {
      if (place.answer === 'yes') return { kind: 'already-attended', minutes };
      await saveAnswer(this.db, officerId, sessionId, 'no', now);
      return { kind: 'missed' };
    }
    // The record first: it is idempotent, so a failure after it and a second press record once.
    await this.cpd.record({ officerId, sessionId, kind: 'attended', minutes, at: now });
    await saveAnswer(this.db, officerId, sessionId, 'yes', now);
    return { kind: 'attended', minutes };
  }

  /** What the officer answered, if they did. */
  async answerOf(officerId: string, sessionId: string): Promise<AttendanceAnswer | undefined> {
    const rows = await this.db.query<{ answer: AttendanceAnswer }>('select answer from attendance_answers where officer_id = $1 and session_id = $2', [
      officerId,
      sessionId,
    ]);
    return rows[0]?.answer;
  }
}

/** A Yes is never turned back into a No (two presses racing: Yes wins). */
async function saveAnswer(q: Queryable, officerId: string, sessionId: string, answer: AttendanceAnswer, at: Date): Promise<void> {
  await q.query(
    `insert into attendance_answers (officer_id, session_id, answer, answered_at) values ($1, $2, $3, $4)
     on conflict (officer_id, session_id) do update set answer = excluded.answer, answered_at = excluded.answered_at
      where attendance_answers.answer = 'no'`,
    [officerId, sessionId, answer, at],
  );
}
