import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { settingNames } from '../../bot/src/config.js';
import { parseEnvFile, repoRoot } from '../../scripts/package-app.js';

const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
const placeholders = (text: string) => new Set([...text.matchAll(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)].map((m) => m[1]!));

/**
 * Settings the server reads that the Azure deployment deliberately does not set:
 * PORT (App Service sets it), DATA_DIR (the embedded database; production uses DATABASE_URL),
 * CLOCK_NOW (refused in production), and the secrets the managed identity replaces.
 */
const notDeployed = new Set(['PORT', 'DATA_DIR', 'CLOCK_NOW', 'MicrosoftAppPassword', 'AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH']);

/** The keys of `var appSettings = { ... }` in azure.bicep. */
function bicepAppSettings(bicep: string): Map<string, string> {
  const block = /^var appSettings = \{\n([\s\S]*?)\n\}$/m.exec(bicep);
  assert.ok(block, 'azure.bicep declares var appSettings = { ... }');
  const settings = new Map<string, string>();
  for (const line of block[1]!.split('\n')) {
    const match = /^\s+([A-Za-z_][A-Za-z0-9_]*):\s*(.+)$/.exec(line);
    if (match) settings.set(match[1]!, match[2]!.trim());
  }
  return settings;
}

function bicepOutputs(bicep: string): Set<string> {
  return new Set([...bicep.matchAll(/^output\s+([A-Za-z_][A-Za-z0-9_]*)\s+\w+\s*=/gm)].map((m) => m[1]!));
}

/** What `uses:` actions write back with writeToEnvironmentFile. */
function writtenByActions(yml: any): Set<string> {
  const names = new Set<string>();
  for (const stage of ['provision', 'deploy', 'publish']) {
    for (const step of yml[stage] ?? []) for (const name of Object.values(step.writeToEnvironmentFile ?? {})) names.add(String(name));
  }
  return names;
}

/** Bicep without its // comments (a // inside a string, as in 'https://...', is kept). */
function stripComments(bicep: string): string {
  return bicep.replace(/'(?:[^'\\\n]|\\.)*'|\/\/.*$/gm, (token) => (token.startsWith("'") ? token : ''));
}

describe('the deployment (teamsapp.yml, infra/, env/)', () => {
  const bicep = read('infra/azure.bicep');
  const yml = parseYaml(read('teamsapp.yml'));
  const devEnv = parseEnvFile(read('env/.env.dev'));
  const prodEnv = parseEnvFile(read('env/.env.prod'));

  it('gives the web app every setting the server reads, except the documented local-only ones', () => {
    const deployed = bicepAppSettings(bicep);
    const missing = settingNames.filter((name) => !notDeployed.has(name) && !deployed.has(name));
    assert.deepEqual(missing, [], `settings the server reads but azure.bicep does not set: ${missing.join(', ')}`);
    for (const name of notDeployed) assert.ok(!deployed.has(name) || !settingNames.includes(name), `${name} is documented as not deployed`);
  });

  it('runs the deployed server in production as its managed identity, with the database URL from Key Vault', () => {
    const deployed = bicepAppSettings(bicep);
    assert.equal(deployed.get('NODE_ENV'), "'production'");
    assert.equal(deployed.get('MicrosoftAppType'), "'UserAssignedMSI'");
    assert.equal(deployed.get('MicrosoftAppId'), 'identity.outputs.clientId');
    assert.equal(deployed.get('AZURE_CLIENT_ID'), 'identity.outputs.clientId');
    assert.match(deployed.get('DATABASE_URL')!, /^'@Microsoft\.KeyVault\(SecretUri=\$\{keyVault\.outputs\.databaseUrlSecretUri\}\)'$/);
    assert.ok(deployed.has('APPLICATIONINSIGHTS_CONNECTION_STRING'));
  });

  it('hardens the web app and registers the bot single-tenant as the managed identity with the Teams channel', () => {
    const web = read('infra/modules/webapp.bicep');
    for (const setting of [
      "linuxFxVersion: 'NODE|20-lts'",
      'httpsOnly: true',
      "minTlsVersion: '1.2'",
      "ftpsState: 'Disabled'",
      'alwaysOn: true',
      "healthCheckPath: '/healthz'",
    ]) {
      assert.ok(web.includes(setting), `webapp.bicep: ${setting}`);
    }
    const bot = read('infra/modules/bot.bicep');
    for (const setting of [
      "kind: 'azurebot'",
      "msaAppType: 'UserAssignedMSI'",
      'msaAppMSIResourceId: identityResourceId',
      'msaAppTenantId: identityTenantId',
      "name: 'MsTeamsChannel'",
    ]) {
      assert.ok(bot.includes(setting), `bot.bicep: ${setting}`);
    }
    assert.match(bicep, /endpoint: 'https:\/\/\$\{webApp\.outputs\.defaultHostName\}\/api\/messages'/);
    assert.match(read('infra/modules/keyvault.bicep'), /enableRbacAuthorization: true/);
  });

  it('produces every ${{VAR}} used in the manifest, teamsapp.yml and the Bicep parameters', () => {
    const produced = new Set([...Object.keys(prodEnv), ...Object.keys(devEnv), ...bicepOutputs(bicep), ...writtenByActions(yml), 'TEAMSFX_ENV']);
    for (const file of ['manifest/manifest.json', 'manifest/aad.manifest.json', 'teamsapp.yml', 'infra/azure.parameters.json']) {
      const unproduced = [...placeholders(read(file))].filter((name) => !produced.has(name));
      assert.deepEqual(unproduced, [], `${file} uses variables nothing produces`);
    }
  });

  it('declares in env/.env.prod every variable the manifest needs, for provision to fill', () => {
    const manifestVars = placeholders(read('manifest/manifest.json'));
    const fromActionsOrOutputs = new Set([...bicepOutputs(bicep), ...writtenByActions(yml)]);
    for (const name of manifestVars) assert.ok(name in prodEnv || fromActionsOrOutputs.has(name), name);
    assert.deepEqual(
      Object.keys(devEnv).filter((k) => /SECRET|PASSWORD/i.test(k)),
      [],
      'no secrets in committed env files',
    );
  });

  it('passes only parameters that azure.bicep declares, and uses every parameter it declares', () => {
    const params = JSON.parse(read('infra/azure.parameters.json')).parameters as Record<string, unknown>;
    const declared = [...bicep.matchAll(/^param\s+([A-Za-z_][A-Za-z0-9_]*)\s/gm)].map((m) => m[1]!);
    for (const name of Object.keys(params)) assert.ok(declared.includes(name), `azure.parameters.json passes ${name}, not a param of azure.bicep`);
    const code = stripComments(bicep).replace(/^param\s.*$/gm, '');
    for (const name of declared) assert.match(code, new RegExp(`\\b${name}\\b`), `param ${name} is never used`);
  });

  it('has Bicep files that are balanced, reference modules that exist and use every module parameter', () => {
    const infra = path.join(repoRoot, 'infra');
    const files = ['azure.bicep', ...readdirSync(path.join(infra, 'modules')).map((f) => `modules/${f}`)];
    for (const file of files) {
      const code = stripComments(readFileSync(path.join(infra, file), 'utf8'));
      for (const [open, close] of [
        ['{', '}'],
        ['[', ']'],
        ['(', ')'],
      ] as const) {
        assert.equal(code.split(open).length, code.split(close).length, `${file}: unbalanced ${open}${close}`);
      }
      for (const [, modulePath] of readFileSync(path.join(infra, file), 'utf8').matchAll(/^module\s+\w+\s+'([^']+)'/gm)) {
        assert.ok(existsSync(path.join(infra, path.dirname(file), modulePath!)), `${file}: module ${modulePath} does not exist`);
      }
      const body = code.replace(/^param\s.*$/gm, '');
      for (const [, name] of readFileSync(path.join(infra, file), 'utf8').matchAll(/^param\s+([A-Za-z_]\w*)\s/gm)) {
        assert.match(body, new RegExp(`\\b${name}\\b`), `${file}: param ${name} is never used`);
      }
    }
  });

  it('passes each module exactly the parameters it declares', () => {
    for (const [, name, modulePath, paramsBlock] of bicep.matchAll(/^module\s+(\w+)\s+'([^']+)'\s*=\s*\{[\s\S]*?params:\s*\{\n([\s\S]*?)\n\s{2}\}/gm)) {
      const moduleCode = read(path.join('infra', modulePath!));
      const declared = [...moduleCode.matchAll(/^param\s+([A-Za-z_]\w*)\s/gm)].map((m) => m[1]!).sort();
      const passed = [...paramsBlock!.matchAll(/^\s+([A-Za-z_]\w*):/gm)].map((m) => m[1]!).sort();
      assert.deepEqual(passed, declared, `module ${name}`);
    }
  });

  it('reads only outputs that exist, in azure.bicep and in its modules', () => {
    for (const [, moduleName, output] of bicep.matchAll(/\b(\w+)\.outputs\.(\w+)/g)) {
      const modulePath = new RegExp(`^module\\s+${moduleName}\\s+'([^']+)'`, 'm').exec(bicep)?.[1];
      assert.ok(modulePath, `${moduleName} is not a module`);
      assert.ok(bicepOutputs(read(path.join('infra', modulePath))).has(output!), `${modulePath} has no output ${output}`);
    }
    const zipDeploy = yml.deploy.find((s: any) => s.uses === 'azureAppService/zipDeploy');
    assert.equal(zipDeploy.with.resourceId, '${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}');
    assert.ok(bicepOutputs(bicep).has('BOT_AZURE_APP_SERVICE_RESOURCE_ID'));
  });

  it('provisions, deploys and publishes with the toolkit actions in a working order', () => {
    const provision = yml.provision.map((s: any) => s.uses);
    assert.deepEqual(provision, [
      'teamsApp/create',
      'aadApp/create',
      'arm/deploy',
      'aadApp/update',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
    ]);
    assert.ok(yml.deploy.some((s: any) => s.uses === 'azureAppService/zipDeploy'));
    assert.ok(yml.publish.some((s: any) => s.uses === 'teamsApp/publishAppPackage'));
    const armDeploy = yml.provision.find((s: any) => s.uses === 'arm/deploy');
    for (const template of armDeploy.with.templates) {
      assert.ok(existsSync(path.join(repoRoot, template.path)), template.path);
      assert.ok(existsSync(path.join(repoRoot, template.parameters)), template.parameters);
    }
    const aadUpdate = yml.provision.find((s: any) => s.uses === 'aadApp/update');
    assert.ok(existsSync(path.join(repoRoot, aadUpdate.with.manifestPath)));
    assert.ok(existsSync(path.join(repoRoot, yml.provision.find((s: any) => s.uses === 'teamsApp/validateManifest').with.manifestPath)));
  });

  it('deploys production dependencies only: dev dependencies are pruned after the build, before the zip', () => {
    const steps = yml.deploy.map((s: any) => (s.uses === 'cli/runNpmCommand' ? `npm ${s.with.args}` : s.uses));
    const build = steps.indexOf('npm run build');
    const prune = steps.indexOf('npm prune --omit=dev');
    const zip = steps.indexOf('azureAppService/zipDeploy');
    assert.ok(
      steps.some((s: string) => /^npm ci\b/.test(s)) && steps.findIndex((s: string) => /^npm ci\b/.test(s)) < build,
      `installs before building: ${steps.join(' → ')}`,
    );
    assert.ok(build >= 0 && prune > build && zip > prune, `builds, prunes dev dependencies, then zips: ${steps.join(' → ')}`);
    assert.ok(
      steps.slice(prune + 1, zip).every((s: string) => !/^npm (ci|install|i)\b/.test(s)),
      'nothing reinstalls dev dependencies after the prune',
    );
  });

  it('leaves in the deployed zip everything the server reads at run time, and leaves out the rest', () => {
    const zipDeploy = yml.deploy.find((s: any) => s.uses === 'azureAppService/zipDeploy');
    assert.equal(zipDeploy.with.artifactFolder, '.');
    const patterns = read(zipDeploy.with.ignoreFile)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    assert.deepEqual(
      patterns.filter((p) => p.startsWith('!')),
      [],
      'no re-includes (the matcher below does not model them)',
    );
    const needed = [
      'package.json',
      'dist/bot/src/index.js',
      'dist/bot/src/teams/cards/help.json',
      'dist/tab/index.html',
      'dist/tab/assets/index.js',
      'bot/catalog/demo-catalog.yaml',
      'node_modules/restify/package.json',
      // Production dependencies' own folders that share a name with a project folder left out.
      'node_modules/luxon/build/node/luxon.js',
      'node_modules/axios/lib/env/data.js',
      'node_modules/pino/test/helper.js',
    ];
    for (const file of needed) assert.equal(ignoredBy(patterns, file), undefined, `${file} is left out by "${ignoredBy(patterns, file)}"`);
    for (const file of [
      '.git/HEAD',
      'test/shipping/infra.test.ts',
      'infra/azure.bicep',
      'env/.env.prod',
      'tab/src/main.tsx',
      'bench/run.ts',
      '.env',
      'build/appPackage.prod.zip',
    ]) {
      assert.ok(ignoredBy(patterns, file), `${file} is deployed`);
    }
  });

  it('keeps the .user env files out of git', () => {
    const ignored = read('.gitignore');
    assert.match(ignored, /^env\/\.env\.\*\.user$/m);
  });
});

/**
 * The first gitignore-style pattern (the syntax of the `ignore` package teamsapp deploy uses)
 * that leaves out this file or a folder above it: a pattern with no slash but a trailing one
 * matches a name at any depth, any other is anchored at the root. Enough for *, ? and **.
 */
function ignoredBy(patterns: string[], file: string): string | undefined {
  const parts = file.split('/');
  return patterns.find((pattern) => {
    const body = pattern.replace(/\/$/, '');
    const anchored = body.includes('/');
    const glob = new RegExp(
      `^${body
        .replace(/^\//, '')
        .split(/(\*\*|\*|\?)/)
        .map((piece) => (piece === '**' ? '.*' : piece === '*' ? '[^/]*' : piece === '?' ? '[^/]' : piece.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
        .join('')}$`,
    );
    for (let depth = 1; depth <= parts.length; depth += 1) {
      // A pattern ending in / names folders only: not the file itself.
      if (pattern.endsWith('/') && depth === parts.length) break;
      if (glob.test(anchored ? parts.slice(0, depth).join('/') : parts[depth - 1]!)) return true;
    }
    return false;
  });
}
