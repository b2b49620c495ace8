import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ORGANISER_ROLE } from '../../bot/src/http/access.js';

describe('the Organiser app role', () => {
  it("is declared on the tab's Entra app, for users (and groups), with the value the API checks", () => {
    const manifest = JSON.parse(readFileSync('manifest/aad.manifest.json', 'utf8').replace(/\$\{\{[A-Z_]+\}\}/g, 'x'));
    const role = manifest.appRoles.find((r: { value: string }) => r.value === ORGANISER_ROLE);
    assert.ok(role, 'an app role valued Organiser');
    assert.deepEqual(role.allowedMemberTypes, ['User']);
    assert.equal(role.isEnabled, true);
    assert.match(role.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
