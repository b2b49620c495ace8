/**
 * Builds the Teams app package for one environment, offline:
 *
 *   npm run package -- --env dev
 *
 * reads env/.env.<env> then env/.env.<env>.user (later wins), replaces every ${{VAR}} in
 * manifest/manifest.json, validates the result against the official schema bundled in
 * @microsoft/app-manifest and against Teams' package rules (ids, domains, icons), and only then
 * writes build/appPackage.<env>.zip with manifest.json, color.png and outline.png at its root.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import JSZip from 'jszip';
import { PNG } from 'pngjs';

const require = createRequire(import.meta.url);
// Both are CommonJS with `exports.default`; under NodeNext the default import is the module object.
const Ajv04 = ajvDraft04.default;
const addFormats = ajvFormats.default;
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export class PackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`The app package was not built:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageError';
  }
}

export interface PackageOptions {
  env: string;
  envDir?: string;
  manifestDir?: string;
  outDir?: string;
}

/** dotenv-style: KEY=value lines, # comments, optional quotes; a later file overrides an earlier one. */
export function parseEnvFile(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2]!;
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, '').trim();
    vars[match[1]!] = value;
  }
  return vars;
}

export function loadEnv(envDir: string, env: string): Record<string, string> {
  const main = path.join(envDir, `.env.${env}`);
  if (!existsSync(main)) throw new PackageError([`no environment file ${path.relative(repoRoot, main) || main} (create it, or pick another --env)`]);
  const user = path.join(envDir, `.env.${env}.user`);
  return { ...parseEnvFile(readFileSync(main, 'utf8')), ...(existsSync(user) ? parseEnvFile(readFileSync(user, 'utf8')) : {}) };
}

/**
 * Replaces ${{VAR}}; an unset variable is a problem that names it. Empty is a value (an empty
 * name suffix in production); an empty id still fails the GUID rules below.
 */
export function resolvePlaceholders(template: string, vars: Record<string, string>): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const text = template.replace(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_m, name: string) => {
    const value = vars[name];
    if (value === undefined) {
      missing.add(name);
      return '';
    }
    // Values land inside JSON strings.
    return JSON.stringify(value).slice(1, -1);
  });
  return { text, missing: [...missing] };
}

const guid = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** The bundled schema for the manifest's own version (never fetched: this runs offline). */
export function schemaFor(manifestVersion: unknown): object {
  if (typeof manifestVersion !== 'string' || !/^(1\.\d+|devPreview)$/.test(manifestVersion)) {
    throw new PackageError([`manifestVersion: "${String(manifestVersion)}" is not a Teams manifest version`]);
  }
  const folder = manifestVersion === 'devPreview' ? 'vDevPreview' : `v${manifestVersion}`;
  const file = path.join(
    path.dirname(require.resolve('@microsoft/app-manifest/package.json')),
    'build',
    'json-schemas',
    'teams',
    folder,
    'MicrosoftTeams.schema.json',
  );
  if (!existsSync(file)) throw new PackageError([`manifestVersion: ${manifestVersion} has no schema in @microsoft/app-manifest`]);
  return JSON.parse(readFileSync(file, 'utf8')) as object;
}

const validators = new Map<string, ReturnType<InstanceType<typeof Ajv04>['compile']>>();

export function schemaProblems(manifest: Record<string, unknown>): string[] {
  const version = String(manifest.manifestVersion);
  let validate = validators.get(version);
  if (!validate) {
    const ajv = new Ajv04({ strict: false, allErrors: true });
    addFormats(ajv);
    validate = ajv.compile(schemaFor(manifest.manifestVersion));
    validators.set(version, validate);
  }
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e) => {
    const where = e.instancePath || '/';
    const detail = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : '';
    return `manifest ${where}: ${e.message ?? e.keyword}${detail}`;
  });
}

/** Rules Teams applies to a package beyond the JSON schema. */
export function teamsRuleProblems(manifest: any): string[] {
  const problems: string[] = [];
  const checkGuid = (where: string, value: unknown) => {
    if (typeof value !== 'string' || !guid.test(value)) problems.push(`${where}: "${String(value)}" is not a GUID`);
  };
  checkGuid('id', manifest.id);
  for (const [i, bot] of (manifest.bots ?? []).entries()) checkGuid(`bots[${i}].botId`, bot.botId);
  if (manifest.webApplicationInfo) checkGuid('webApplicationInfo.id', manifest.webApplicationInfo.id);

  const domains: string[] = manifest.validDomains ?? [];
  for (const domain of domains) problems.push(...hostNameProblems('validDomains', domain));
  if (new Set(domains.map((d) => d.toLowerCase())).size !== domains.length) problems.push('validDomains: lists a domain twice');

  // The message extension's cards book through the bot (Universal Actions): Teams requires the
  // extension to use the app's own bot, and only sends a pasted link whose host it lists.
  const botIds = new Set((manifest.bots ?? []).map((bot: { botId?: string }) => bot.botId));
  for (const [i, extension] of (manifest.composeExtensions ?? []).entries()) {
    if (extension.composeExtensionType === 'apiBased') continue;
    checkGuid(`composeExtensions[${i}].botId`, extension.botId);
    if (!botIds.has(extension.botId))
      problems.push(`composeExtensions[${i}].botId: must be the botId of the app's bot (its cards' buttons are answered by it)`);
    for (const [j, handler] of (extension.messageHandlers ?? []).entries()) {
      const where = `composeExtensions[${i}].messageHandlers[${j}].value.domains`;
      const linkDomains: unknown[] = handler.value?.domains ?? [];
      if (handler.type === 'link' && linkDomains.length === 0) problems.push(`${where}: a link handler needs a domain`);
      for (const domain of linkDomains) problems.push(...hostNameProblems(where, String(domain)));
    }
  }

  const isValidDomain = (host: string) =>
    domains.some((d) => d.toLowerCase() === host.toLowerCase() || (d.startsWith('*.') && host.toLowerCase().endsWith(d.slice(1).toLowerCase())));
  for (const [i, tab] of (manifest.staticTabs ?? []).entries()) {
    for (const key of ['contentUrl', 'websiteUrl'] as const) {
      if (tab[key] === undefined) continue;
      let url: URL;
      try {
        url = new URL(tab[key]);
      } catch {
        problems.push(`staticTabs[${i}].${key}: "${tab[key]}" is not a URL`);
        continue;
      }
      if (url.protocol !== 'https:') problems.push(`staticTabs[${i}].${key}: must be https`);
      if (key === 'contentUrl' && !isValidDomain(url.host)) problems.push(`staticTabs[${i}].contentUrl: ${url.host} is not in validDomains`);
    }
  }
  const sso = manifest.webApplicationInfo;
  if (sso?.resource !== undefined) {
    const match = /^api:\/\/([^/]+)\/(.+)$/.exec(sso.resource);
    if (!match) problems.push(`webApplicationInfo.resource: "${sso.resource}" must look like api://<domain>/<client id>`);
    else {
      if (!isValidDomain(match[1]!)) problems.push(`webApplicationInfo.resource: ${match[1]} is not in validDomains`);
      if (match[2] !== sso.id) problems.push('webApplicationInfo.resource: must end with webApplicationInfo.id (Teams SSO asks for that audience)');
    }
  }
  return problems;
}

/** A domain as the manifest lists it: a host name (optionally *.-prefixed, with a port), no scheme or path. */
function hostNameProblems(where: string, domain: string): string[] {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(domain)) return [`${where}: "${domain}" must be a host name without a scheme`];
  if (/[/?#]/.test(domain)) return [`${where}: "${domain}" must be a host name without a path`];
  if (!/^(\*\.)?([a-z0-9-]+\.)+[a-z0-9-]+(:\d+)?$/i.test(domain)) return [`${where}: "${domain}" is not a host name`];
  return [];
}

/** Icon rules: PNG, exact sizes; the outline only white (any opacity) or fully transparent. */
export function iconProblems(name: string, bytes: Buffer, kind: 'color' | 'outline'): string[] {
  const size = kind === 'color' ? 192 : 32;
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch {
    return [`icons.${kind}: ${name} is not a PNG`];
  }
  if (png.width !== size || png.height !== size) return [`icons.${kind}: ${name} is ${png.width}×${png.height}, must be ${size}×${size}`];
  if (kind === 'outline') {
    let offenders = 0;
    let visible = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const alpha = png.data[i + 3]!;
      if (alpha === 0) continue;
      visible += 1;
      if (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255) offenders += 1;
    }
    if (offenders > 0) return [`icons.outline: ${name} has ${offenders} pixels that are neither white nor transparent`];
    if (visible === 0) return [`icons.outline: ${name} is empty (fully transparent)`];
  }
  return [];
}

export interface BuiltPackage {
  zipPath: string;
  manifest: Record<string, any>;
}

export async function buildPackage(options: PackageOptions): Promise<BuiltPackage> {
  const envDir = options.envDir ?? path.join(repoRoot, 'env');
  const manifestDir = options.manifestDir ?? path.join(repoRoot, 'manifest');
  const outDir = options.outDir ?? path.join(repoRoot, 'build');
  if (!/^[A-Za-z0-9_-]+$/.test(options.env)) throw new PackageError([`--env: "${options.env}" is not an environment name`]);

  const vars = { TEAMSFX_ENV: options.env, ...loadEnv(envDir, options.env) };
  const { text, missing } = resolvePlaceholders(readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8'), vars);
  if (missing.length > 0) {
    throw new PackageError(
      missing.map((name) => `${name}: used in manifest/manifest.json but not set in env/.env.${options.env} or env/.env.${options.env}.user`),
    );
  }
  let manifest: Record<string, any>;
  try {
    manifest = JSON.parse(text) as Record<string, any>;
  } catch (error) {
    throw new PackageError([`manifest.json is not JSON after replacing the variables: ${(error as Error).message}`]);
  }

  const problems = [...schemaProblems(manifest), ...teamsRuleProblems(manifest)];
  const files: Record<string, Buffer> = { 'manifest.json': Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) };
  for (const kind of ['color', 'outline'] as const) {
    const name = manifest.icons?.[kind];
    if (typeof name !== 'string') continue; // the schema already said so
    if (name.includes('/') || name.includes('\\')) {
      problems.push(`icons.${kind}: "${name}" must be a file at the package root`);
      continue;
    }
    const file = path.join(manifestDir, name);
    if (!existsSync(file)) {
      problems.push(`icons.${kind}: ${name} does not exist in ${path.relative(repoRoot, manifestDir) || manifestDir}`);
      continue;
    }
    const bytes = readFileSync(file);
    problems.push(...iconProblems(name, bytes, kind));
    files[name] = bytes;
  }
  if (problems.length > 0) throw new PackageError(problems);

  const zip = new JSZip();
  // A fixed date keeps the zip the same for the same inputs.
  for (const [name, bytes] of Object.entries(files)) zip.file(name, bytes, { date: new Date('2026-01-01T00:00:00Z') });
  const archive = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, `appPackage.${options.env}.zip`);
  writeFileSync(zipPath, archive);
  return { zipPath, manifest };
}

function parseArgs(argv: string[]): PackageOptions {
  const options: Partial<PackageOptions> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--env') options.env = value();
    else if (flag === '--env-dir') options.envDir = path.resolve(value() ?? '');
    else if (flag === '--manifest-dir') options.manifestDir = path.resolve(value() ?? '');
    else if (flag === '--out-dir') options.outDir = path.resolve(value() ?? '');
    else throw new PackageError([`unknown argument ${arg} (use --env <name> [--env-dir d] [--manifest-dir d] [--out-dir d])`]);
  }
  if (!options.env) throw new PackageError(['--env <name> is required, e.g. npm run package -- --env dev']);
  return options as PackageOptions;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const built = await buildPackage(parseArgs(process.argv.slice(2)));
    process.stdout.write(
      `${path.relative(process.cwd(), built.zipPath)}: valid Teams app package (manifest ${built.manifest.manifestVersion}, app ${built.manifest.id})\n`,
    );
  } catch (error) {
    if (!(error instanceof PackageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
}
