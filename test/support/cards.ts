/**
 * Judges a card the way Teams would, using published oracles rather than our own beliefs:
 * the Adaptive Cards 1.5 JSON schema, the official `adaptivecards` parser, the contrast of its
 * text in Teams' themes (contrast.ts), and Teams' limits: under 28 KB, and no more buttons in any
 * one action set (the card's own actions, or an ActionSet) than the Teams host config's
 * `actions.maxActions`, past which the renderer drops them. Schemas are compiled once per test run.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { contrastProblems } from './contrast.js';

const require = createRequire(import.meta.url);
const fixtures = new URL('../fixtures/oracles/', import.meta.url);

export const MAX_CARD_BYTES = 28 * 1024;

export function readOracle(path: string): any {
  return JSON.parse(readFileSync(new URL(path, fixtures), 'utf8'));
}

/** Buttons Teams draws in one action set: `actions.maxActions` of its host config (6). */
export const MAX_ACTIONS_PER_SET: number = readOracle('adaptive-cards/microsoft-teams-light.json').actions.maxActions;

let cardSchema: ValidateFunction | undefined;
let invokeResponseSchema: ValidateFunction | undefined;

function cardSchemaValidator(): ValidateFunction {
  if (cardSchema) return cardSchema;
  const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
  const ajv = new Ajv({ strict: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  addFormats(ajv);
  // The published file declares draft-06 but names itself with draft-04's `id`.
  const { id, ...schema } = readOracle('adaptive-cards/adaptive-card-1.5.0.schema.json');
  cardSchema = ajv.compile({ ...schema, $id: id });
  return cardSchema;
}

function invokeResponseValidator(): ValidateFunction {
  if (invokeResponseSchema) return invokeResponseSchema;
  const ajv = new Ajv({ strict: false });
  const schema = readOracle('bot-framework/teams-api.adaptive-card-action.schema.json');
  ajv.addSchema(schema);
  invokeResponseSchema = ajv.compile({ $ref: `${schema.$id}#/definitions/AdaptiveCardActionResponse` });
  return invokeResponseSchema;
}

/** Problems the AC 1.5 schema finds; `msteams` (a Teams extension the strict schema rejects) is stripped first. */
export function schemaProblems(card: any): string[] {
  const { msteams: _teamsOnly, ...portable } = card;
  const validate = cardSchemaValidator();
  if (validate(portable)) return [];
  return (validate.errors ?? []).map((e) => `schema: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/**
 * Problems the official renderer's parser reports (unknown types, bad enums, duplicate ids, too
 * many actions in a set, ...), with the Teams host config (its own default allows 5 a set).
 */
export function parserProblems(card: any): string[] {
  const AC = require('adaptivecards/dist/adaptivecards.js');
  const adaptiveCard = new AC.AdaptiveCard();
  adaptiveCard.hostConfig = new AC.HostConfig(readOracle('adaptive-cards/microsoft-teams-light.json'));
  const context = new AC.SerializationContext(AC.Version.parse(card.version));
  adaptiveCard.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of adaptiveCard.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  return problems;
}

/** Every Action.* in a card, in order: actions, selectActions, ActionSets at any depth, fallbacks. */
export function cardActions(node: unknown): any[] {
  if (Array.isArray(node)) return node.flatMap(cardActions);
  if (!node || typeof node !== 'object') return [];
  const self = typeof (node as any).type === 'string' && (node as any).type.startsWith('Action.') ? [node] : [];
  // `data` is free-form payload, not card structure: nothing in it is drawn as an action.
  return [...self, ...Object.entries(node).flatMap(([key, value]) => (key === 'data' ? [] : cardActions(value)))];
}

export function countActions(card: unknown): number {
  return cardActions(card).length;
}

/**
 * The card's action sets, each as the number of buttons it has: the card's `actions`, every
 * ActionSet in the body, and those of the cards that Action.ShowCard opens. A selectAction is a
 * tappable area, in no set.
 */
export function actionSetSizes(node: unknown): number[] {
  if (Array.isArray(node)) return node.flatMap(actionSetSizes);
  if (!node || typeof node !== 'object') return [];
  const n = node as Record<string, unknown>;
  const own = Array.isArray(n.actions) && (n.type === 'AdaptiveCard' || n.type === 'ActionSet') ? [n.actions.length] : [];
  return [...own, ...Object.entries(n).flatMap(([key, value]) => (key === 'data' ? [] : actionSetSizes(value)))];
}

export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/** Everything wrong with a card, as Teams and the issue see it; empty when it may be sent. */
export function cardProblems(card: any): string[] {
  const problems = [...schemaProblems(card), ...parserProblems(card), ...contrastProblems(card)];
  if (card?.version !== '1.5') problems.push(`version is ${card?.version}, not 1.5`);
  const bytes = cardBytes(card);
  if (bytes >= MAX_CARD_BYTES) problems.push(`${bytes} bytes, limit ${MAX_CARD_BYTES}`);
  for (const [i, size] of actionSetSizes(card).entries()) {
    if (size > MAX_ACTIONS_PER_SET) problems.push(`action set ${i + 1} has ${size} actions; Teams draws ${MAX_ACTIONS_PER_SET}`);
  }
  return problems;
}

export function assertValidCard(card: unknown, label = 'card'): void {
  const problems = cardProblems(card);
  if (problems.length > 0) throw new Error(`${label} is not a valid Teams card:\n  ${problems.join('\n  ')}`);
}

/** Problems with an adaptiveCard/action invoke response, and with the card it carries. */
export function invokeResponseProblems(response: any): string[] {
  const validate = invokeResponseValidator();
  const problems = validate(response) ? [] : (validate.errors ?? []).map((e) => `invoke response: ${e.instancePath || '/'} ${e.message ?? ''}`);
  if (response?.type === 'application/vnd.microsoft.card.adaptive') problems.push(...cardProblems(response.value));
  return problems;
}

export function assertValidInvokeResponse(response: unknown): void {
  const problems = invokeResponseProblems(response);
  if (problems.length > 0) throw new Error(`invalid adaptiveCard/action response:\n  ${problems.join('\n  ')}`);
}

/** The Adaptive Card attachments of an activity the bot sent. */
export function adaptiveCards(activity: { attachments?: Array<{ contentType: string; content: unknown }> }): any[] {
  return (activity.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content);
}
