/**
 * What /api/messages accepts as a Bot Framework activity, checked before the adapter or the bot
 * sees it: the parts they read have the types they expect (so bad input is a 400, not a crash in a
 * turn), ids are of a sane length, and the sender's aadObjectId (the key of an officer's
 * bookings) is a GUID. Everything else passes through untouched, so new channel fields still work.
 *
 * In local mode there is no token to bind the service URL to the channel, so replies may only go
 * to a channel on this machine.
 */
import { z } from 'zod';

/** Teams' longest ids (a channel thread's conversation id, a user's 29: id) are a few hundred characters. */
const ID_MAX = 512;
const NAME_MAX = 1024;

const id = z.string().min(1).max(ID_MAX);
const optionalId = z.string().max(ID_MAX).optional();
const word = z.string().max(256).optional();
const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');
/** Timestamps become Dates in the adapter: they must read as one. */
const instant = z
  .string()
  .max(64)
  .refine((v) => !Number.isNaN(Date.parse(v)), 'must be a date and time')
  .optional();

const account = z.looseObject({
  id,
  // Some channels send a null name.
  name: z.string().max(NAME_MAX).nullish(),
  aadObjectId: guid.optional(),
  role: word,
});

const entity = z
  .looseObject({ type: z.string().max(256), mentioned: z.looseObject({ id: optionalId }).optional() })
  .refine((e) => e.type.toLowerCase() !== 'mention' || e.mentioned !== undefined, 'a mention must say who is mentioned');

const activity = z.looseObject({
  type: z.string().min(1).max(64),
  id: optionalId,
  channelId: z.string().min(1).max(64),
  serviceUrl: z
    .string()
    .max(2048)
    .refine((v) => /^https?:\/\//i.test(v) && URL.canParse(v), 'must be an http(s) URL'),
  from: account,
  recipient: account,
  conversation: z.looseObject({
    id,
    conversationType: word,
    tenantId: optionalId,
    isGroup: z.boolean().optional(),
    name: z.string().max(NAME_MAX).nullish(),
  }),
  text: z.string().nullish(),
  textFormat: word,
  locale: word,
  name: word,
  action: word,
  replyToId: optionalId,
  timestamp: instant,
  localTimestamp: instant,
  expiration: instant,
  entities: z.array(entity).optional(),
  attachments: z.array(z.looseObject({ contentType: z.string().max(256).optional() })).optional(),
  membersAdded: z.array(account).optional(),
  membersRemoved: z.array(account).optional(),
  reactionsAdded: z.array(z.looseObject({ type: word })).optional(),
  reactionsRemoved: z.array(z.looseObject({ type: word })).optional(),
  channelData: z
    .looseObject({
      tenant: z.looseObject({ id: optionalId }).optional(),
      team: z.looseObject({ id: optionalId, name: z.string().max(NAME_MAX).nullish() }).optional(),
      channel: z.looseObject({ id: optionalId, name: z.string().max(NAME_MAX).nullish() }).optional(),
      eventType: word,
    })
    .optional(),
});

export type ActivityCheck =
  | { ok: true; activity: Record<string, unknown> & { serviceUrl: string } }
  | { ok: false; reason: 'shape'; problems: string[] }
  | { ok: false; reason: 'serviceUrl'; host: string };

/** The body as an activity, or why not (each problem names a field and a rule, never the value). */
export function checkActivity(body: unknown, options: { localMode: boolean }): ActivityCheck {
  const parsed = activity.safeParse(body);
  if (!parsed.success) {
    return { ok: false, reason: 'shape', problems: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || 'activity'}: ${i.message}`) };
  }
  // The original object, not zod's copy: the adapter keeps fields this schema does not name.
  const checked = body as Record<string, unknown> & { serviceUrl: string };
  if (options.localMode) {
    const url = new URL(checked.serviceUrl);
    if (!isLoopback(url.hostname)) return { ok: false, reason: 'serviceUrl', host: url.host };
  }
  return { ok: true, activity: checked };
}

/** 127.0.0.0/8, ::1 and localhost (URL has already normalised 127.1 and the like to dotted quads). */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * The adapter reads the timestamps as Dates, keeping the text as sent (as botbuilder's own
 * CloudAdapter.process does before it runs a turn).
 */
export function withDates(activity: Record<string, unknown>): Record<string, unknown> {
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity;
}
