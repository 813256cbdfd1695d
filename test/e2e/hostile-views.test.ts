import fc from 'fast-check';
import { SettingsBlocks } from '../../src/circles/settings/model';
import { CHANNELS, TEAM, USERS } from '../../src/sandbox';
import { startTestApp, type TestApp } from '../support/app';
import {
  declaredIds,
  drive,
  hostileText,
  hostileValue,
  OTHER_TEAM,
  seedHostileWorkspaces,
  integersIn,
  type Party,
  hostileParameters,
  problemsWith,
  surfacesOf,
  type Surfaces,
  TableWatch,
  viewBody,
} from '../support/hostile';

/**
 * Random submissions of every modal the app registers (read from Bolt, so a modal added later is
 * covered): state values of the wrong type or shape, missing fields, private metadata naming
 * another workspace's rows or nothing at all, 10 kB strings, control characters, mention syntax
 * and SQL fragments. Nothing generated names a row of the submitter's own workspace, so every
 * submission must be refused with a clear answer within 3 s and no table changed.
 */
describe('hostile submissions of every modal', () => {
  let t: TestApp;
  let surfaces: Surfaces;
  let watch: TableWatch;
  let mine: Set<number>;
  let foreign: number[];
  const parties: Party[] = [USERS.grace, USERS.ben, USERS.ana, USERS.owner].map((userId) => ({
    teamId: TEAM.id,
    userId,
    channelId: CHANNELS.general,
  }));

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-23T15:00:00Z', organizers: [USERS.owner] });
    surfaces = surfacesOf(t.app);
    ({ mine, foreign } = await seedHostileWorkspaces(t));
    for (const p of parties) {
      for (const callbackId of surfaces.views) await drive(t, viewBody(t, p, { callback_id: callbackId, private_metadata: '' }));
    }
    watch = new TableWatch(t.db);
    await watch.start();
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const fields = () => {
    const known = [...declaredIds().fields, ...Object.values(SettingsBlocks)];
    // Prefixed ids (one per commitment, per checkbox group) get a number, as the modals give them.
    return fc.oneof(
      fc.constantFrom(...known),
      fc.tuple(fc.constantFrom(...known), fc.oneof(fc.nat(5), fc.constantFrom(...foreign))).map(([k, n]) => `${k}${n}`),
      hostileText(),
    );
  };
  const element = () =>
    fc.record(
      {
        type: fc.constantFrom(
          'plain_text_input',
          'static_select',
          'radio_buttons',
          'checkboxes',
          'datepicker',
          'timepicker',
          'multi_users_select',
          'conversations_select',
          'bogus',
        ),
        value: hostileValue(foreign),
        selected_option: fc.oneof(fc.record({ value: hostileValue(foreign) }), hostileValue(foreign)),
        selected_options: fc.oneof(
          fc.array(fc.record({ value: hostileValue(foreign) }), { maxLength: 3 }),
          hostileValue(foreign),
        ),
        selected_date: hostileValue(foreign),
        selected_time: hostileValue(foreign),
        selected_users: fc.oneof(fc.array(hostileValue(foreign), { maxLength: 3 }), hostileValue(foreign)),
        selected_conversation: hostileValue(foreign),
      },
      { requiredKeys: [] },
    );
  const state = () =>
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc.dictionary(
          fields(),
          fields().chain((id) => fc.dictionary(fc.constant(id), element(), { maxKeys: 1 })),
          { maxKeys: 8 },
        ),
      },
      { weight: 1, arbitrary: hostileValue(foreign) },
    );
  const metadata = () =>
    fc.oneof(
      fc.constant(''),
      fc.constant('{}'),
      hostileText(),
      fc.constantFrom(...foreign).map((id) => JSON.stringify({ circleId: id, sessionId: id })),
      hostileValue(foreign).map((v) => JSON.stringify({ circleId: v, sessionId: v })),
    );

  it('submits every registered modal with hostile values', async () => {
    expect(surfaces.views.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const callbackId of surfaces.views) {
      const submission = fc
        .record(
          { private_metadata: metadata(), state: fc.oneof(fc.record({ values: state() }), hostileValue(foreign)) },
          { requiredKeys: [] },
        )
        .filter((v) => !integersIn(v).some((n) => mine.has(n)));
      await fc
        .assert(
          fc.asyncProperty(fc.constantFrom(...parties), submission, async (who, view) => {
            const outcome = await drive(t, viewBody(t, who, { callback_id: callbackId, ...view }));
            expect(problemsWith(outcome)).toEqual([]);
            expect(await watch.changedFor([TEAM.id, OTHER_TEAM])).toEqual([]);
          }),
          hostileParameters(),
        )
        .catch((error: unknown) => failures.push(`${callbackId}: ${String(error)}`));
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
