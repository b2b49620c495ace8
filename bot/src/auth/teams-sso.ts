/**
 * Verifying the SSO token the tab gets from Teams (authentication.getAuthToken): an Entra ID
 * access token for this app. Checked here: signature against the tenant's published keys,
 * issuer (v1 or v2 form for that tenant), audience, expiry and not-before (with a small clock
 * tolerance), and that the tenant is one we serve. The caller only learns pass or fail; the
 * reason is for the log.
 */
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';

export interface SsoSettings {
  /** The tab's Entra app (client) id. */
  clientId: string;
  /** Audiences the token may carry: the client id and the app ID URI (api://host/clientId). */
  audiences: string[];
  /** Tenant ids whose officers may use the tab. */
  allowedTenants: string[];
  /** https://login.microsoftonline.com, or a local key server in tests. */
  authorityHost: string;
  clockToleranceSeconds?: number;
}

export interface SsoIdentity {
  tenantId: string;
  /** The officer's Entra object id. */
  objectId?: string;
  /** Display name, and the sign-in name (usually their e-mail), when the token carries them. */
  name?: string;
  username?: string;
  /** Entra app roles assigned to the user (or a group they are in) on the tab's app registration. */
  roles: string[];
}

export type SsoResult = { ok: true; identity: SsoIdentity } | { ok: false; reason: string; ourFault?: boolean };

export class TeamsSsoVerifier {
  private readonly allowed: Set<string>;
  private readonly keySets = new Map<string, JWTVerifyGetKey>();

  constructor(private readonly settings: SsoSettings) {
    this.allowed = new Set(settings.allowedTenants.map((t) => t.toLowerCase()));
  }

  async verify(authorization: string | undefined): Promise<SsoResult> {
    if (!authorization) return { ok: false, reason: 'no authorization header' };
    const match = /^Bearer\s+([A-Za-z0-9_\-.]+)$/i.exec(authorization.trim());
    if (!match?.[1]) return { ok: false, reason: 'not a bearer token' };
    const token = match[1];

    // The tenant is read before the signature is checked only to choose whose keys to check
    // it against; an unknown tenant is refused before any key is fetched, so a stranger cannot
    // make us fetch keys for tenants we do not serve.
    let tenantId: string;
    try {
      const claimed = decodeJwt(token).tid;
      if (typeof claimed !== 'string' || !/^[0-9a-f-]{36}$/i.test(claimed)) return { ok: false, reason: 'no tenant id in token' };
      tenantId = claimed.toLowerCase();
    } catch {
      return { ok: false, reason: 'malformed token' };
    }
    if (!this.allowed.has(tenantId)) return { ok: false, reason: `tenant ${tenantId} not allowed` };

    try {
      const { payload } = await jwtVerify(token, this.keysFor(tenantId), {
        algorithms: ['RS256'],
        issuer: [`https://sts.windows.net/${tenantId}/`, `https://login.microsoftonline.com/${tenantId}/v2.0`],
        audience: this.settings.audiences,
        clockTolerance: this.settings.clockToleranceSeconds ?? 60,
        requiredClaims: ['exp', 'iss', 'aud', 'tid'],
      });
      const username = [payload.preferred_username, payload.upn, payload.unique_name].find((v): v is string => typeof v === 'string' && v.length > 0);
      const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
      return {
        ok: true,
        identity: {
          tenantId,
          roles,
          ...(typeof payload.oid === 'string' ? { objectId: payload.oid } : {}),
          ...(typeof payload.name === 'string' && payload.name ? { name: payload.name } : {}),
          ...(username ? { username } : {}),
        },
      };
    } catch (error) {
      if (error instanceof errors.JOSEError) {
        const unreachable = error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid;
        const claim = error instanceof errors.JWTClaimValidationFailed ? ` (${error.claim})` : '';
        return { ok: false, reason: `${error.code}${claim}`, ...(unreachable ? { ourFault: true } : {}) };
      }
      // Fetching the keys failed (network, DNS): not the caller's fault, but still no entry.
      return { ok: false, reason: `signing keys unavailable: ${error instanceof Error ? error.message : String(error)}`, ourFault: true };
    }
  }

  /** One cached key set per tenant (jose refetches on an unknown key id, rate-limited). */
  private keysFor(tenantId: string): JWTVerifyGetKey {
    let keys = this.keySets.get(tenantId);
    if (!keys) {
      const host = this.settings.authorityHost.replace(/\/+$/, '');
      keys = createRemoteJWKSet(new URL(`${host}/${tenantId}/discovery/v2.0/keys`), { timeoutDuration: 5000 });
      this.keySets.set(tenantId, keys);
    }
    return keys;
  }
}
