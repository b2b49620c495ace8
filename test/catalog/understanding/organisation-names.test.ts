import assert from 'node:assert/strict';
import { organisationCore, organisationNames } from '../../../bot/src/catalog/understanding/organisation-names.js';

const FORCES = [
  'Avon and Somerset Constabulary',
  'South Wales Police',
  'Metropolitan Police Service',
  'Police Scotland',
  'Police Service of Northern Ireland',
  'Hampshire and Isle of Wight Constabulary',
  'Devon and Cornwall Police',
  'West Yorkshire Police',
  'Dyfed-Powys Police',
  'College of Policing',
];
const cores = FORCES.map(organisationCore);
const names = (official: string) => organisationNames(official, cores);

describe("what's on: the short names of forces and organisations", () => {
  it('drops the words for a police force around the place', () => {
    assert.deepEqual(cores, [
      'avon and somerset',
      'south wales',
      'metropolitan',
      'scotland',
      'northern ireland',
      'hampshire and isle of wight',
      'devon and cornwall',
      'west yorkshire',
      'dyfed powys',
      'college of policing',
    ]);
    assert.equal(organisationCore('Police'), 'police', 'a name that is all force words stays as it is');
  });

  it('names a force by its place, its first place while no other force shares it, and its county abbreviations', () => {
    assert.ok(names('Avon and Somerset Constabulary').includes('avon and somerset'));
    assert.ok(names('Avon and Somerset Constabulary').includes('avon'));
    assert.ok(names('Hampshire and Isle of Wight Constabulary').includes('hampshire'));
    assert.ok(names('Hampshire and Isle of Wight Constabulary').includes('hants'));
    assert.ok(names('West Yorkshire Police').includes('west yorks'));
    assert.ok(names('South Wales Police').includes('south wales'));
    assert.ok(names('Metropolitan Police Service').includes('metropolitan police'));
    assert.ok(!organisationNames('Devon and Cornwall Police', [...cores, 'devon']).includes('devon'), 'another organisation is called Devon');
  });

  it('takes only true abbreviations from the table', () => {
    assert.ok(names('Metropolitan Police Service').includes('met'));
    assert.ok(names('Police Service of Northern Ireland').includes('psni'));
    assert.ok(names('Avon and Somerset Constabulary').includes('asp'), 'keyed by the place, whatever the force calls itself');
    assert.deepEqual(organisationNames('Kent Police', ['kent']).sort(), ['kent', 'kent police']);
  });
});
