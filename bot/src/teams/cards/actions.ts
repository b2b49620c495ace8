/**
 * The data the cards' Action.Execute buttons carry, and the verbs that name them. The verb is
 * repeated inside `data` so that an older client, which sends Action.Execute as an Action.Submit
 * message, still says what was pressed.
 */

export const VERB = {
  /** Re-ask the original question at another offset: "Show more", "Previous 10", "Back to the list". */
  whatsOnMore: 'whatsOn.more',
  /** Everything about one session. */
  sessionDetails: 'session.details',
  /** Book a place on one session (the officer comes from the activity, never from the data). */
  book: 'booking.book',
  /** Cancel a booking or leave a waitlist. */
  cancel: 'booking.cancel',
  /** The refresh verb of a user-specific card: that officer's own state for one session. */
  view: 'booking.view',
  /** The officer's upcoming bookings and waitlist places. */
  myBookings: 'booking.mine',
  /** After a session moved: the officer keeps their place at the new time. */
  keep: 'booking.keep',
  /** The officer's CPD record, one page of it (`offset`). */
  cpdRecord: 'cpd.mine',
  /** The reflection note on one entry of the officer's record, to add or edit. */
  cpdReflect: 'cpd.reflect',
  /** Saves the reflection typed on that card. */
  cpdSaveReflection: 'cpd.saveReflection',
  /** After watching a session's recording: it goes into the record as "recording watched". */
  cpdAddRecording: 'cpd.addRecording',
  /** The officer wants no more reminders (from a reminder card, or typed). */
  stopReminders: 'reminders.stop',
  /** Reminders back on. */
  startReminders: 'reminders.start',
  /** "Did you attend?": Yes (the session goes into their CPD record) or No. */
  attended: 'attendance.yes',
  missed: 'attendance.no',
} as const;

/** Enough to ask the question again exactly as it was first asked; nothing else is trusted. */
export interface QuestionRef {
  text: string;
  /** ISO 8601 instant the question was first asked, so "tomorrow" still means the same day. */
  askedAt: string;
  offset: number;
}

export type MoreData = { verb: typeof VERB.whatsOnMore } & QuestionRef;

/** The chosen session arrives as the `sessionId` input; `back` returns to the list it came from. */
export interface DetailsData {
  verb: typeof VERB.sessionDetails;
  sessionId?: string;
  back?: QuestionRef;
}

export function moreData(question: QuestionRef): MoreData {
  return { verb: VERB.whatsOnMore, text: question.text, askedAt: question.askedAt, offset: question.offset };
}

/** "Book a place": on a details card for its session; on a list card the session is the chosen input. */
export interface BookData {
  verb: typeof VERB.book;
  sessionId?: string;
}

/** "Cancel booking" / "Leave the waitlist", for one session. */
export interface CancelData {
  verb: typeof VERB.cancel;
  sessionId?: string;
  /** Where the button was pressed: the answer is that card again, up to date. */
  from?: 'mine';
  /** On "my bookings", the page it was pressed on (the first when absent). */
  offset?: number;
}

export interface ViewData {
  verb: typeof VERB.view;
  sessionId: string;
}

export interface MyBookingsData {
  verb: typeof VERB.myBookings;
  /** The page: how many bookings come before it (the first page when absent). */
  offset?: number;
}

export function bookData(sessionId?: string): BookData {
  return sessionId ? { verb: VERB.book, sessionId } : { verb: VERB.book };
}

/** "Keep my place" on a rescheduled session's message: the officer says the new time suits them. */
export interface KeepData {
  verb: 'booking.keep';
  sessionId: string;
}

/** "Stop reminders" / "Start reminders"; on a reminder card, the session whose card to redraw. */
export interface ReminderSettingData {
  verb: typeof VERB.stopReminders | typeof VERB.startReminders;
  sessionId?: string;
}

/** "Did you attend?" Yes / No, for one session. */
export interface AttendanceData {
  verb: typeof VERB.attended | typeof VERB.missed;
  sessionId: string;
}

/** "Add to my CPD record" under a recording: the session whose recording was watched. */
export interface AddRecordingData {
  verb: typeof VERB.cpdAddRecording;
  sessionId: string;
}
