import { candidateKey } from '../../src/availability';
import {
  createProgram,
  formationInput,
  intakeCounts,
  intakeTarget,
  joinProgram,
  listPrograms,
  pairsArrangement,
  programByName,
  recordFormed,
  requireProgram,
  saveIntake,
  setProgramStatus,
  unfinishedIntakes,
  updateProgram,
} from '../../src/programs/service';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { intakeAnswers, NEW_YORK_TIMES, programInput } from '../support/programs';

describe('programs: store and service', () => {
  let t: TestDatabase;
  const now = new Date('2027-01-04T12:00:00Z');
  beforeEach(async () => {
    t = await createTestDatabase();
  });
  afterEach(async () => {
    await t.close();
  });

  it('creates a program and reads it back whole, by id and by name in any case', async () => {
    const created = await createProgram(t.db, 'T1', programInput(), 'UORG', now);
    expect(created).toMatchObject({ name: 'Fellows 2027', status: 'recruiting', round: 1, createdBy: 'UORG' });
    const read = await requireProgram(t.db, 'T1', created.id);
    expect(read.candidates).toEqual(NEW_YORK_TIMES);
    expect(read.deadline.toISOString()).toBe('2027-01-15T23:00:00.000Z');
    expect((await programByName(t.db, 'T1', 'fellows 2027'))?.id).toBe(created.id);
    // Another workspace sees none of it.
    await expect(requireProgram(t.db, 'T2', created.id)).rejects.toThrow('no longer exists');
    expect(await programByName(t.db, 'T2', 'Fellows 2027')).toBeUndefined();
    expect(await listPrograms(t.db, 'T2')).toEqual([]);
  });

  it('refuses a second program of the same name in a workspace, not in another', async () => {
    await createProgram(t.db, 'T1', programInput(), 'UORG', now);
    await expect(createProgram(t.db, 'T1', programInput({ name: 'FELLOWS 2027' }), 'UORG', now)).rejects.toThrow(
      'already a program',
    );
    await createProgram(t.db, 'T2', programInput(), 'UORG', now);
    const other = await createProgram(t.db, 'T1', programInput({ name: 'Other' }), 'UORG', now);
    await expect(updateProgram(t.db, 'T1', other.id, programInput(), now)).rejects.toThrow('already a program');
    const renamed = await updateProgram(t.db, 'T1', other.id, programInput({ name: 'Other', maxSize: 7 }), now);
    expect(renamed.maxSize).toBe(7);
  });

  it('joins, saves and edits an intake; formation reads finished intakes in the contract types', async () => {
    const p = await createProgram(t.db, 'T1', programInput(), 'UORG', now);
    const [tue, thu] = NEW_YORK_TIMES.map(candidateKey) as [string, string];
    for (const u of ['UA', 'UB', 'UC']) await joinProgram(t.db, 'T1', p.id, u, now);
    expect((await joinProgram(t.db, 'T1', p.id, 'UA', now)).joined).toBe(false);
    expect(await intakeCounts(t.db, 'T1', p.id)).toEqual({ joined: 3, submitted: 0 });
    const first = await saveIntake(
      t.db,
      'T1',
      p.id,
      'UA',
      intakeAnswers({ organization: 'The Acme, Inc.', wishes: ['UB', 'UZ'], avoid: ['UC'], volunteer: true }),
      now,
    );
    expect(first.first).toBe(true);
    await saveIntake(t.db, 'T1', p.id, 'UB', intakeAnswers({ organization: 'acme', sector: 'business' }), now);
    expect((await saveIntake(t.db, 'T1', p.id, 'UB', intakeAnswers({ organization: 'ACME' }), now)).first).toBe(false);
    expect(await unfinishedIntakes(t.db, 'T1', p.id)).toEqual(['UC']);
    expect((await intakeTarget(t.db, 'T1', p.id, 'UA')).others.sort()).toEqual(['UB', 'UC']);

    const input = await formationInput(t.db, 'T1', p.id);
    expect(input.unfinished).toEqual(['UC']);
    expect(input.instance.times).toEqual([tue, thu]);
    expect(input.candidates.map((c) => c.id)).toEqual([tue, thu]);
    const a = input.instance.people.find((x) => x.id === 'UA')!;
    const b = input.instance.people.find((x) => x.id === 'UB')!;
    // Organizations compare normalised; wishes and avoid-lists keep only people in the instance.
    expect(a.organization).toBe('acme');
    expect(b.organization).toBe('acme');
    expect(a).toMatchObject({
      times: { [tue]: 'yes', [thu]: 'ifneedbe' },
      wishes: ['UB'],
      avoid: [],
      volunteer: true,
      values: { stage: 2, sector: 'government', role: 'policy', topics: ['housing', 'transit'] },
    });
    expect(input.instance.rules).toMatchObject({ minSize: 6, maxSize: 8, separateOrganizations: true, maxIfNeedBe: 1 });
    expect(input.instance.rules.fields.map((f) => f.key)).toEqual(['stage', 'sector', 'role', 'topics']);
  });

  it('closes the intake to newcomers, and after forming refuses every change', async () => {
    const p = await createProgram(t.db, 'T1', programInput(), 'UORG', now);
    await joinProgram(t.db, 'T1', p.id, 'UA', now);
    await joinProgram(t.db, 'T1', p.id, 'UB', now);
    await saveIntake(t.db, 'T1', p.id, 'UA', intakeAnswers(), now);
    await setProgramStatus(t.db, 'T1', p.id, 'closed', now);
    await expect(joinProgram(t.db, 'T1', p.id, 'UC', now)).rejects.toThrow('no longer taking people');
    // Closed, answers still change until Confirm.
    await saveIntake(t.db, 'T1', p.id, 'UA', intakeAnswers({ role: 'Finance' }), now);
    const formed = await recordFormed(t.db, 'T1', p.id, [{ members: ['UA', 'UB'], circleId: null }], now);
    expect(formed.status).toBe('formed');
    await expect(saveIntake(t.db, 'T1', p.id, 'UA', intakeAnswers(), now)).rejects.toThrow('confirmed');
    await expect(intakeTarget(t.db, 'T1', p.id, 'UA')).rejects.toThrow('confirmed');
    await expect(setProgramStatus(t.db, 'T1', p.id, 'recruiting', now)).rejects.toThrow('confirmed');
    await expect(recordFormed(t.db, 'T1', p.id, [], now)).rejects.toThrow('confirmed');
    await expect(updateProgram(t.db, 'T1', p.id, programInput(), now)).rejects.toThrow('formed');
  });

  it('refuses joining after the deadline', async () => {
    const p = await createProgram(t.db, 'T1', programInput(), 'UORG', now);
    await expect(joinProgram(t.db, 'T1', p.id, 'UA', new Date('2027-01-16T00:00:00Z'))).rejects.toThrow('closed on');
  });

  it('a coaching-pairs program is matched by the exact pair matcher from its intake', async () => {
    const p = await createProgram(t.db, 'T1', programInput({ kind: 'pairs', minSize: 2, maxSize: 3 }), 'UORG', now);
    for (const u of ['UA', 'UB', 'UC', 'UD']) {
      await joinProgram(t.db, 'T1', p.id, u, now);
      await saveIntake(t.db, 'T1', p.id, u, intakeAnswers({ avoid: u === 'UA' ? ['UB'] : [] }), now);
    }
    const arrangement = await pairsArrangement(t.db, 'T1', p.id, 7);
    const groups = arrangement.groups.map((g) => g.members.slice().sort());
    expect(groups).toHaveLength(2);
    expect(groups).not.toContainEqual(['UA', 'UB']);
    expect(arrangement.unmatched).toEqual([]);
    const circles = await createProgram(t.db, 'T1', programInput({ name: 'Circles' }), 'UORG', now);
    await expect(pairsArrangement(t.db, 'T1', circles.id, 7)).rejects.toThrow('not coaching pairs');
  });
});
