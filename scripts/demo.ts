/**
 * The moment `npm run dev` fixes the app's clock at, for the demo catalog (bot/catalog/demo-catalog.yaml):
 * Thursday 23 April 2026, 09:00 UK time, in the middle of Response Policing Week. The week's first
 * three sessions are over and their recordings posted (the Recordings tab has them), two are still
 * to come (today and tomorrow afternoon), and Neighbourhood Policing Week (19 June) is ahead. So every
 * example question on the Help card and in the README has sessions to show; a test asks them all.
 */
export const DEMO_NOW = '2026-04-23T09:00:00+01:00';
