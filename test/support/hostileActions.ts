import { App } from '@slack/bolt';
import fc from 'fast-check';
import { WebClient } from '@slack/web-api';
import { CalendarActions } from '../../src/calendar/ids';
import { MyDataActions } from '../../src/mydata/ids';
import { refreshPerson } from '../../src/people/service';
import { CHANNELS, TEAM, USERS } from '../../src/sandbox';
import { SUBCOMMANDS } from '../../src/slack/usage';
import { startTestApp, type TestApp } from './app';
import {
  actionBody,
  declaredIds,
  drive,
  hostileText,
  hostileValue,
  OTHER_TEAM,
  seedHostileWorkspaces,
  integersIn,
  type Party,
  hostileParameters,
  hostileRuns,
  problemsWith,
  surfacesOf,
  type Surfaces,
  TableWatch,
} from './hostile';

const RUNS = hostileRuns();

// Buttons whose effect does not depend on what they carry: they act on the person who pressed,
// who may change their own workspace's rows by pressing them (revoking one's calendar link, erasing
// what the app keeps about oneself, which `/circle forget-me` offers anyone). Another workspace
// must still be untouched. They are walked after the others: erasing the presser's record means
// their next press records who they are again, which is bookkeeping, not the press's effect.
const ACTS_ON_THE_PRESSER = new Set<string>([CalendarActions.revoke, MyDataActions.forgetConfirm]);

/**
 * Random payloads at every block action the app registers (read from Bolt as the features
 * register them, so a button added later is covered): wrong types, missing fields, another
 * workspace's ids, 10 kB strings, control characters, mention syntax, SQL fragments. Nothing in a
 * generated payload names a row of the presser's own workspace, so every press must be refused:
 * a clear answer within 3 s, and no table of either workspace changed.
 */
/**
 * The actions are many and each case costs a few milliseconds, so they are dealt round-robin to
 * `of` test files (hostile-actions-N) that Jest runs side by side; shard 1 also checks coverage.
 */
export function hostileActionTests(shard: number, of: number): void {
  describe(`hostile payloads at every button and menu (${shard} of ${of})`, () => {
    let t: TestApp;
    let surfaces: Surfaces;
    let watch: TableWatch;
    let mine: Set<number>;
    let foreign: number[];
    const stranger: Party = { teamId: TEAM.id, userId: USERS.grace, channelId: CHANNELS.general };
    const member: Party = { teamId: TEAM.id, userId: USERS.ben, channelId: CHANNELS.general };
    const facilitator: Party = { teamId: TEAM.id, userId: USERS.ana, channelId: CHANNELS.general };
    const organizer: Party = { teamId: TEAM.id, userId: USERS.owner, channelId: CHANNELS.general };

    beforeAll(async () => {
      t = await startTestApp({ start: '2026-11-23T15:00:00Z', organizers: [USERS.owner] });
      surfaces = surfacesOf(t.app);
      // A pass first, so the workspace under test has deliveries and check-ins to forge ids of.
      ({ mine, foreign } = await seedHostileWorkspaces(t, () => t.tick('2026-11-28T14:01:00Z')));
      // Everyone's first request records who they are (their Slack profile): bookkeeping, done
      // before the watch starts, directly, since a refused press may stop before looking them up.
      const client = new WebClient(t.emulator.botToken, { slackApiUrl: t.emulator.apiUrl });
      for (const p of [stranger, member, facilitator, organizer]) {
        await refreshPerson(t.db, client, p.teamId, p.userId, t.clock.now());
      }
      watch = new TableWatch(t.db);
      await watch.start();
    }, 120_000);
    afterAll(async () => {
      await t.close();
    });

    (shard === 1 ? it : it.skip)('covers every action, view and subcommand the features declare and register', async () => {
      const declared = declaredIds();
      expect(new Set(surfaces.actions)).toEqual(new Set(declared.actions));
      expect(new Set(surfaces.views)).toEqual(new Set(declared.views));
      expect(surfaces.actions.length).toBeGreaterThan(0);
      // Every subcommand a feature handles is one the help lists (the commands test walks that list).
      const probe = new App({ token: 'xoxb-probe', signingSecret: 'probe', deferInitialization: true });
      const handled = t.services.registrations.flatMap((register) => Object.keys(register(probe as never)));
      const listed = new Set<string>(SUBCOMMANDS.map((s) => s.name));
      expect(handled.filter((name) => !listed.has(name))).toEqual([]);
    });

    const action = (actionId: string) =>
      fc
        .record(
          {
            action_id: fc.constant(actionId),
            block_id: fc.oneof(fc.constant('b1'), hostileText()),
            type: fc.constantFrom('button', 'static_select', 'overflow', 'checkboxes', 'users_select', 'datepicker', 'bogus'),
            value: hostileValue(foreign),
            selected_option: fc.oneof(fc.record({ value: hostileValue(foreign) }), hostileValue(foreign)),
            selected_options: fc.array(fc.record({ value: hostileValue(foreign) }), { maxLength: 3 }),
            selected_user: hostileValue(foreign),
            selected_date: hostileValue(foreign),
            action_ts: fc.constant('1764428400.000200'),
          },
          { requiredKeys: ['action_id'] },
        )
        .filter((a) => !integersIn(a).some((n) => mine.has(n)));

    // The actions are known only once the app is built, so one test walks them all and names each failure.
    it(
      'presses every registered action with hostile payloads',
      async () => {
        const failures: string[] = [];
        const dealt = surfaces.actions
          .filter((_, i) => i % of === shard - 1)
          .sort((a, b) => Number(ACTS_ON_THE_PRESSER.has(a)) - Number(ACTS_ON_THE_PRESSER.has(b)));
        expect(dealt.length).toBeGreaterThan(0);
        for (const actionId of dealt) {
          const owned = ACTS_ON_THE_PRESSER.has(actionId);
          const started = Date.now();
          await fc
            .assert(
              fc.asyncProperty(
                fc.constantFrom(stranger, member, facilitator, organizer),
                action(actionId),
                async (who, payload) => {
                  const outcome = await drive(t, actionBody(t, who, payload));
                  expect(problemsWith(outcome)).toEqual([]);
                  expect(await watch.changedFor(owned ? [OTHER_TEAM] : [TEAM.id, OTHER_TEAM])).toEqual([]);
                },
              ),
              hostileParameters(),
            )
            .catch((error: unknown) => failures.push(`${actionId}: ${String(error)}`));
          if (process.env.HOSTILE_TIMING) process.stdout.write(`${actionId}: ${Date.now() - started} ms\n`);
        }
        expect(failures).toEqual([]);
      },
      RUNS * 1000,
    );
  });
}
