/**
 * Messages that ask for something other than sessions, recognised before a message is read as a
 * "what's on" question.
 */

/** "my bookings" (the manifest command) and the plain ways of naming the list. */
const MY_LIST =
  /^(?:please )?(?:(?:show|list|see|view|check|get|open)(?: me)? )?(?:all )?my (?:bookings?|booked sessions|places|sessions|upcoming bookings|booking list)(?: please)?$|^bookings$/;

/**
 * A question about the officer's own places: "am I booked on anything", "what have I booked",
 * "what am I signed up for", "did I book anything", "am I on the waitlist for anything". Each says
 * "I" with a booking verb in a form that reports a place held, not one to take ("can I book").
 */
const ABOUT_MY_PLACES = new RegExp(
  [
    String.raw`\b(?:am|are) i (?:booked|signed up|registered|down|on the (?:waitlist|waiting list)|waitlisted)\b`,
    String.raw`\b(?:have|did) i (?:got )?(?:booked|book|signed up|sign up|registered|register)\b`,
    String.raw`\bi(?:ve| have) (?:booked|signed up|registered)\b`,
    String.raw`\b(?:what|which)ve i (?:booked|signed up|registered)\b`,
    String.raw`\bmy (?:bookings?|booked sessions|places)\b`,
  ].join('|'),
);

/** A question that says more than this is read for sessions, even if it mentions the officer's bookings. */
const MAX_WORDS = 12;

/** Whether the message asks for the officer's own bookings rather than for sessions. */
export function asksForMyBookings(text: string): boolean {
  const plain = text
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (MY_LIST.test(plain)) return true;
  return plain.split(' ').length <= MAX_WORDS && ABOUT_MY_PLACES.test(plain);
}
