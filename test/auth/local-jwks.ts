/**
 * A stand-in for Entra ID's key endpoint: a key pair made for the test, its public half served
 * as JWKS on loopback at /{tenant}/discovery/v2.0/keys, and tokens signed with it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type CryptoKey } from 'jose';

export const tenant = '0d5a4b1c-2e3f-4a5b-8c6d-7e8f9a0b1c2d';
export const otherTenant = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
export const clientId = '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a';
export const appIdUri = `api://cpd.example.police.uk/${clientId}`;

export interface LocalJwks {
  authorityHost: string;
  /** Requests the key server has answered, by path. */
  requests: string[];
  sign(claims: JWTPayload, options?: { expiresIn?: string | number; key?: 'trusted' | 'stranger'; kid?: string }): Promise<string>;
  stop(): Promise<void>;
}

export async function startLocalJwks(): Promise<LocalJwks> {
  const trusted = await generateKeyPair('RS256');
  const stranger = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(trusted.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    authorityHost: `http://127.0.0.1:${port}`,
    requests,
    async sign(claims, options = {}) {
      const key: CryptoKey = options.key === 'stranger' ? stranger.privateKey : trusted.privateKey;
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'key-1', typ: 'JWT' })
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '1h')
        .sign(key);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The claims Teams SSO puts in a v2 token for this app (others vary per test). */
export function goodClaims(overrides: JWTPayload = {}): JWTPayload {
  return {
    iss: `https://login.microsoftonline.com/${tenant}/v2.0`,
    aud: appIdUri,
    tid: tenant,
    oid: '5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c',
    scp: 'access_as_user',
    ...overrides,
  };
}
