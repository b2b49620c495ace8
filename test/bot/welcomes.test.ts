import assert from 'node:assert/strict';
import { WelcomeLedger } from '../../bot/src/teams/welcomes.js';
import { testDb, type TestDb } from '../support/db.js';

describe('one welcome per installation, kept in the database', () => {
  let database: TestDb;
  beforeEach(async () => {
    database = await testDb();
  });
  afterEach(async () => database.drop());

  it('When two app processes see the install at once, then exactly one of them welcomes', async () => {
    const [a, b] = [new WelcomeLedger(database.db), new WelcomeLedger(database.db)];
    const answers = await Promise.all([a.firstTime('team:19:t1'), b.firstTime('team:19:t1'), a.firstTime('team:19:t1'), b.firstTime('team:19:t1')]);
    assert.deepEqual(answers.filter(Boolean).length, 1);
  });

  it('When the app restarts between the two install events, then the second is not welcomed again', async () => {
    assert.equal(await new WelcomeLedger(database.db).firstTime('conversation:a:1'), true);
    assert.equal(await new WelcomeLedger(database.db).firstTime('conversation:a:1'), false);
    assert.equal(await new WelcomeLedger(database.db).firstTime('conversation:a:2'), true);
  });

  it('When the app is removed and installed again, then it is welcomed once more', async () => {
    const ledger = new WelcomeLedger(database.db);
    assert.equal(await ledger.firstTime('conversation:a:1'), true);
    await ledger.forget('conversation:a:1');
    await ledger.forget('conversation:a:1');
    assert.equal(await ledger.firstTime('conversation:a:1'), true);
    assert.equal(await ledger.firstTime('conversation:a:1'), false);
  });
});
