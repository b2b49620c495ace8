/**
 * The cards of reminders and follow-ups: the reminder before a session (the day before or on the
 * day, and just before it starts), "no place came up" for an officer still waiting at the start,
 * "Did you attend?" after it and the answer to that, plus the card "stop reminders" and "start
 * reminders" answer with. One template for the session cards, so they read alike.
 */
import { DateTime } from 'luxon';
import type { BookedSession, BookingView } from '../../bookings/model.js';
import type { Recording } from '../../catalog/model.js';
import { dayWords, FIRST_REMINDER_HOUR, SOON_MINUTES } from '../../reminders/moments.js';
import { formatSessionTime, isWebUrl, sessionTiming, truncate, UK_ZONE } from '../presentation.js';
import { VERB, type AddRecordingData, type AttendanceData, type CancelData, type MyBookingsData, type ReminderSettingData } from './actions.js';
import { renderCard, type AdaptiveCardJson } from './render.js';
import reminderTemplate from './reminder.json' with { type: 'json' };
import settingsTemplate from './reminder-settings.json' with { type: 'json' };

const TITLE_CHARS = 150;

/** The two text colours that read at 4.5:1 in every Teams theme (light, dark, high contrast). */
type Color = 'Default' | 'Accent';

export interface ReminderCardData {
  lead: string;
  leadColor: Color;
  title: string;
  when: string;
  note: string;
  /** A line after the note: what a press just changed ("Reminders are off"). */
  status: string;
  statusColor: Color;
  footer: string;
  joinUrl: string;
  yes: AttendanceData | null;
  no: AttendanceData | null;
  watchUrl: string;
  addToCpd: AddRecordingData | null;
  icsUrl: string;
  cancel: CancelData | null;
  stop: ReminderSettingData | null;
  start: ReminderSettingData | null;
  mine: MyBookingsData | null;
}

export const REMINDER_SCHEDULE = `I remind you at ${String(FIRST_REMINDER_HOUR).padStart(2, '0')}:00 on the working day before each session you book, and ${SOON_MINUTES} minutes before it starts.`;

const empty = {
  note: '',
  status: '',
  statusColor: 'Default' as Color,
  footer: 'Times are UK time.',
  joinUrl: '',
  yes: null,
  no: null,
  watchUrl: '',
  addToCpd: null,
  icsUrl: '',
  cancel: null,
  stop: null,
  start: null,
  mine: null,
};

function base(session: BookedSession, now: Date): Pick<ReminderCardData, 'title' | 'when'> & typeof empty {
  return { ...empty, title: truncate(session.title, TITLE_CHARS), when: formatSessionTime(session.startsAt, session.endsAt, now) };
}

function ukTime(at: Date): string {
  return DateTime.fromJSDate(at, { zone: UK_ZONE }).toFormat('HH:mm');
}

export interface ReminderOptions {
  /** The reminder just before the start (otherwise the first one, the day before or on the day). */
  soon: boolean;
  /** Whether the officer still wants reminders: the card offers the other choice. */
  remindersOn?: boolean;
  /** What a press on this card just changed. */
  status?: { text: string; color: Color };
}

/** "Reminder: tomorrow at 10:00" or "Starts in 15 minutes, at 10:00": the session, how to join, and the officer's choices. */
export function reminderData(view: BookingView, now: Date, options: ReminderOptions): ReminderCardData {
  const { session } = view;
  const upcoming = sessionTiming(session, now) === 'upcoming';
  const remindersOn = options.remindersOn ?? true;
  const minutes = Math.max(0, Math.ceil((session.startsAt.getTime() - now.getTime()) / 60_000));
  const day = dayWords(session.startsAt, now);
  const lead = options.soon
    ? minutes > 0
      ? `Starts in ${minutes === 1 ? '1 minute' : `${minutes} minutes`}, at ${ukTime(session.startsAt)}`
      : `Starting now, at ${ukTime(session.startsAt)}`
    : `Reminder: ${typeof day === 'string' ? day : day.weekday} at ${ukTime(session.startsAt)}`;
  const joinUrl = sessionTiming(session, now) !== 'past' && isWebUrl(session.joinUrl) ? session.joinUrl : '';
  const joinNote = joinUrl ? 'Use Join the session when it starts.' : "The link to join isn't out yet: I'll message you when it is.";
  return {
    ...base(session, now),
    lead,
    leadColor: 'Accent',
    note: options.soon
      ? `You're booked. ${joinNote}`
      : `You're booked on this session. ${joinNote} If you can no longer make it, cancel so someone waiting gets your place.`,
    status: options.status?.text ?? '',
    statusColor: options.status?.color ?? 'Default',
    footer: remindersOn ? `Times are UK time. ${REMINDER_SCHEDULE}` : 'Times are UK time.',
    joinUrl,
    icsUrl: isWebUrl(view.icsUrl) ? view.icsUrl : '',
    cancel: upcoming ? { verb: VERB.cancel, sessionId: session.id } : null,
    stop: remindersOn ? { verb: VERB.stopReminders, sessionId: session.id } : null,
    start: remindersOn ? null : { verb: VERB.startReminders, sessionId: session.id },
  };
}

/** The session started while the officer was still waiting: no place this time; the recording follows. */
export function noPlaceData(view: BookingView, now: Date): ReminderCardData {
  const place = view.position ? ` (number ${view.position})` : '';
  return {
    ...base(view.session, now),
    lead: "You didn't get a place",
    leadColor: 'Default',
    note: `This session has started and you were still on the waitlist${place}, so no place came up for you this time. The recording will follow: I'll message you when it's posted.`,
    mine: { verb: VERB.myBookings },
  };
}

/** After the session: "Did you attend?" Yes / No. */
export function attendanceData(view: BookingView, now: Date): ReminderCardData {
  const minutes = sessionMinutes(view.session);
  return {
    ...base(view.session, now),
    lead: 'Did you attend?',
    leadColor: 'Default',
    note: `Yes puts this session into your CPD record (${minutes} minutes). If you missed it, I'll send you the recording when it's posted.`,
    yes: { verb: VERB.attended, sessionId: view.session.id },
    no: { verb: VERB.missed, sessionId: view.session.id },
  };
}

export type AttendanceReply =
  | { kind: 'attended'; minutes: number }
  | { kind: 'already-attended'; minutes: number }
  /** No: with the recording when it is already posted. */
  | { kind: 'missed'; recording?: Recording };

/** The "Did you attend?" card once answered. */
export function attendanceAnsweredData(session: BookedSession, reply: AttendanceReply, now: Date): ReminderCardData {
  const common = base(session, now);
  switch (reply.kind) {
    case 'attended':
      return {
        ...common,
        lead: 'Added to your CPD record',
        leadColor: 'Accent',
        note: `Attended: ${reply.minutes} minutes. Type "my cpd" to see your record and add a reflection.`,
      };
    case 'already-attended':
      return {
        ...common,
        lead: "It's in your CPD record",
        leadColor: 'Default',
        note: `You told me you attended, so this session is in your CPD record (${reply.minutes} minutes). Type "my cpd" to see it.`,
      };
    case 'missed': {
      const watchUrl = reply.recording && isWebUrl(reply.recording.url) ? reply.recording.url : '';
      return {
        ...common,
        lead: 'Thanks for letting me know',
        leadColor: 'Default',
        note: watchUrl
          ? 'The recording is posted. After watching it, add it to your CPD record.'
          : "I'll send you the recording when it's posted. After watching it, you can add it to your CPD record.",
        watchUrl,
        addToCpd: watchUrl ? { verb: VERB.cpdAddRecording, sessionId: session.id } : null,
      };
    }
  }
}

export function sessionMinutes(session: Pick<BookedSession, 'startsAt' | 'endsAt'>): number {
  return Math.max(1, Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000));
}

export function reminderCard(data: ReminderCardData): AdaptiveCardJson {
  return renderCard(reminderTemplate, data);
}

export interface ReminderSettingsCardData {
  heading: string;
  headingColor: Color;
  text: string;
  footer: string;
  stop: ReminderSettingData | null;
  start: ReminderSettingData | null;
}

/** The answer to "stop reminders" and "start reminders": where things stand, and the way back. */
export function reminderSettingsData(remindersOn: boolean, changed: boolean): ReminderSettingsCardData {
  if (remindersOn) {
    return {
      heading: changed ? 'Reminders are on again' : 'Reminders are on',
      headingColor: 'Accent',
      text: REMINDER_SCHEDULE,
      footer: 'Type "stop reminders" at any time to turn them off.',
      stop: { verb: VERB.stopReminders },
      start: null,
    };
  }
  return {
    heading: changed ? 'Reminders are off' : 'Reminders are already off',
    headingColor: 'Default',
    text: "I won't remind you before your sessions. I'll still tell you if a session you booked changes, and ask whether you attended afterwards.",
    footer: 'Type "start reminders" at any time to turn them back on.',
    stop: null,
    start: { verb: VERB.startReminders },
  };
}

export function reminderSettingsCard(data: ReminderSettingsCardData): AdaptiveCardJson {
  return renderCard(settingsTemplate, data);
}
