import assert from 'node:assert/strict';
import path from 'node:path';
import { ConfigError, defaultCatalogFile, loadConfig } from '../../bot/src/config.js';

/** The problems loadConfig reports for these settings (fails if it accepts them). */
function problemsWith(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail(`settings were accepted: ${JSON.stringify(env)}`);
}

describe('the settings', () => {
  it('runs on embedded defaults with nothing set: port 3978, loopback, the demo catalog, the system clock', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3978);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.bot, undefined);
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.catalogFile, defaultCatalogFile);
    assert.equal(config.dataDir, path.resolve('.data'));
    assert.equal(config.clockNow, undefined);
  });

  it('reads the port, database, data folder and catalog it is given', () => {
    const config = loadConfig({
      PORT: '4100',
      DATABASE_URL: 'postgresql://bot@db.internal:5432/cpd',
      DATA_DIR: 'tmp/data',
      CATALOG_FILE: 'catalogs/spring.yaml',
    });
    assert.equal(config.port, 4100);
    assert.equal(config.databaseUrl, 'postgresql://bot@db.internal:5432/cpd');
    assert.equal(config.dataDir, path.resolve('tmp/data'));
    assert.equal(config.catalogFile, path.resolve('catalogs/spring.yaml'));
  });

  it('takes an empty PORT as the default rather than a random port', () => {
    assert.equal(loadConfig({ PORT: '' }).port, 3978);
  });

  const bad: Array<[string, Record<string, string>, RegExp]> = [
    ['a port that is not a number', { PORT: 'abc' }, /^PORT: must be a port number/],
    ['a port out of range', { PORT: '70000' }, /^PORT: must be a port number/],
    ['a database that is not PostgreSQL', { DATABASE_URL: 'mysql://root@localhost/cpd' }, /^DATABASE_URL: must be a postgres:\/\/ URL/],
    ['a clock that is not a date and time', { CLOCK_NOW: 'yesterday' }, /^CLOCK_NOW: must be an ISO 8601 date and time/],
    ['a clock on a day that does not exist', { CLOCK_NOW: '2026-02-30T09:00:00Z' }, /^CLOCK_NOW: must be an ISO 8601 date and time/],
    ['an unknown log level', { LOG_LEVEL: 'loud' }, /^LOG_LEVEL: /],
    ['an unknown environment', { NODE_ENV: 'staging' }, /^NODE_ENV: /],
    ['an unknown app type', { MicrosoftAppId: 'app-1', MicrosoftAppType: 'Personal', MicrosoftAppPassword: 'x' }, /^MicrosoftAppType: /],
  ];
  for (const [what, env, expected] of bad) {
    it(`refuses ${what}, naming the setting`, () => {
      const problems = problemsWith(env);
      assert.ok(
        problems.some((p) => expected.test(p)),
        `expected ${expected}, got ${problems.join('; ')}`,
      );
    });
  }

  it('names both settings a single-tenant bot is missing', () => {
    const problems = problemsWith({ MicrosoftAppId: 'app-1', MicrosoftAppType: 'SingleTenant' });
    assert.ok(
      problems.some((p) => p.startsWith('MicrosoftAppPassword: required when MicrosoftAppType is SingleTenant')),
      problems.join('; '),
    );
    assert.ok(
      problems.some((p) => p.startsWith('MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant')),
      problems.join('; '),
    );
  });

  it('lists every bad setting at once', () => {
    const problems = problemsWith({ PORT: 'abc', DATABASE_URL: 'mysql://x', CLOCK_NOW: 'soon' });
    assert.deepEqual(problems.map((p) => p.split(':')[0]).sort(), ['CLOCK_NOW', 'DATABASE_URL', 'PORT']);
  });

  it('listens beyond loopback only when Bot Framework authentication is on', () => {
    const config = loadConfig({ MicrosoftAppId: 'app-1', MicrosoftAppPassword: 'secret' });
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.bot?.appType, 'MultiTenant');
  });

  it('stays on loopback when only the tab single sign-on is configured: /api/messages would be open', () => {
    const config = loadConfig({ TAB_APP_CLIENT_ID: '00000000-0000-4000-8000-00000000d003', TAB_ALLOWED_TENANTS: '0e0d0c0b-0a09-4807-8605-040302010000' });
    assert.equal(config.bot, undefined);
    assert.equal(config.host, '127.0.0.1');
  });

  describe('CLOCK_NOW', () => {
    it('reads an instant with an offset exactly', () => {
      assert.equal(loadConfig({ CLOCK_NOW: '2026-04-13T09:00:00+01:00' }).clockNow?.toISOString(), '2026-04-13T08:00:00.000Z');
      assert.equal(loadConfig({ CLOCK_NOW: '2026-12-01T09:00Z' }).clockNow?.toISOString(), '2026-12-01T09:00:00.000Z');
    });

    it('reads a time without an offset as UK time, summer and winter', () => {
      assert.equal(loadConfig({ CLOCK_NOW: '2026-06-19T09:30' }).clockNow?.toISOString(), '2026-06-19T08:30:00.000Z');
      assert.equal(loadConfig({ CLOCK_NOW: '2026-11-19T09:30' }).clockNow?.toISOString(), '2026-11-19T09:30:00.000Z');
    });
  });
});
