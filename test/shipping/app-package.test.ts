import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { PackageError, buildPackage, iconProblems, repoRoot, resolvePlaceholders, schemaProblems } from '../../scripts/package-app.js';
import { SEARCH_COMMAND_ID, SEARCH_PARAMETER } from '../../bot/src/teams/message-extension.js';
import { sessionPageUrl } from '../../bot/src/catalog/session-links.js';

/** A scratch copy of env/ and manifest/ that a test may break. */
function scratch(): { root: string; envDir: string; manifestDir: string; outDir: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cpd-package-'));
  cpSync(path.join(repoRoot, 'env', '.env.dev'), path.join(root, 'env', '.env.dev'));
  cpSync(path.join(repoRoot, 'manifest'), path.join(root, 'manifest'), { recursive: true });
  return { root, envDir: path.join(root, 'env'), manifestDir: path.join(root, 'manifest'), outDir: path.join(root, 'build') };
}

async function packageError(run: () => Promise<unknown>): Promise<PackageError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof PackageError) return error;
    throw error;
  }
  assert.fail('the package was built');
}

function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const image = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y += 1) for (let x = 0; x < size; x += 1) image.data.set(pixel(x, y), (y * size + x) * 4);
  return PNG.sync.write(image);
}

describe('the Teams app package', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const temp = () => {
    const s = scratch();
    dirs.push(s.root);
    return s;
  };

  it('builds from env/.env.dev into a zip with the resolved manifest and both icons at its root, valid against the bundled schema', async () => {
    const { outDir } = temp();
    const built = await buildPackage({ env: 'dev', outDir });
    assert.equal(built.zipPath, path.join(outDir, 'appPackage.dev.zip'));
    const zip = await JSZip.loadAsync(readFileSync(built.zipPath));
    assert.deepEqual(Object.keys(zip.files).sort(), ['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    assert.doesNotMatch(JSON.stringify(manifest), /\$\{\{/);
    assert.deepEqual(schemaProblems(manifest), []);
    assert.equal(manifest.bots[0].botId, '00000000-0000-4000-8000-00000000d002');
    assert.deepEqual(manifest.bots[0].scopes.sort(), ['groupChat', 'personal', 'team']);
    for (const list of manifest.bots[0].commandLists) {
      // The CPD record and reminders are the officer's own: their commands are offered in the personal chat only.
      assert.deepEqual(
        list.commands.map((c: { title: string }) => c.title),
        list.scopes.includes('personal') ? ["what's on", 'my bookings', 'my cpd', 'stop reminders', 'help'] : ["what's on", 'my bookings', 'help'],
      );
    }
    const tab = manifest.staticTabs.find((t: { entityId: string }) => t.entityId === 'recordings');
    assert.equal(tab.contentUrl, 'https://cpd-dev.example.net/tab/index.html');
    const cpd = manifest.staticTabs.find((t: { entityId: string }) => t.entityId === 'cpd');
    assert.deepEqual([cpd.name, cpd.contentUrl], ['My CPD', 'https://cpd-dev.example.net/tab/index.html?view=cpd']);
    assert.deepEqual(manifest.webApplicationInfo, {
      id: '00000000-0000-4000-8000-00000000d003',
      resource: 'api://cpd-dev.example.net/00000000-0000-4000-8000-00000000d003',
    });
    assert.deepEqual(manifest.validDomains, ['cpd-dev.example.net']);
    assert.deepEqual(iconProblems('color.png', Buffer.from(await zip.file('color.png')!.async('uint8array')), 'color'), []);
    assert.deepEqual(iconProblems('outline.png', Buffer.from(await zip.file('outline.png')!.async('uint8array')), 'outline'), []);
  });

  it("declares the message extension: the bot's own search command (with the id and parameter the bot reads) and the app host's session links", async () => {
    const { outDir } = temp();
    const { manifest } = await buildPackage({ env: 'dev', outDir });
    assert.equal(manifest.composeExtensions.length, 1);
    const [extension] = manifest.composeExtensions;
    assert.equal(extension.botId, manifest.bots[0].botId, "Universal Actions on its cards need the app's own bot");
    const [command] = extension.commands;
    assert.equal(extension.commands.length, 1);
    assert.equal(command.id, SEARCH_COMMAND_ID);
    assert.equal(command.type, 'query');
    assert.equal(command.initialRun, true, 'opening it lists what is coming up');
    assert.deepEqual([...command.context].sort(), ['commandBox', 'compose', 'message']);
    assert.deepEqual(
      command.parameters.map((p: { name: string }) => p.name),
      [SEARCH_PARAMETER],
    );
    // The links the app hands out are on the host that serves it (PUBLIC_BASE_URL in infra/ is that host).
    assert.deepEqual(extension.messageHandlers, [{ type: 'link', value: { domains: ['cpd-dev.example.net'] } }]);
    assert.equal(new URL(sessionPageUrl('https://cpd-dev.example.net', 'faces')).host, extension.messageHandlers[0].value.domains[0]);
  });

  it("refuses a link domain written as a URL, and a message extension on another bot than the app's", async () => {
    const { envDir, manifestDir, outDir } = temp();
    const envFile = path.join(envDir, '.env.dev');
    writeFileSync(envFile, `${readFileSync(envFile, 'utf8')}\nBOT_DOMAIN=https://cpd-dev.example.net/\n`);
    const file = path.join(manifestDir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    manifest.composeExtensions[0].botId = '00000000-0000-4000-8000-00000000d009';
    writeFileSync(file, JSON.stringify(manifest));
    const error = await packageError(() => buildPackage({ env: 'dev', envDir, manifestDir, outDir }));
    assert.ok(
      error.problems.includes('composeExtensions[0].messageHandlers[0].value.domains: "https://cpd-dev.example.net/" must be a host name without a scheme'),
      error.message,
    );
    assert.ok(
      error.problems.some((p) => p.startsWith("composeExtensions[0].botId: must be the botId of the app's bot")),
      error.message,
    );
  });

  it('uses the newest manifest version that @microsoft/app-manifest ships as generally available', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'manifest', 'manifest.json'), 'utf8'));
    const schemasDir = path.join(repoRoot, 'node_modules', '@microsoft', 'app-manifest', 'build', 'json-schemas', 'teams');
    // Numbered versions are the generally available ones; vDevPreview is the preview.
    const versions = readdirSync(schemasDir)
      .filter((v) => /^v1\.\d+$/.test(v))
      .map((v) => Number(v.slice(3)));
    assert.equal(manifest.manifestVersion, `1.${Math.max(...versions)}`);
    assert.equal(manifest.$schema, `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
  });

  it('names a variable the environment does not set, and writes nothing', async () => {
    const { envDir, outDir } = temp();
    const envFile = path.join(envDir, '.env.dev');
    writeFileSync(envFile, readFileSync(envFile, 'utf8').replace(/^BOT_ID=.*$/m, ''));
    const error = await packageError(() => buildPackage({ env: 'dev', envDir, outDir }));
    assert.equal(error.problems.length, 1);
    assert.match(error.problems[0]!, /^BOT_ID: /);
    assert.equal(existsSync(path.join(outDir, 'appPackage.dev.zip')), false);
  });

  it('lets env/.env.<name>.user override env/.env.<name>', async () => {
    const { envDir, outDir } = temp();
    writeFileSync(path.join(envDir, '.env.dev.user'), 'TAB_DOMAIN=cpd-override.example.net\nTAB_ENDPOINT=https://cpd-override.example.net\n');
    const built = await buildPackage({ env: 'dev', envDir, outDir });
    assert.deepEqual(built.manifest.validDomains, ['cpd-override.example.net']);
  });

  it('refuses a manifest the schema rejects, saying where', async () => {
    const { manifestDir, outDir } = temp();
    const file = path.join(manifestDir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    manifest.name.short = 'A name far too long for the Teams app bar';
    manifest.accentColor = 'police blue';
    writeFileSync(file, JSON.stringify(manifest));
    const error = await packageError(() => buildPackage({ env: 'dev', manifestDir, outDir }));
    assert.ok(
      error.problems.some((p) => p.startsWith('manifest /name/short:')),
      error.message,
    );
    assert.ok(
      error.problems.some((p) => p.startsWith('manifest /accentColor:')),
      error.message,
    );
    assert.equal(existsSync(outDir), false);
  });

  it('refuses ids that are not GUIDs and valid domains written as URLs', async () => {
    const { envDir, outDir } = temp();
    const envFile = path.join(envDir, '.env.dev');
    writeFileSync(envFile, `${readFileSync(envFile, 'utf8')}\nAAD_APP_CLIENT_ID=tab-app\nTAB_DOMAIN=https://cpd-dev.example.net\n`);
    const error = await packageError(() => buildPackage({ env: 'dev', envDir, outDir }));
    assert.ok(
      error.problems.some((p) => p.includes('webApplicationInfo.id: "tab-app" is not a GUID')),
      error.message,
    );
    assert.ok(
      error.problems.some((p) => p.startsWith('validDomains: "https://cpd-dev.example.net" must be a host name without a scheme')),
      error.message,
    );
  });

  it('refuses icons of the wrong size, and an outline icon with coloured pixels', async () => {
    const { manifestDir, outDir } = temp();
    writeFileSync(
      path.join(manifestDir, 'color.png'),
      png(96, () => [11, 61, 145, 255]),
    );
    writeFileSync(
      path.join(manifestDir, 'outline.png'),
      png(32, (x) => (x < 16 ? [255, 255, 255, 255] : [11, 61, 145, 255])),
    );
    const error = await packageError(() => buildPackage({ env: 'dev', manifestDir, outDir }));
    assert.deepEqual(error.problems, [
      'icons.color: color.png is 96×96, must be 192×192',
      'icons.outline: outline.png has 512 pixels that are neither white nor transparent',
    ]);
  });

  it('accepts an outline icon that is white at any opacity on transparent, and refuses one that is not a PNG', () => {
    assert.deepEqual(
      iconProblems(
        'o.png',
        png(32, (x, y) => (x === y ? [255, 255, 255, 128] : [0, 0, 0, 0])),
        'outline',
      ),
      [],
    );
    assert.deepEqual(iconProblems('o.png', Buffer.from('<svg/>'), 'outline'), ['icons.outline: o.png is not a PNG']);
  });

  it('resolves placeholders inside JSON strings safely', () => {
    assert.deepEqual(resolvePlaceholders('{"n":"${{A}}"}', { A: 'say "hi"' }), { text: '{"n":"say \\"hi\\""}', missing: [] });
  });

  it('fails from the command line with a non-zero exit that names the missing environment file', async () => {
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts', 'package-app.ts'), '--env', 'nosuchenv'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /env\/\.env\.nosuchenv/);
  });
});
