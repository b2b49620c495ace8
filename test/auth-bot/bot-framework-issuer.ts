/**
 * A stand-in for the Bot Framework token service, on loopback: it serves the OpenID metadata and
 * the JWKS the adapter fetches, and signs channel tokens with a key generated for the test run.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export const channelIssuer = 'https://api.botframework.com';

export interface TokenOptions {
  audience: string;
  serviceUrl: string;
  issuer?: string;
  /** Seconds from now; negative for a token that has already expired. */
  expiresIn?: number;
  /** Sign with a key the metadata does not publish (a forgery). */
  key?: SigningKey;
}

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, kty: 'RSA', use: 'sig', alg: 'RS256' } };
}

export class BotFrameworkIssuer {
  /** Requests the adapter made for metadata or keys: proves the fetch stayed on loopback. */
  readonly requests: string[] = [];
  private server?: http.Server;

  private constructor(readonly key: SigningKey) {}

  static async start(): Promise<BotFrameworkIssuer> {
    const issuer = new BotFrameworkIssuer(await signingKey('local-channel-key'));
    issuer.server = http.createServer((req, res) => {
      issuer.requests.push(req.url ?? '');
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/.well-known/openidconfiguration') {
        res.end(JSON.stringify({ issuer: channelIssuer, jwks_uri: `${issuer.base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
      } else if (req.url === '/v1/.well-known/keys') {
        // Real channel keys carry endorsements naming the channels they may sign for.
        res.end(JSON.stringify({ keys: [{ ...issuer.key.publicJwk, endorsements: ['msteams', 'webchat'] }] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => issuer.server!.listen(0, '127.0.0.1', resolve));
    return issuer;
  }

  private get base(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  get metadataUrl(): string {
    return `${this.base}/v1/.well-known/openidconfiguration`;
  }

  async token(options: TokenOptions): Promise<string> {
    const key = options.key ?? this.key;
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = now + (options.expiresIn ?? 3600);
    return new SignJWT({ serviceurl: options.serviceUrl })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .setIssuer(options.issuer ?? channelIssuer)
      .setAudience(options.audience)
      .setIssuedAt(Math.min(now, expiresAt - 60))
      .setNotBefore(Math.min(now, expiresAt - 60))
      .setExpirationTime(expiresAt)
      .sign(key.privateKey);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
