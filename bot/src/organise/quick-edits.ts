/**
 * Quick edits from the Organise view: move a session, change its capacity, cancel it with a
 * message to its officers, post a recording. Each is applied to the live catalog's YAML in place
 * (comments and layout kept), and the result is published like any upload, so the history holds
 * one file per version whichever way it was made.
 */
import { DateTime } from 'luxon';
import { isMap, isSeq, parseDocument, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { z } from 'zod';
import type { Problem, QuickEdit } from './wire.js';

export type { QuickEdit };

/** The longest message to officers an organiser can send with a cancellation. */
export const MAX_CANCEL_MESSAGE = 1000;

const id = z.string().trim().min(1, 'choose a session').max(200);
const schema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('move'),
    sessionId: id,
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'give the day as yyyy-mm-dd'),
    start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'give the start as hh:mm (24-hour)'),
    end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'give the end as hh:mm (24-hour)'),
  }),
  z.object({
    kind: z.literal('capacity'),
    sessionId: id,
    capacity: z
      .number({ error: 'give a number of places, or no limit' })
      .int('give a whole number of places')
      .min(0, 'no fewer than 0 places')
      .max(100_000, 'at most 100,000 places')
      .nullable(),
  }),
  z.object({
    kind: z.literal('cancel'),
    sessionId: id,
    message: z
      .string()
      .trim()
      .min(1, 'say something to the officers: they will read it in Teams')
      .max(MAX_CANCEL_MESSAGE, `at most ${MAX_CANCEL_MESSAGE} characters`),
  }),
  z.object({
    kind: z.literal('recording'),
    sessionId: id,
    title: z.string().trim().min(1, 'give the recording a title').max(300, 'at most 300 characters'),
    url: z
      .string()
      .trim()
      .max(2048, 'that link is too long')
      .refine((v) => /^https:\/\/[^\s]+$/.test(v), 'give the https:// link to the recording on Knowledge Hub'),
    durationMinutes: z
      .number()
      .int('whole minutes')
      .min(1, 'at least 1 minute')
      .max(24 * 60, 'at most 24 hours')
      .optional(),
    postedOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'give the day as yyyy-mm-dd')
      .optional(),
  }),
]);

export type EditResult = { ok: true; yaml: string; withdrawnMessages: Map<string, string>; description: string } | { ok: false; problems: Problem[] };

const refuse = (path: string, message: string): EditResult => ({ ok: false, problems: [{ line: 0, column: 0, path, message, text: `${path}: ${message}` }] });

/** Reads an edit from the request body; problems name the form field. */
export function readEdit(body: unknown): { ok: true; edit: QuickEdit } | { ok: false; problems: Problem[] } {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, edit: parsed.data as QuickEdit };
  const problems = parsed.error.issues.map((i): Problem => {
    const path = i.path.length > 0 ? String(i.path[0]) : 'kind';
    const message = path === 'kind' && i.code !== 'custom' ? 'choose move, capacity, cancel or recording' : i.message;
    return { line: 0, column: 0, path, message, text: `${path}: ${message}` };
  });
  return { ok: false, problems };
}

export function applyEdit(yaml: string, edit: QuickEdit, context: { now: Date; timeZone: string; by: string }): EditResult {
  const doc = parseDocument(yaml, { keepSourceTokens: false });
  if (doc.errors.length > 0) return refuse('catalog', 'the published catalog could not be read; publish a corrected file first');
  const sessions = doc.get('sessions');
  if (!isSeq(sessions)) return refuse('catalog', 'the published catalog has no sessions');
  const index = (sessions as YAMLSeq).items.findIndex((item) => isMap(item) && String((item as YAMLMap).get('id')) === edit.sessionId);
  if (index < 0) return refuse('sessionId', 'that session is not in the programme (it may have been cancelled already)');
  const session = (sessions as YAMLSeq).items[index] as YAMLMap;
  const title = String(session.get('title') ?? edit.sessionId);

  switch (edit.kind) {
    case 'move': {
      const starts = DateTime.fromISO(`${edit.date}T${edit.start}`, { zone: context.timeZone });
      const ends = DateTime.fromISO(`${edit.date}T${edit.end}`, { zone: context.timeZone });
      if (!starts.isValid) return refuse('date', 'that is not a day in the calendar');
      if (ends <= starts) return refuse('end', 'the end must be after the start');
      if (starts.toJSDate() <= context.now) return refuse('start', 'that time has already passed; choose a time still to come');
      session.set('starts', `${edit.date}T${edit.start}`);
      session.set('ends', `${edit.date}T${edit.end}`);
      return ok(doc, `Moved ${title} to ${edit.date} ${edit.start}\u2013${edit.end}`);
    }
    case 'capacity': {
      if (edit.capacity === null) session.delete('capacity');
      else session.set('capacity', edit.capacity);
      return ok(doc, `Capacity of ${title} set to ${edit.capacity ?? 'no limit'}`);
    }
    case 'cancel': {
      const recordings = doc.get('recordings');
      const recorded = isSeq(recordings) && (recordings as YAMLSeq).items.some((r) => isMap(r) && String((r as YAMLMap).get('session')) === edit.sessionId);
      if (recorded) return refuse('sessionId', 'this session has a recording posted, so it has run; it cannot be cancelled');
      (sessions as YAMLSeq).items.splice(index, 1);
      const note = ` Cancelled ${DateTime.fromJSDate(context.now, { zone: context.timeZone }).toFormat('yyyy-MM-dd HH:mm')} by ${oneLine(context.by)}: ${edit.sessionId} (${oneLine(title)})`;
      sessions.comment = sessions.comment ? `${sessions.comment}\n${note}` : note;
      return { ...ok(doc, `Cancelled ${title}`), withdrawnMessages: new Map([[edit.sessionId, edit.message]]) };
    }
    case 'recording': {
      let recordings = doc.get('recordings');
      if (!isSeq(recordings)) {
        doc.set('recordings', doc.createNode([]));
        recordings = doc.get('recordings');
      }
      const list = recordings as YAMLSeq;
      const taken = new Set(list.items.map((r) => (isMap(r) ? String((r as YAMLMap).get('id')) : '')));
      let recordingId = `rec-${edit.sessionId}`;
      for (let n = 2; taken.has(recordingId); n++) recordingId = `rec-${edit.sessionId}-${n}`;
      const postedOn = edit.postedOn ?? DateTime.fromJSDate(context.now, { zone: context.timeZone }).toISODate()!;
      if (!DateTime.fromISO(postedOn).isValid) return refuse('postedOn', 'that is not a day in the calendar');
      list.items.push(
        doc.createNode({
          id: recordingId,
          session: edit.sessionId,
          title: edit.title,
          url: edit.url,
          postedAt: postedOn,
          ...(edit.durationMinutes ? { duration: `PT${edit.durationMinutes}M` } : {}),
        }),
      );
      return ok(doc, `Recording posted for ${title}`);
    }
  }
}

function ok(doc: Document, description: string): { ok: true; yaml: string; withdrawnMessages: Map<string, string>; description: string } {
  return { ok: true, yaml: doc.toString({ lineWidth: 0 }), withdrawnMessages: new Map(), description };
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').slice(0, 200);
}
