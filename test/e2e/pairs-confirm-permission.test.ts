import { AppError, ErrorCode } from '../../src/core/errors';
import { knownPerson } from '../../src/people/service';
import { pairKinds } from '../../src/pairs/deliveries';
import { confirmDraft } from '../../src/pairs/confirm';
import { startPreview } from '../../src/pairs/draft';
import { TEAM, USERS } from '../../src/sandbox';
import { startTestApp, type TestApp } from '../support/app';
import { seedProgram, seedSurveys } from '../support/pairs';

const { ana, ben, chloe, hiro } = USERS;

/**
 * Confirming pairs tells everyone: the use case checks who is confirming itself, whatever its
 * caller checked (the button does too, so this is driven from the service).
 */
describe('pairs: confirmDraft trusts no caller', () => {
  let t: TestApp;
  let circleId = 0;

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-23T15:00:00Z' });
    const circle = await seedProgram(t, { name: 'Coaching', facilitators: [hiro], members: [ana, ben, chloe] });
    circleId = circle.id;
    await seedSurveys(t, circle, { [ana]: {}, [ben]: {}, [chloe]: {} });
  });
  afterAll(async () => {
    await t.close();
  });

  const person = async (userId: string) => (await knownPerson(t.db, TEAM.id, userId)) ?? { ...nobody, userId };
  const nobody = {
    name: '',
    timeZone: null,
    isAdmin: false,
    isOwner: false,
    isBot: false,
    isDeleted: false,
    isOrganizerGrant: false,
  };
  const pairs = () => t.db.selectFrom('pairs').selectAll().where('circle_id', '=', circleId).execute();

  it('refuses a member who is neither a facilitator nor an organizer, and writes nothing', async () => {
    const circle = await t.db.selectFrom('circles').selectAll().where('id', '=', circleId).executeTakeFirstOrThrow();
    const preview = await startPreview(t.db, circle, hiro, t.clock.now());
    const ref = { cycleId: preview.draft.cycle_id, version: preview.draft.version };
    const fx = { outbox: t.services.deps.outbox, kinds: pairKinds(t.services.deps) };
    const refused = confirmDraft(t.db, fx, TEAM.id, ref, { person: await person(ana), organizers: [] }, t.clock.now());
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    expect(await pairs()).toEqual([]);
    const draft = await t.db.selectFrom('match_drafts').selectAll().executeTakeFirstOrThrow();
    expect(draft.confirmed_at).toBeNull();

    // The positive control: the facilitator confirms the same preview.
    const done = await confirmDraft(t.db, fx, TEAM.id, ref, { person: await person(hiro), organizers: [] }, t.clock.now());
    expect(done.pairs.length).toBeGreaterThan(0);
    expect((await pairs()).length).toBe(done.pairs.length);
  });
});
