/**
 * Who is calling the tab's API. With Teams SSO configured: the verified token's identity (and
 * its Entra app roles); in local mode (loopback only, no SSO): a local user who may do anything,
 * organising included; facing the network without SSO: nobody. The caller only learns pass or
 * fail; the reason goes to the log.
 */
import type restify from 'restify';
import type { Logger } from '../log.js';
import { TeamsSsoVerifier, type SsoSettings } from '../auth/teams-sso.js';

/** The Entra app role, on the tab's app registration, that makes a user an organiser. */
export const ORGANISER_ROLE = 'Organiser';

export type Access = SsoSettings | 'local' | 'closed';

export interface Caller {
  local: boolean;
  name: string | null;
  /** Sign-in name (e-mail) when known. */
  username?: string;
  objectId?: string;
  roles: string[];
}

export function isOrganiser(caller: Caller): boolean {
  return caller.local || caller.roles.includes(ORGANISER_ROLE);
}

/** How the audit log and the history name a caller. */
export function actorName(caller: Caller): string {
  if (caller.local) return 'Local organiser';
  return caller.username ?? caller.name ?? caller.objectId ?? 'unknown user';
}

export type Gate = (req: restify.Request, res: restify.Response) => Promise<Caller | undefined>;

/** Answers 401 (and returns undefined) for a caller who is not signed in; `message` is what they read. */
export function makeGate(access: Access, log: Logger, message: string): Gate {
  const verifier = typeof access === 'object' ? new TeamsSsoVerifier(access) : undefined;
  return async (req, res) => {
    if (access === 'local') return { local: true, name: null, roles: [] };
    if (verifier) {
      const result = await verifier.verify(req.headers.authorization);
      if (result.ok) {
        const { identity } = result;
        return {
          local: false,
          name: identity.name ?? null,
          roles: identity.roles,
          ...(identity.username ? { username: identity.username } : {}),
          ...(identity.objectId ? { objectId: identity.objectId } : {}),
        };
      }
      if (result.ourFault) log.error({ reason: result.reason }, 'SSO token could not be checked');
      else if (req.headers.authorization) log.warn({ reason: result.reason }, 'SSO token refused');
      else log.debug({ reason: result.reason }, 'SSO token missing');
    }
    res.header('WWW-Authenticate', 'Bearer');
    sendJson(res, 401, { error: 'unauthorized', message });
    return undefined;
  };
}

export function sendJson(res: restify.Response, status: number, body: unknown): void {
  // Answers depend on who asks (SSO): never stored by a shared cache.
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify(body));
}

export function sendFailure(res: restify.Response, log: Logger, error: unknown, what: string): void {
  log.error({ err: error }, `${what} failed`);
  if (!res.headersSent) sendJson(res, 500, { error: 'internal', message: 'Something went wrong on our side. Please try again in a moment.' });
}
