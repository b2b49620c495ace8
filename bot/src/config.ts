/**
 * Every setting the server reads, validated once at start. A bad or missing setting stops the
 * process with a message that names it. Nothing else in the app reads process.env.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { z } from 'zod';

/** The repository (or deployed package) root: two levels above bot/src or dist/bot/src. */
export const appRoot = findAppRoot();

function findAppRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (path.basename(dir) !== 'bot') dir = path.dirname(dir);
  const parent = path.dirname(dir);
  return path.basename(parent) === 'dist' ? path.dirname(parent) : parent;
}

/** The public cloud's Bot Framework OpenID metadata (botframework-connector's AuthenticationConstants). */
export const defaultBotOpenIdMetadataUrl = 'https://login.botframework.com/v1/.well-known/openidconfiguration';

export const defaultCatalogFile = path.join(appRoot, 'bot', 'catalog', 'demo-catalog.yaml');

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/**
 * An ISO 8601 date and time. Without an offset it is UK time, not the machine's zone (a server
 * abroad or in UTC must not shift a demo by an hour). Luxon, unlike Date.parse, refuses 30 February.
 */
const isoInstant = z
  .string()
  .trim()
  .transform((v) => (/^\d{4}-\d{2}-\d{2}T/.test(v) ? DateTime.fromISO(v, { zone: 'Europe/London' }) : undefined))
  .refine((d) => d?.isValid === true, 'must be an ISO 8601 date and time, e.g. 2026-04-13T09:00:00+01:00 (UK time when no offset is given)')
  .transform((d) => d!.toJSDate());

/** A TCP port; empty means the default (z.coerce would read "" as 0, a random port). */
const portNumber = (fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === undefined || v === '' ? String(fallback) : v))
    .refine((v) => /^\d{1,5}$/.test(v) && Number(v) <= 65535, 'must be a port number from 0 to 65535')
    .transform(Number);
const port = portNumber(3978);

/** One port setting by the same rule as PORT, for the scripts that start the app (npm run dev); a ConfigError names it. */
export function readPort(name: string, value: string | undefined, fallback: number): number {
  const parsed = portNumber(fallback).safeParse(value);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => `${name}: ${issue.message}`));
  return parsed.data;
}

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port,
  // How long a client may take to send a whole request, headers and body (then 408 and the connection closes).
  REQUEST_TIMEOUT_MS: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === undefined || v === '' ? '30000' : v))
    .refine((v) => /^\d{1,7}$/.test(v) && Number(v) >= 100 && Number(v) <= 600_000, 'must be a number of milliseconds from 100 to 600000')
    .transform(Number),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  MicrosoftAppTenantId: optionalText,
  DATABASE_URL: optionalText.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// URL'),
  DATA_DIR: z.string().trim().default('.data'),
  CATALOG_FILE: optionalText,
  CLOCK_NOW: isoInstant.optional(),
  // Calendar invites (bookings): Microsoft Graph when configured, otherwise the .ics link only.
  CALENDAR_MODE: z.enum(['auto', 'graph', 'ics']).default('auto'),
  GRAPH_BASE_URL: z
    .string()
    .trim()
    .default('https://graph.microsoft.com/v1.0')
    .refine((v) => /^https:\/\/[^/]+/.test(v) || loopbackHttp.test(v), 'must be an https:// URL (http:// only on loopback)'),
  AZURE_TENANT_ID: optionalText,
  AZURE_CLIENT_ID: optionalText,
  AZURE_CLIENT_SECRET: optionalText,
  AZURE_CLIENT_CERTIFICATE_PATH: optionalText,
  PUBLIC_BASE_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/[^/]+/.test(v), 'must be an http(s):// URL'),
  // The Recordings tab's Teams SSO: its Entra app. Unset, the tab runs in local mode (no token).
  TAB_APP_CLIENT_ID: optionalText,
  TAB_APP_ID_URI: optionalText,
  TAB_ALLOWED_TENANTS: optionalText,
  TAB_AUTH_AUTHORITY_HOST: z
    .string()
    .trim()
    .default('https://login.microsoftonline.com')
    .refine(
      (v) => /^https:\/\/[^/]+\/?$/.test(v) || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/?$/.test(v),
      'must be an https:// origin (http:// only on loopback)',
    ),
  // Where the adapter fetches the Bot Framework channel's OpenID metadata (and from it the signing
  // keys). Only a sovereign cloud or an offline test points it elsewhere; production demands https.
  BOT_OPENID_METADATA_URL: z
    .string()
    .trim()
    .default(defaultBotOpenIdMetadataUrl)
    .refine(
      (v) => /^https:\/\//.test(v) || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(v),
      'must be an https:// URL (http:// only on loopback)',
    ),
});

/** Every setting name the server reads: the deployment (infra/) must provide or deliberately omit each. */
export const settingNames: readonly string[] = Object.keys(schema.shape);

export type RawSettings = z.input<typeof schema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  /** How long a client may take to send a whole request. */
  requestTimeoutMs: number;
  /** Loopback only when Bot Framework authentication is off. */
  host: string;
  logLevel: string;
  /** Undefined in local mode: no Bot Framework authentication. */
  bot?: { appId: string; appPassword?: string; appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI'; tenantId?: string; openIdMetadataUrl: string };
  databaseUrl?: string;
  /** Folder for the embedded database and other local files. */
  dataDir: string;
  catalogFile: string;
  clockNow?: Date;
  calendar: CalendarSettings;
  /** Undefined in local mode: the recordings API asks for no token (and the server stays on loopback). */
  tabSso?: { clientId: string; audiences: string[]; allowedTenants: string[]; authorityHost: string };
}

const loopbackHttp = /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/;

export interface CalendarSettings {
  /** graph: invites are Graph events (plus the .ics link); ics: the .ics link only. */
  mode: 'graph' | 'ics';
  /** Absolute base of the links the bot hands out (the .ics download). */
  publicBaseUrl: string;
  graph?: {
    baseUrl: string;
    /** A local Graph-compatible server (a mock or a proxy): no credential is used. */
    loopback: boolean;
    credential?: { clientId: string; tenantId?: string; clientSecret?: string; certificatePath?: string };
  };
}

/**
 * Graph counts as configured when GRAPH_BASE_URL is a loopback server (no credential needed) or
 * AZURE_CLIENT_ID is set (a secret or certificate with AZURE_TENANT_ID, else a managed identity).
 * CALENDAR_MODE=auto uses Graph when configured; graph demands it; ics never calls Graph.
 */
function calendarSettings(s: z.output<typeof schema>, problems: string[]): CalendarSettings {
  const publicBaseUrl = (s.PUBLIC_BASE_URL ?? `http://127.0.0.1:${s.PORT}`).replace(/\/+$/, '');
  if (s.NODE_ENV === 'production' && !s.PUBLIC_BASE_URL)
    problems.push('PUBLIC_BASE_URL: required when NODE_ENV is production (calendar links must reach officers)');
  const loopback = loopbackHttp.test(s.GRAPH_BASE_URL) || /^https:\/\/(127\.|localhost[:/]|\[::1\])/.test(s.GRAPH_BASE_URL);
  const configured = loopback || s.AZURE_CLIENT_ID !== undefined;
  if (s.CALENDAR_MODE === 'graph' && !configured) problems.push('CALENDAR_MODE: graph needs AZURE_CLIENT_ID (or a loopback GRAPH_BASE_URL)');
  if ((s.AZURE_CLIENT_SECRET || s.AZURE_CLIENT_CERTIFICATE_PATH) && !s.AZURE_TENANT_ID)
    problems.push('AZURE_TENANT_ID: required with AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH');
  if ((s.AZURE_CLIENT_SECRET || s.AZURE_CLIENT_CERTIFICATE_PATH) && !s.AZURE_CLIENT_ID)
    problems.push('AZURE_CLIENT_ID: required with AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH');
  const mode = s.CALENDAR_MODE === 'ics' || !configured ? 'ics' : 'graph';
  if (mode === 'ics') return { mode, publicBaseUrl };
  const credential =
    !loopback && s.AZURE_CLIENT_ID
      ? {
          clientId: s.AZURE_CLIENT_ID,
          ...(s.AZURE_TENANT_ID ? { tenantId: s.AZURE_TENANT_ID } : {}),
          ...(s.AZURE_CLIENT_SECRET ? { clientSecret: s.AZURE_CLIENT_SECRET } : {}),
          ...(s.AZURE_CLIENT_CERTIFICATE_PATH ? { certificatePath: s.AZURE_CLIENT_CERTIFICATE_PATH } : {}),
        }
      : undefined;
  return { mode, publicBaseUrl, graph: { baseUrl: s.GRAPH_BASE_URL.replace(/\/+$/, ''), loopback, ...(credential ? { credential } : {}) } };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'settings'}: ${issue.message}`));
  }
  const s = parsed.data;
  const problems: string[] = [];
  let bot: Config['bot'];
  if (s.MicrosoftAppId) {
    const appType = s.MicrosoftAppType ?? 'MultiTenant';
    if (appType !== 'UserAssignedMSI' && !s.MicrosoftAppPassword) problems.push(`MicrosoftAppPassword: required when MicrosoftAppType is ${appType}`);
    if (appType !== 'MultiTenant' && !s.MicrosoftAppTenantId) problems.push(`MicrosoftAppTenantId: required when MicrosoftAppType is ${appType}`);
    bot = {
      appId: s.MicrosoftAppId,
      appType,
      openIdMetadataUrl: s.BOT_OPENID_METADATA_URL,
      ...(s.MicrosoftAppPassword ? { appPassword: s.MicrosoftAppPassword } : {}),
      ...(s.MicrosoftAppTenantId ? { tenantId: s.MicrosoftAppTenantId } : {}),
    };
  }
  const tabSso = tabSsoSettings(s, problems);
  if (s.NODE_ENV === 'production') problems.push(...productionProblems(s));
  const calendar = calendarSettings(s, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    env: s.NODE_ENV,
    port: s.PORT,
    requestTimeoutMs: s.REQUEST_TIMEOUT_MS,
    // Only Bot Framework authentication makes /api/messages safe to expose; tab SSO alone does not.
    host: bot ? '0.0.0.0' : '127.0.0.1',
    logLevel: s.LOG_LEVEL,
    ...(bot ? { bot } : {}),
    ...(s.DATABASE_URL ? { databaseUrl: s.DATABASE_URL } : {}),
    dataDir: path.resolve(s.DATA_DIR),
    catalogFile: s.CATALOG_FILE ? path.resolve(s.CATALOG_FILE) : defaultCatalogFile,
    ...(s.CLOCK_NOW ? { clockNow: s.CLOCK_NOW } : {}),
    calendar,
    ...(tabSso ? { tabSso } : {}),
  };
}

/** The tab's SSO settings; with a client id, the tenant allow-list is required (no open door by omission). */
function tabSsoSettings(s: z.output<typeof schema>, problems: string[]): Config['tabSso'] {
  if (!s.TAB_APP_CLIENT_ID) {
    if (s.TAB_ALLOWED_TENANTS || s.TAB_APP_ID_URI) problems.push('TAB_APP_CLIENT_ID: required when TAB_ALLOWED_TENANTS or TAB_APP_ID_URI is set');
    return undefined;
  }
  const allowedTenants = (s.TAB_ALLOWED_TENANTS ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  if (allowedTenants.length === 0) problems.push('TAB_ALLOWED_TENANTS: required when TAB_APP_CLIENT_ID is set (comma-separated Entra tenant ids)');
  for (const t of allowedTenants)
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(t)) problems.push(`TAB_ALLOWED_TENANTS: ${t} is not a tenant id (a GUID)`);
  if (s.TAB_APP_ID_URI && !/^api:\/\/.+\/.+/.test(s.TAB_APP_ID_URI)) problems.push('TAB_APP_ID_URI: must look like api://<host>/<client id>');
  const audiences = [s.TAB_APP_CLIENT_ID, s.TAB_APP_ID_URI ?? `api://${s.TAB_APP_CLIENT_ID}`];
  return { clientId: s.TAB_APP_CLIENT_ID, audiences, allowedTenants, authorityHost: s.TAB_AUTH_AUTHORITY_HOST.replace(/\/+$/, '') };
}

/**
 * Local mode (no Bot Framework authentication, an embedded database, a frozen clock) is safe on a
 * laptop and dangerous on the internet: in production, refuse to start on it and say what is missing.
 */
function productionProblems(s: z.output<typeof schema>): string[] {
  const problems: string[] = [];
  if (!s.MicrosoftAppId) problems.push('MicrosoftAppId: required when NODE_ENV is production (without it, /api/messages accepts unauthenticated requests)');
  if (s.MicrosoftAppType !== 'UserAssignedMSI' && s.MicrosoftAppType !== 'SingleTenant') {
    problems.push(
      `MicrosoftAppType: must be UserAssignedMSI or SingleTenant when NODE_ENV is production${s.MicrosoftAppType ? ` (not ${s.MicrosoftAppType})` : ''}`,
    );
  }
  if (!s.DATABASE_URL) problems.push('DATABASE_URL: required when NODE_ENV is production (the embedded database is for one local process only)');
  if (s.CLOCK_NOW) problems.push('CLOCK_NOW: must not be set when NODE_ENV is production (a frozen clock is for local testing)');
  if (!s.BOT_OPENID_METADATA_URL.startsWith('https://')) problems.push('BOT_OPENID_METADATA_URL: must be https:// when NODE_ENV is production');
  return problems;
}
