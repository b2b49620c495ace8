/**
 * Judges message extension invokes by the published shapes: the request value against
 * botframework-schema's MessagingExtensionQuery, the response body against its
 * MessagingExtensionResponse, each result's preview against the Bot Connector's ThumbnailCard or
 * HeroCard, and each result's Adaptive Card as every card is judged (cards.ts). Teams' own rules
 * for search results are checked too: an Adaptive Card result needs a preview, and a preview
 * carries no action but an invoke tap.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { cardProblems, readOracle } from './cards.js';

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const PREVIEWS: Record<string, string> = {
  'application/vnd.microsoft.card.thumbnail': 'ThumbnailCard',
  'application/vnd.microsoft.card.hero': 'HeroCard',
};

let validators: { response: ValidateFunction; query: ValidateFunction; previews: Record<string, ValidateFunction> } | undefined;

function compiled(): NonNullable<typeof validators> {
  if (validators) return validators;
  const ajv = new Ajv({ strict: false, allErrors: true });
  (addFormatsModule as unknown as (ajv: Ajv) => Ajv)(ajv);
  const types = readOracle('bot-framework/botframework-schema.types.schema.json');
  ajv.addSchema(types);
  const swagger = readOracle('bot-framework/botframework-channel.swagger.json');
  // Teams' preview tap is an `invoke`, which the Bot Connector's enum of action types predates.
  swagger.definitions.ActionTypes.enum = [...swagger.definitions.ActionTypes.enum, 'invoke'];
  const swaggerId = 'urn:oracle:botframework-channel';
  ajv.addSchema({ $id: swaggerId, definitions: swagger.definitions });
  validators = {
    response: ajv.compile({ $ref: `${types.$id}#/definitions/MessagingExtensionResponse` }),
    query: ajv.compile({ $ref: `${types.$id}#/definitions/MessagingExtensionQuery` }),
    previews: Object.fromEntries(Object.entries(PREVIEWS).map(([type, name]) => [type, ajv.compile({ $ref: `${swaggerId}#/definitions/${name}` })])),
  };
  return validators;
}

function errors(validate: ValidateFunction, where: string): string[] {
  return (validate.errors ?? []).map((e) => `${where}${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** Problems with a composeExtension/query value as a test sends it (so tests send what Teams sends). */
export function queryValueProblems(value: unknown): string[] {
  const { query } = compiled();
  return query(value) ? [] : errors(query, 'query value: ');
}

/** Everything wrong with a message extension invoke response body; empty when Teams would take it. */
export function messageExtensionResponseProblems(body: any): string[] {
  const { response, previews } = compiled();
  const valid: boolean = response(body);
  if (!valid) return errors(response, 'response: ');
  const result = (body as { composeExtension?: any } | undefined)?.composeExtension;
  if (!result) return ['response: no composeExtension'];
  const problems: string[] = [];
  if (result.type === 'message') {
    if (typeof result.text !== 'string' || result.text.trim() === '') problems.push('a message result needs text');
    return problems;
  }
  if (result.type !== 'result') return [`unexpected result type ${result.type}`];
  if (result.attachmentLayout !== 'list') problems.push(`attachmentLayout ${result.attachmentLayout}, expected list`);
  if (!Array.isArray(result.attachments)) return [...problems, 'a result needs an attachments array'];
  result.attachments.forEach((attachment: any, i: number) => {
    const at = `attachments[${i}]`;
    if (attachment.contentType !== ADAPTIVE) problems.push(`${at}: ${attachment.contentType} is not an Adaptive Card`);
    else problems.push(...cardProblems(attachment.content).map((p) => `${at}.content: ${p}`));
    const preview = attachment.preview;
    const validate = preview && previews[preview.contentType];
    if (!validate) {
      problems.push(`${at}: an Adaptive Card result needs a thumbnail or hero preview`);
      return;
    }
    if (!validate(preview.content)) problems.push(...errors(validate, `${at}.preview.content`));
    if (preview.content?.buttons?.length) problems.push(`${at}.preview: Teams draws no buttons on a preview`);
    if (preview.content?.tap && preview.content.tap.type !== 'invoke') problems.push(`${at}.preview: a preview's tap can only be an invoke`);
  });
  return problems;
}

export function assertValidMessageExtensionResponse(body: unknown): void {
  const problems = messageExtensionResponseProblems(body);
  if (problems.length > 0) throw new Error(`invalid message extension response:\n  ${problems.join('\n  ')}`);
}
