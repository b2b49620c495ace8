import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ConfigError, appRoot, defaultBotOpenIdMetadataUrl, loadConfig } from '../../bot/src/config.js';

const production = {
  NODE_ENV: 'production',
  MicrosoftAppId: '6f1c2a4e-3b5d-4e7f-9a1b-2c3d4e5f6a7b',
  MicrosoftAppType: 'UserAssignedMSI',
  MicrosoftAppTenantId: '0e0d0c0b-0a09-4807-8605-040302010000',
  DATABASE_URL: 'postgres://cpd@db.example.invalid:5432/cpd?sslmode=require',
  PUBLIC_BASE_URL: 'https://cpd.example.invalid',
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const namesIn = (problems: string[]) => problems.map((p) => p.split(':')[0]);

describe('production settings', () => {
  it('starts in production with a bot identity and PostgreSQL, authenticating against the public cloud by default', () => {
    const config = loadConfig(production);
    assert.equal(config.bot?.appType, 'UserAssignedMSI');
    assert.equal(config.bot?.openIdMetadataUrl, defaultBotOpenIdMetadataUrl);
    assert.equal(config.host, '0.0.0.0');
  });

  it('refuses local-mode settings in production and names every missing setting', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    assert.ok(
      problems.some((p) => p.startsWith('MicrosoftAppId:')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => p.startsWith('MicrosoftAppType:')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => p.startsWith('DATABASE_URL:')),
      problems.join('\n'),
    );
  });

  it('refuses a multi-tenant bot in production: it must be single tenant or a managed identity', () => {
    assert.ok(
      problemsOf({ ...production, MicrosoftAppType: 'MultiTenant', MicrosoftAppPassword: 'not-a-real-password' }).some((p) =>
        p.startsWith('MicrosoftAppType: must be UserAssignedMSI or SingleTenant'),
      ),
    );
  });

  it('refuses a frozen clock in production', () => {
    assert.ok(namesIn(problemsOf({ ...production, CLOCK_NOW: '2026-04-13T09:00:00+01:00' })).includes('CLOCK_NOW'));
  });

  it('refuses plain-http OpenID metadata in production but allows it on loopback elsewhere', () => {
    const url = 'http://127.0.0.1:9999/v1/.well-known/openidconfiguration';
    assert.ok(namesIn(problemsOf({ ...production, BOT_OPENID_METADATA_URL: url })).includes('BOT_OPENID_METADATA_URL'));
    assert.equal(loadConfig({ ...production, NODE_ENV: 'test', BOT_OPENID_METADATA_URL: url }).bot?.openIdMetadataUrl, url);
  });

  it('refuses OpenID metadata over plain http from anywhere but loopback', () => {
    assert.deepEqual(namesIn(problemsOf({ BOT_OPENID_METADATA_URL: 'http://keys.example.invalid/openid' })), ['BOT_OPENID_METADATA_URL']);
  });

  it('keeps local mode available outside production', () => {
    assert.equal(loadConfig({ NODE_ENV: 'development' }).bot, undefined);
  });

  it('the entry point exits non-zero in production on local-mode settings, naming what is missing', async () => {
    const entry = path.join(appRoot, 'bot', 'src', 'index.ts');
    // Only PATH and HOME from this process: no setting of the developer's leaks into the check.
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: appRoot,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.notEqual(code, 0);
    assert.match(stderr, /MicrosoftAppId/);
    assert.match(stderr, /DATABASE_URL/);
    assert.doesNotMatch(stdout, /listening/);
  });
});
