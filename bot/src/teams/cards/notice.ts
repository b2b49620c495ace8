/**
 * The messages an officer gets when the programme changes under a booking: the session moved
 * (the old time struck through, the new one, Keep my place or Cancel), was cancelled (with the
 * organiser's words), has a new join link, or its recording is posted. One template for all.
 */
import type { BookingView } from '../../bookings/model.js';
import type { TimeSlot } from '../../bookings/invite-jobs.js';
import type { Recording } from '../../catalog/model.js';
import { formatSessionTime, isWebUrl, sessionTiming, truncate } from '../presentation.js';
import { VERB, type AddRecordingData, type CancelData, type KeepData, type MyBookingsData } from './actions.js';
import { renderCard, type AdaptiveCardJson, type ReadableColor } from './render.js';
import noticeTemplate from './notice.json' with { type: 'json' };

const TITLE_CHARS = 150;
/** The organiser's message as shown: enough for a paragraph, far under the card limit. */
export const MESSAGE_CHARS = 1000;

export interface NoticeCardData {
  lead: string;
  leadColor: ReadableColor;
  title: string;
  /** The time before the change, struck through; empty when the time did not change. */
  oldWhen: string;
  when: string;
  whenStruck: boolean;
  messageFrom: string;
  message: string;
  note: string;
  watchUrl: string;
  /** Under a recording: once watched, it goes into the officer's CPD record. */
  addToCpd: AddRecordingData | null;
  keep: KeepData | null;
  icsUrl: string;
  joinUrl: string;
  cancel: CancelData | null;
  cancelTitle: string;
  mine: MyBookingsData;
}

function base(view: BookingView, now: Date): Omit<NoticeCardData, 'lead' | 'leadColor'> {
  return {
    title: truncate(view.session.title, TITLE_CHARS),
    oldWhen: '',
    when: formatSessionTime(view.session.startsAt, view.session.endsAt, now),
    whenStruck: false,
    messageFrom: '',
    message: '',
    note: '',
    watchUrl: '',
    addToCpd: null,
    keep: null,
    icsUrl: '',
    joinUrl: '',
    cancel: null,
    cancelTitle: '',
    mine: { verb: VERB.myBookings },
  };
}

/** The session moved. Booked officers keep their place unless they cancel; waiting ones keep their place in the queue. */
export function rescheduledData(view: BookingView, from: TimeSlot, now: Date): NoticeCardData {
  const booked = view.status === 'booked';
  const upcoming = sessionTiming(view.session, now) === 'upcoming';
  return {
    ...base(view, now),
    lead: 'This session has moved',
    leadColor: 'Default',
    oldWhen: formatSessionTime(from.startsAt, from.endsAt, now),
    note: booked
      ? `You're still booked at the new time${view.invite === 'sent' || view.invite === 'pending' ? ', and your Outlook calendar has been updated' : ''}. If it no longer suits you, cancel so someone waiting gets your place.`
      : `You're still on the waitlist${view.position ? ` (number ${view.position})` : ''} at the new time.`,
    keep: booked && upcoming ? { verb: VERB.keep, sessionId: view.session.id } : null,
    icsUrl: booked && isWebUrl(view.icsUrl) ? view.icsUrl : '',
    cancel: upcoming ? { verb: VERB.cancel, sessionId: view.session.id } : null,
    cancelTitle: booked ? 'Cancel booking' : 'Leave the waitlist',
  };
}

/** The session was cancelled: the officer's place has ended. */
export function withdrawnData(view: BookingView, was: 'booked' | 'waitlisted', message: string | undefined, now: Date): NoticeCardData {
  return {
    ...base(view, now),
    lead: 'This session has been cancelled',
    leadColor: 'Default',
    whenStruck: true,
    messageFrom: message ? 'From the organisers:' : '',
    message: message ? truncate(message, MESSAGE_CHARS) : '',
    note:
      was === 'booked'
        ? "Your place has been cancelled, and the event has been taken out of your calendar. Ask me what's on to find another session."
        : "You were on the waitlist; that has ended too. Ask me what's on to find another session.",
  };
}

/** The join link changed: the new one is on the card and in the calendar event. */
export function joinLinkData(view: BookingView, now: Date): NoticeCardData {
  const upcoming = sessionTiming(view.session, now) !== 'past';
  return {
    ...base(view, now),
    lead: 'New link to join this session',
    leadColor: 'Default',
    note: 'The link to join has changed. Use Join the session below; your Outlook calendar has the new link too. Links from earlier messages no longer work.',
    joinUrl: upcoming && isWebUrl(view.session.joinUrl) ? view.session.joinUrl : '',
    icsUrl: isWebUrl(view.icsUrl) ? view.icsUrl : '',
  };
}

/**
 * The recording of a session they booked (or waited for) is posted on Knowledge Hub. Those who
 * told the bot they attended are not sent this; everyone else is offered it for their CPD record.
 */
export function recordingData(view: BookingView, recording: Recording, now: Date): NoticeCardData {
  const minutes = recording.durationSeconds ? Math.round(recording.durationSeconds / 60) : undefined;
  const watchUrl = isWebUrl(recording.url) ? recording.url : '';
  return {
    ...base(view, now),
    lead: 'The recording is posted',
    leadColor: 'Default',
    note:
      `${truncate(recording.title, TITLE_CHARS)}${minutes ? ` (${minutes} minutes)` : ''} is on Knowledge Hub${view.status === 'waitlisted' ? ": you didn't get a place, so here it is to watch" : ''}.` +
      (watchUrl ? ' After watching it, add it to your CPD record.' : ''),
    watchUrl,
    addToCpd: watchUrl ? { verb: VERB.cpdAddRecording, sessionId: view.session.id } : null,
  };
}

export function noticeCard(data: NoticeCardData): AdaptiveCardJson {
  return renderCard(noticeTemplate, data);
}
