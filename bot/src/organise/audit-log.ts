/**
 * The organisers' audit log: every operation that changes the programme or exports officers'
 * details, with who did it and when, written in the same transaction as the change it records.
 */
import type { Queryable } from '../store/db.js';

export type AuditAction = 'catalog.publish' | 'catalog.download' | 'registrations.view' | 'registrations.export';

export async function audit(q: Queryable, entry: { at: Date; actor: string; action: AuditAction; detail?: Record<string, unknown> }): Promise<void> {
  await q.query('insert into audit_log (at, actor, action, detail) values ($1, $2, $3, $4)', [
    entry.at,
    entry.actor,
    entry.action,
    JSON.stringify(entry.detail ?? {}),
  ]);
}
