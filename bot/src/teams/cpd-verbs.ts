/**
 * The CPD record's buttons: a page of the record, the reflection card for one entry, saving a
 * reflection, and "Add to my CPD record" under a recording. The record is whoever the activity
 * is from (`from.aadObjectId`); an officer id in the button's data is never read, and an entry
 * id only ever finds the presser's own entries. The record is private, so outside the personal
 * chat the answer is a pointer to it rather than the record itself.
 */
import { z } from 'zod';
import type { TurnContext } from 'botbuilder';
import type { CpdEntry, CpdRecord } from '../cpd/cpd-record.js';
import { durationText } from '../cpd/format.js';
import { checkReflection } from '../cpd/reflection.js';
import { scopeOf } from './activity.js';
import { officerOf } from './booking-verbs.js';
import { VERB } from './cards/actions.js';
import { CPD_CARD_PAGE, cpdRecordCard, cpdRecordData, cpdReflectionCard, cpdReflectionData } from './cards/cpd.js';
import { truncate } from './presentation.js';
import { badData, type VerbResult, type VerbTable } from './verbs.js';

export interface CpdVerbDeps {
  cpd: CpdRecord;
}

const offset = z.number().int().min(0).max(1_000_000).default(0);
/** The choice set sends its value as a string; an older client's Action.Submit may send a number. */
const entryId = z.union([
  z.number().int().positive(),
  z
    .string()
    .trim()
    .regex(/^\d{1,9}$/)
    .transform(Number),
]);
const recordInput = z.object({ offset });
const reflectInput = z.object({ offset, entryId: entryId.optional() });
const saveInput = z.object({ offset, entryId, reflection: z.unknown().optional() });
const addRecordingInput = z.object({ sessionId: z.string().trim().min(1).max(200) });

export const CPD_NOT_SIGNED_IN: VerbResult = {
  kind: 'message',
  text: "Sorry, I couldn't tell who you are, so I can't show your CPD record. Please use Teams signed in with your work account.",
};

export const CPD_PRIVATE_TEXT =
  'Your CPD record is private, so I only show it in our one-to-one chat. Message me "my cpd" there, or open the My CPD tab in this app.';
const CPD_IS_PRIVATE: VerbResult = { kind: 'message', text: CPD_PRIVATE_TEXT };

const ENTRY_GONE = 'Sorry, I couldn\'t find that entry in your CPD record. Type "my cpd" to see it as it is now.';

export function cpdVerbs(deps: CpdVerbDeps): VerbTable {
  const { cpd } = deps;

  /** The officer's record card at `at` (the page holding that position). */
  const recordCard = async (officerId: string, at: number, lead = ''): Promise<VerbResult> => {
    const start = Math.floor(at / CPD_CARD_PAGE) * CPD_CARD_PAGE;
    const [page, totals] = await Promise.all([cpd.page(officerId, start, CPD_CARD_PAGE), cpd.totals(officerId)]);
    // Past the end (entries gone since the card was drawn): the last page there is.
    if (page.items.length === 0 && page.total > 0) return recordCard(officerId, page.total - 1, lead);
    return { kind: 'card', card: cpdRecordCard(cpdRecordData(page, totals, lead)) };
  };

  /** Who is pressing, in the personal chat only; otherwise the message to answer with. */
  const presser = (context: TurnContext): { officerId: string } | { refusal: VerbResult } => {
    if (scopeOf(context.activity) !== 'personal') return { refusal: CPD_IS_PRIVATE };
    const officer = officerOf(context);
    return officer ? { officerId: officer.aadObjectId } : { refusal: CPD_NOT_SIGNED_IN };
  };

  return {
    [VERB.cpdRecord]: async ({ data, context }) => {
      const parsed = recordInput.safeParse(data ?? {});
      if (!parsed.success) return badData;
      const who = presser(context);
      if ('refusal' in who) return who.refusal;
      return recordCard(who.officerId, parsed.data.offset);
    },

    [VERB.cpdReflect]: async ({ data, context }) => {
      const parsed = reflectInput.safeParse(data);
      if (!parsed.success) return badData;
      const who = presser(context);
      if ('refusal' in who) return who.refusal;
      if (parsed.data.entryId === undefined) return { kind: 'message', text: 'Choose an entry in the list first, then press Reflect.' };
      const entry = await cpd.entry(who.officerId, parsed.data.entryId);
      if (!entry) return { kind: 'message', text: ENTRY_GONE };
      return { kind: 'card', card: cpdReflectionCard(cpdReflectionData(entry, { offset: parsed.data.offset })) };
    },

    [VERB.cpdSaveReflection]: async ({ data, context }) => {
      const parsed = saveInput.safeParse(data);
      if (!parsed.success) return badData;
      const who = presser(context);
      if ('refusal' in who) return who.refusal;
      const entry = await cpd.entry(who.officerId, parsed.data.entryId);
      if (!entry) return { kind: 'message', text: ENTRY_GONE };
      // An empty box arrives as an empty string, or (some clients) not at all: both clear the note.
      const checked = checkReflection(parsed.data.reflection ?? '');
      if (!checked.ok) {
        return {
          kind: 'card',
          card: cpdReflectionCard(cpdReflectionData(entry, { offset: parsed.data.offset, problem: checked.message, text: checked.keep })),
        };
      }
      const saved = await cpd.setReflection(who.officerId, entry.id, checked.text);
      if (!saved) return { kind: 'message', text: ENTRY_GONE };
      const lead =
        checked.text === null
          ? entry.reflection
            ? `Removed your reflection on ${short(entry)}.`
            : `Nothing to save: the reflection on ${short(entry)} is empty.`
          : `Saved your reflection on ${short(entry)}.`;
      return recordCard(who.officerId, await cpd.positionOf(who.officerId, saved), lead);
    },

    [VERB.cpdAddRecording]: async ({ data, context, now }) => {
      const parsed = addRecordingInput.safeParse(data);
      if (!parsed.success) return badData;
      const who = presser(context);
      if ('refusal' in who) return who.refusal;
      const outcome = await cpd.addRecording(who.officerId, parsed.data.sessionId, now);
      switch (outcome.kind) {
        case 'not-found':
          return { kind: 'message', text: 'Sorry, that session is no longer in the catalogue, so I can\u2019t add it to your CPD record.' };
        case 'not-yet':
          return {
            kind: 'message',
            text: 'That session hasn\u2019t taken place yet. Once its recording is posted and you\u2019ve watched it, you can add it.',
          };
        case 'attended':
          return reflectOn(outcome.entry, `This session is already in your CPD record: you attended it (${durationText(outcome.entry.minutes)}).`);
        case 'already':
          return reflectOn(outcome.entry, `Already in your CPD record: recording watched (${durationText(outcome.entry.minutes)}).`);
        case 'added':
          return reflectOn(outcome.entry, `\u2713 Added to your CPD record: recording watched (${durationText(outcome.entry.minutes)}).`);
      }
    },
  };
}

/** The card after adding an entry: the entry, with the box for a reflection right there. */
function reflectOn(entry: CpdEntry, lead: string): VerbResult {
  return { kind: 'card', card: cpdReflectionCard(cpdReflectionData(entry, { lead })) };
}

function short(entry: CpdEntry): string {
  return `\u201c${truncate(entry.title, 80)}\u201d`;
}
