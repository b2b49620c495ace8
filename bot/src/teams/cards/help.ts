/**
 * What the bot can do, with example questions to tap: the answer to "help", to anything not
 * understood ("I didn't catch that") and the welcome when the app is installed.
 *
 * Each example is an Action.Submit whose data is the question (`{ ask }`): Teams and the Agents
 * Playground both send it to the bot as the message's value, and the bot answers it as if it
 * were typed (activity.ts). Not a messageBack or imBack: the playground's card renderer cannot
 * run an Action.Submit whose data has `msteams` ("Cannot add property msTeams, object is not
 * extensible"), so the tap would do nothing there.
 */
import { renderCard, type AdaptiveCardJson, type ReadableColor } from './render.js';
import template from './help.json' with { type: 'json' };

export type HelpReason = 'help' | 'not-understood' | 'welcome';
export type Scope = 'personal' | 'groupChat' | 'channel';

/** What a suggestion sends when tapped: the question, asked as the officer. */
export interface AskData {
  ask: string;
}

export interface HelpCardData {
  lead: string;
  leadColor: ReadableColor;
  heading: string;
  about: string;
  suggestions: Array<{ question: string; ask: AskData }>;
  alsoAsk: string[];
  footer: string;
}

/** Tappable examples: at most 6, since each is an action and Teams allows 6 on a card. */
export const SUGGESTED_QUESTIONS = [
  "What's on this week?",
  'Anything on mental health in June?',
  "What's on tomorrow afternoon?",
  'Sessions in response policing week',
  'What did I miss this week?',
  'Anything by Avon and Somerset Police?',
] as const;

export const OTHER_QUESTIONS = ['What is on 19 June?', 'Is there a recording of the crisis intervention session?'] as const;

export function askData(question: string): AskData {
  return { ask: question };
}

const LEADS: Record<HelpReason, { lead: string; leadColor: HelpCardData['leadColor'] }> = {
  help: { lead: '', leadColor: 'Default' },
  'not-understood': { lead: "Sorry, I didn't catch that.", leadColor: 'Default' },
  welcome: { lead: 'Hello! I can tell you about the College of Policing\u2019s free CPD sessions.', leadColor: 'Accent' },
};

export function helpData(reason: HelpReason, scope: Scope = 'personal'): HelpCardData {
  const howToAsk = scope === 'personal' ? 'Ask me in your own words' : 'Mention me (@) and ask in your own words';
  return {
    ...LEADS[reason],
    heading: 'What I can do',
    about:
      `${howToAsk} what CPD sessions are on: by day or week, by topic, by week of action, by presenter or force. ` +
      'For past sessions I link to the recording when it is posted. ' +
      'Press "Book a place" on a session to book it (or join its waitlist when it is full), and type "my bookings" to see or cancel your places. ' +
      'I remind you the working day before and 15 minutes before each session you book: type "stop reminders" to turn that off, "start reminders" to turn it back on.',
    suggestions: SUGGESTED_QUESTIONS.map((question) => ({ question, ask: askData(question) })),
    alsoAsk: [...OTHER_QUESTIONS],
    footer: 'Type "help" at any time to see this again. Times are UK time.',
  };
}

export function helpCard(data: HelpCardData): AdaptiveCardJson {
  return renderCard(template, data);
}
