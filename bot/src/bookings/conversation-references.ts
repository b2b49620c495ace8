/**
 * Where the Teams handler keeps each officer's personal-chat conversation reference, so the bot
 * can message them later (a waitlist promotion). The reference is opaque JSON here: only the
 * Teams side knows its shape.
 */
import type { Db } from '../store/db.js';

export class ConversationReferenceStore {
  constructor(private readonly db: Db) {}

  async save(officerId: string, reference: unknown): Promise<void> {
    await this.db.query(
      `insert into conversation_references (officer_id, reference) values ($1, $2)
       on conflict (officer_id) do update set reference = excluded.reference, updated_at = now()`,
      [officerId, JSON.stringify(reference)],
    );
  }

  async get(officerId: string): Promise<unknown | undefined> {
    const rows = await this.db.query<{ reference: unknown }>('select reference from conversation_references where officer_id = $1', [officerId]);
    return rows[0]?.reference;
  }
}
