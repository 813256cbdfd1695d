import fc from 'fast-check';
import type { CircleRow } from '../../src/circles/store';
import { CHANNELS, TEAM, USERS } from '../../src/sandbox';
import { syncSessions } from '../../src/sessions/horizon';
import { SUBCOMMANDS } from '../../src/slack/usage';
import { startTestApp, type TestApp } from './app';
import { seedCircle } from './fixtures';
import { commandBody, drive, hostileText, type Party, hostileParameters, hostileRuns, problemsWith, TableWatch } from './hostile';

const RUNS = hostileRuns();
const OTHER_TEAM = 'T0PCOTHER2';
// `remove @person`, `checkin @person`: their usage names a person, whom the answer then names.
const TAKES_A_PERSON = new Set(SUBCOMMANDS.filter((s) => s.usage.includes('@person')).map((s) => s.name as string));

/**
 * Random and adversarial text after every /circle subcommand (the list comes from the help, so a
 * subcommand added later is covered): the app answers within 3 s with words written for a person,
 * never an internal error, and never sends typed mentions back as markup. A person in no circle
 * changes nothing whatever they type, and nothing anyone types reaches another workspace's rows.
 */
/** The subcommands dealt round-robin to `of` test files (hostile-commands-N), which Jest runs side by side. */
export function hostileCommandTests(shard: number, of: number): void {
  describe(`hostile text at every /circle subcommand (${shard} of ${of})`, () => {
    let t: TestApp;
    let circle: CircleRow;
    let watch: TableWatch;
    const stranger: Party = { teamId: TEAM.id, userId: USERS.grace, channelId: CHANNELS.general };
    const member: Party = { teamId: TEAM.id, userId: USERS.ben, channelId: CHANNELS.general };
    const facilitator: Party = { teamId: TEAM.id, userId: USERS.ana, channelId: CHANNELS.general };

    beforeAll(async () => {
      t = await startTestApp({ start: '2026-11-23T15:00:00Z' });
      circle = await seedCircle(t.db, t.emulator, {
        name: 'Hostile',
        facilitators: [USERS.ana],
        members: [USERS.ben, USERS.chloe],
      });
      await syncSessions(t.db, TEAM.id, circle.id, t.clock.now());
      // The same name and the same people in another workspace: nothing typed here may touch it.
      const other = await seedCircle(t.db, t.emulator, {
        teamId: OTHER_TEAM,
        name: 'Hostile',
        facilitators: [USERS.ana],
        members: [USERS.ben, USERS.grace],
      });
      await syncSessions(t.db, OTHER_TEAM, other.id, t.clock.now());
      // Everyone's first requests record who they are (a copy of their Slack profile): bookkeeping,
      // not what these tests are about, so it happens before the watch starts.
      for (const p of [stranger, member, facilitator]) {
        for (const { name } of SUBCOMMANDS) await drive(t, commandBody(t, p, `${name} Nowhere`));
      }
      watch = new TableWatch(t.db);
      await watch.start();
    }, 120_000);
    afterAll(async () => {
      await t.close();
    });

    it.each(SUBCOMMANDS.map((s) => s.name).filter((_, i) => i % of === shard - 1))(
      '/circle %s',
      async (name) => {
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(stranger, member, facilitator), hostileText(), async (who, text) => {
            const outcome = await drive(t, commandBody(t, who, `${name} ${text}`));
            expect(problemsWith(outcome, { mentionsPeople: TAKES_A_PERSON.has(name) })).toEqual([]);
            // Members may change their own workspace (a pause is a pause); a stranger may not.
            expect(await watch.changedFor(who === stranger ? [TEAM.id, OTHER_TEAM] : [OTHER_TEAM])).toEqual([]);
          }),
          hostileParameters(),
        );
      },
      RUNS * 300,
    );
  });
}
