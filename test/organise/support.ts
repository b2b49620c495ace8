/**
 * Driving the organiser API and the officers' side of the bot in one running app: publish a
 * change to the current catalog, press a card button as an officer, wait for the outbox.
 */
import assert from 'node:assert/strict';
import { parseDocument, type Document } from 'yaml';
import type { RunningApp } from '../support/app.js';
import { teamsMessage } from '../support/app.js';
import { assertValidInvokeResponse } from '../support/cards.js';

export interface TestOfficer {
  id: string;
  aadObjectId: string;
  name: string;
  personalChat: string;
}

export function officer(n: number): TestOfficer {
  return {
    id: `29:org-officer-${n}`,
    aadObjectId: `00000000-0000-4000-8000-0000000c${String(n).padStart(4, '0')}`,
    name: `PC Organised ${n}`,
    personalChat: `a:org-personal-${n}`,
  };
}

export function personal(who: TestOfficer) {
  return {
    from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId },
    conversation: { id: who.personalChat, conversationType: 'personal', tenantId: 'tenant-1' },
  };
}

export function execute(verb: string, data: unknown, where: Record<string, unknown>) {
  return {
    ...teamsMessage(''),
    text: undefined,
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    ...where,
  };
}

export async function press(running: RunningApp, verb: string, data: unknown, who: TestOfficer): Promise<any> {
  const { status, body } = await running.send(execute(verb, data, personal(who)));
  assertValidInvokeResponse(body);
  assert.equal(status, body.statusCode);
  return body;
}

export async function book(running: RunningApp, who: TestOfficer, sessionId: string): Promise<any> {
  return press(running, 'booking.book', { verb: 'booking.book', sessionId }, who);
}

export async function waitUntil<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Until no outbox job due by the app's clock is waiting or running (so "exactly once" can be counted). */
export async function outboxSettled(running: RunningApp, timeoutMs = 15_000): Promise<void> {
  await waitUntil(
    async () => {
      const now = running.app.clock.now();
      const [row] = await running.app.db.query<{ n: number }>(
        "select count(*)::int as n from jobs where state in ('pending', 'running') and run_after <= $1 and (expires_at is null or expires_at > $1)",
        [now],
      );
      return row?.n === 0;
    },
    'the outbox to settle',
    timeoutMs,
  );
}

export async function api(
  running: RunningApp,
  method: string,
  path: string,
  body?: { type: string; text: string },
): Promise<{ status: number; headers: Headers; text: string; json: any }> {
  const response = await fetch(`${running.baseUrl}${path}`, {
    method,
    ...(body ? { headers: { 'content-type': body.type }, body: body.text } : {}),
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export async function currentYaml(running: RunningApp): Promise<string> {
  const { status, text } = await api(running, 'GET', '/api/organiser/catalog');
  assert.equal(status, 200);
  return text;
}

/** The current catalog with `change` made to it, as YAML. */
export async function changed(running: RunningApp, change: (doc: Document) => void): Promise<string> {
  const doc = parseDocument(await currentYaml(running));
  change(doc);
  return doc.toString();
}

/** Index of a session in the catalog document. */
export function sessionPath(doc: Document, id: string): number {
  const items = (doc.get('sessions') as any).items as any[];
  const index = items.findIndex((item) => String(item.get('id')) === id);
  assert.ok(index >= 0, `session ${id} in the catalog`);
  return index;
}

export async function putCatalog(running: RunningApp, yaml: string, query = ''): Promise<{ status: number; json: any }> {
  return api(running, 'PUT', `/api/organiser/catalog${query}`, { type: 'application/yaml', text: yaml });
}

export async function edit(running: RunningApp, change: Record<string, unknown>, query = ''): Promise<{ status: number; json: any }> {
  return api(running, 'POST', `/api/organiser/edits${query}`, { type: 'application/json', text: JSON.stringify(change) });
}

export async function jobCount(running: RunningApp): Promise<number> {
  const [row] = await running.app.db.query<{ n: number }>('select count(*)::int as n from jobs');
  return row?.n ?? 0;
}
