/**
 * What a publish changes, as organisers read it before they press Publish and in the history:
 * each kind of change with how many booked and waiting officers it reaches. Built from the pure
 * catalog diff and the places held before the change, so a preview says exactly what the
 * publish then does.
 */
import type { CatalogDiff } from '../catalog/changes.js';
import type { Catalog } from '../catalog/model.js';
import { promotions } from '../bookings/rules.js';
import type { ChangeSummary, Slot } from './wire.js';

type Places = { booked: number; waitlisted: number };

export type { ChangeSummary };

export function summarise(
  diff: CatalogDiff,
  after: Catalog,
  places: ReadonlyMap<string, Places>,
  messages: ReadonlyMap<string, string>,
  now: Date,
): ChangeSummary {
  const at = (id: string): Places => places.get(id) ?? { booked: 0, waitlisted: 0 };
  const slot = (s: { startsAt: Date; endsAt: Date }): Slot => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() });
  const started = (s: { startsAt: Date }) => s.startsAt.getTime() <= now.getTime();
  const titles = new Map(after.sessions.map((s) => [s.id, s.title]));

  const summary: ChangeSummary = {
    unchanged: diff.unchanged,
    text: '',
    counts: { added: 0, changed: 0, rescheduled: 0, withdrawn: 0, capacityUp: 0, capacityDown: 0, recordingsAdded: 0 },
    added: diff.added.map((s) => ({ id: s.id, title: s.title, ...slot(s) })),
    rescheduled: diff.rescheduled.map((p) => ({ id: p.after.id, title: p.after.title, from: slot(p.before), to: slot(p.after), ...at(p.after.id) })),
    withdrawn: diff.withdrawn.map((s) => {
      // A session that has already run keeps its bookings (they are the record of who came).
      const held = started(s) ? { booked: 0, waitlisted: 0 } : at(s.id);
      const message = messages.get(s.id);
      return { id: s.id, title: s.title, startsAt: s.startsAt.toISOString(), ...held, ...(message ? { message } : {}) };
    }),
    capacity: diff.capacity.map((p) => {
      const from = p.before.capacity ?? null;
      const to = p.after.capacity ?? null;
      const held = at(p.after.id);
      const raised = to === null ? from !== null : from !== null && to > from;
      return {
        id: p.after.id,
        title: p.after.title,
        from,
        to,
        ...held,
        promoted: raised && !started(p.after) ? promotions(to, held.booked, held.waitlisted) : 0,
      };
    }),
    changed: diff.changed.map((c) => ({ id: c.after.id, title: c.after.title, fields: c.fields, booked: at(c.after.id).booked })),
    recordingsAdded: diff.recordingsAdded.map((r) => {
      const sessionTitle = r.sessionId ? titles.get(r.sessionId) : undefined;
      const held = r.sessionId ? at(r.sessionId) : { booked: 0, waitlisted: 0 };
      return {
        id: r.id,
        title: r.title,
        postedOn: r.postedOn,
        officers: held.booked + held.waitlisted,
        ...(r.sessionId ? { sessionId: r.sessionId } : {}),
        ...(sessionTitle ? { sessionTitle } : {}),
      };
    }),
  };
  summary.counts = {
    added: summary.added.length,
    changed: summary.changed.length,
    rescheduled: summary.rescheduled.length,
    withdrawn: summary.withdrawn.length,
    capacityUp: summary.capacity.filter((c) => (c.to === null ? c.from !== null : c.from !== null && c.to > c.from)).length,
    capacityDown: summary.capacity.filter((c) => c.to !== null && (c.from === null || c.to < c.from)).length,
    recordingsAdded: summary.recordingsAdded.length,
  };
  summary.text = sentence(summary, diff);
  return summary;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function reach(booked: number, waitlisted: number): string {
  const parts = [booked > 0 ? `${booked} booked` : '', waitlisted > 0 ? `${waitlisted} waiting` : ''].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function sentence(s: ChangeSummary, diff: CatalogDiff): string {
  if (s.unchanged) return 'No changes: the catalog is the same as the one published.';
  const sum = (rows: Array<{ booked: number; waitlisted: number }>) =>
    rows.reduce((a, r) => ({ booked: a.booked + r.booked, waitlisted: a.waitlisted + r.waitlisted }), { booked: 0, waitlisted: 0 });
  const parts: string[] = [];
  if (s.counts.added) parts.push(`${plural(s.counts.added, 'session')} added`);
  if (s.counts.rescheduled) {
    const r = sum(s.rescheduled);
    parts.push(`${plural(s.counts.rescheduled, 'session')} rescheduled${reach(r.booked, r.waitlisted)}`);
  }
  if (s.counts.withdrawn) {
    const w = sum(s.withdrawn);
    parts.push(`${plural(s.counts.withdrawn, 'session')} cancelled${reach(w.booked, w.waitlisted)}`);
  }
  if (s.counts.capacityUp) {
    const promoted = s.capacity.reduce((a, c) => a + c.promoted, 0);
    parts.push(`capacity raised on ${plural(s.counts.capacityUp, 'session')}${promoted ? ` (${promoted} promoted from the waitlist)` : ''}`);
  }
  if (s.counts.capacityDown) parts.push(`capacity lowered on ${plural(s.counts.capacityDown, 'session')} (no one loses a place)`);
  if (s.counts.changed) parts.push(`details changed on ${plural(s.counts.changed, 'session')}`);
  if (s.counts.recordingsAdded) parts.push(`${plural(s.counts.recordingsAdded, 'recording')} posted`);
  const rest = diff.recordingsRemoved.length + diff.otherChanges;
  if (rest) parts.push(`${plural(rest, 'other change')}`);
  const text = parts.join(', ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
