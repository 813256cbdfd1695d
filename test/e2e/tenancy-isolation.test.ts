import { sql } from 'kysely';
import { CalendarActions } from '../../src/calendar/ids';
import { CircleActions } from '../../src/circles/ids';
import type { CircleRow } from '../../src/circles/store';
import type { Db } from '../../src/db/database';
import { MyDataActions } from '../../src/mydata/ids';
import { ProgramActions } from '../../src/programs/ids';
import { timesFingerprint } from '../../src/programs/intakeForm';
import { createProgram, joinProgram } from '../../src/programs/service';
import { SessionActions } from '../../src/sessions/ids';
import { CHANNELS, TEAM, USERS } from '../../src/sandbox';
import { syncSessions } from '../../src/sessions/horizon';
import { SUBCOMMANDS } from '../../src/slack/usage';
import { startTestApp, type TestApp } from '../support/app';
import { seedCircle, textOf } from '../support/fixtures';
import { seedProgram, seedSurveys } from '../support/pairs';
import { programInput } from '../support/programs';
import {
  actionBody,
  answerText,
  commandBody,
  declaredIds,
  drive,
  type Outcome,
  type Party,
  surfacesOf,
  type Surfaces,
  TableWatch,
  viewBody,
} from '../support/hostile';
import { SettingsBlocks } from '../../src/circles/settings/model';

// Buttons whose value names no row: they act on the presser alone (a new calendar link, erasing
// one's own data, keeping it) or on nothing (a modal to create a circle, keeping a session), so
// "the other workspace's ids" means nothing to them; what they may not do is touch that workspace.
const CARRIES_NO_ROW = new Set<string>([
  CalendarActions.revoke,
  MyDataActions.forgetConfirm,
  MyDataActions.forgetCancel,
  CircleActions.create,
  SessionActions.skipCancel,
  ProgramActions.create,
  // The kind radio of the create/edit modal redraws the presser's own open modal from what it holds.
  SettingsBlocks.kind,
]);

/**
 * Starts every table's ids in a range of its own (table N at N million). Ids are unique across
 * workspaces, not across tables: without this, the other workspace's circle 3 may be this one's
 * session 3, and a press "with the other workspace's ids" would name a row of the presser's own.
 */
async function idsApartByTable(db: Db): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.columns
    where table_schema = 'public' and column_name = 'id' and pg_get_serial_sequence(table_name, 'id') is not null
    order by table_name`.execute(db);
  for (const [i, { name }] of rows.entries()) {
    await sql`select setval(pg_get_serial_sequence(${name}, 'id'), ${(i + 1) * 1_000_000})`.execute(db);
  }
}

/**
 * Two workspaces of one hosted instance, as alike as they can be: the same circle name, the same
 * user ids in both (Slack ids are unique per workspace, not across them, and Enterprise Grid shows
 * one person in several), activity interleaved step by step. Every command, button and modal the
 * app registers is driven through both; whatever one workspace does, the other's rows stay as
 * they were and nothing it is shown names the other's data. A press carrying the other's ids
 * changes nothing at all, and the same press from the workspace whose ids they are does
 * something (the positive control), so refusing everything would not pass.
 */
describe('two workspaces never see or change each other', () => {
  const T1 = TEAM.id;
  const T2 = 'T0PCOTHER2';
  // Each workspace's own words, in everything its people type and in its circle's settings.
  const MARK: Record<string, string> = { [T1]: 'alphaword', [T2]: 'omegaword' };
  const other = (team: string) => (team === T1 ? T2 : T1);
  let t: TestApp;
  let surfaces: Surfaces;
  let watch: TableWatch;
  const circles: Record<string, CircleRow> = {};
  const programs: Record<string, CircleRow> = {};
  const commitments: Record<string, number> = {};
  const polls: Record<string, number> = {};
  /** A program recruiting in each workspace (the programs feature's, not a coaching circle), Ben joined. */
  const cohorts: Record<string, number> = {};
  const as = (teamId: string, userId: string): Party => ({ teamId, userId, channelId: CHANNELS.general });

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-23T15:00:00Z', organizers: [USERS.owner] });
    surfaces = surfacesOf(t.app);
    await idsApartByTable(t.db);
    for (const teamId of [T1, T2]) {
      const circle = await seedCircle(t.db, t.emulator, {
        teamId: teamId === T1 ? undefined : teamId,
        name: 'Leaders',
        focus: `Growing ${MARK[teamId]}`,
        facilitators: [USERS.ana],
        members: [USERS.ben, USERS.chloe],
      });
      await t.db
        .updateTable('circles')
        .set({ video_link: `https://meet.example.com/${MARK[teamId]}` })
        .where('id', '=', circle.id)
        .execute();
      circles[teamId] = { ...circle, video_link: `https://meet.example.com/${MARK[teamId]}` };
      await syncSessions(t.db, teamId, circle.id, t.clock.now());
      // A coaching program beside it, so the pairs' subcommand and buttons meet a cycle they could act on.
      programs[teamId] = await seedProgram(t, {
        teamId: teamId === T1 ? undefined : teamId,
        name: 'Mentors',
        facilitators: [USERS.ana],
        members: [USERS.ben, USERS.chloe],
      });
      // Both have answered its survey, so it can be previewed, shuffled, confirmed and met.
      await seedSurveys(t, programs[teamId]!, { [USERS.ben]: {}, [USERS.chloe]: {} });
      commitments[teamId] = await seedCommitment(teamId, circle.id, USERS.ben);
      polls[teamId] = await seedPoll(teamId, circle.id);
      const cohort = await createProgram(
        t.db,
        teamId,
        programInput({ name: 'Fellows', purpose: `Learning ${MARK[teamId]}` }),
        USERS.owner,
        t.clock.now(),
      );
      cohorts[teamId] = cohort.id;
      await joinProgram(t.db, teamId, cohort.id, USERS.ben, t.clock.now());
      // The organizer's formation preview of it (nobody has finished the intake: no circles yet).
      await t.db
        .insertInto('formation_drafts')
        .values({
          team_id: teamId,
          program_id: cohort.id,
          seed: 1,
          arrangement: JSON.stringify({ circles: [], unplaced: [], score: 0 }),
          participants: [],
          created_by: USERS.owner,
          updated_at: t.clock.now(),
        })
        .execute();
    }
    watch = new TableWatch(t.db);
    await watch.start();
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  /** What one request showed, and the tables it changed (`T….table`; a bare name has no team_id). */
  interface Seen {
    shown: string;
    changed: string[];
  }

  /**
   * What a request in `team` may not do: show the other workspace's words or channel, or change
   * its rows (or a table no workspace owns). Returns what it did, for comparing presses.
   */
  async function expectContained(team: string, what: string, outcome: Outcome): Promise<Seen> {
    const shown = answerText(outcome);
    const foreign = circles[other(team)]!;
    expect({ what, leaked: shown.includes(MARK[other(team)]!) || shown.includes(foreign.channel_id!) }).toEqual({
      what,
      leaked: false,
    });
    const changed = await watch.changedFor([T1, T2]);
    expect({ what, changed: changed.filter((c) => !c.startsWith(`${team}.`)) }).toEqual({ what, changed: [] });
    return { shown, changed };
  }

  /**
   * The positive control. Each press is made twice, alike but for where: from the workspace whose
   * ids it carries, and from the other one, which must refuse it. From its own workspace, at least
   * one press of every button and modal must do otherwise: change something, or answer otherwise
   * (it found the row the other could not). Without this, an app that refused every press would
   * pass every test here.
   */
  class Presses {
    private readonly seen = new Map<string, Seen>();

    add(team: string, ids: string, press: string, did: Seen): void {
      this.seen.set(`${team} ${ids} ${press}`, did);
    }

    /** The workspaces for whose ids no press did anything the other workspace's press did not. */
    worksNowhere(surface: string): string[] {
      return [T1, T2]
        .filter((ids) => {
          const own = [...this.seen].filter(([key]) => key.startsWith(`${ids} ${ids} `));
          return !own.some(([key, right]) => {
            const wrong = this.seen.get(`${other(ids)} ${ids} ${key.slice(`${ids} ${ids} `.length)}`);
            return wrong !== undefined && (right.changed.length > 0 || right.shown !== wrong.shown);
          });
        })
        .map((ids) => `${surface} with ${ids}'s ids`);
    }
  }

  /**
   * Each button meets people and a session that can use it: Ana, Ben and Chloe back in both
   * workspaces' circles as seeded (Ana facilitating), and the first session on the schedule with Ana leading its
   * warm-up. The presses before (Leave, Pause, Skip, Pass) changed both.
   */
  async function backToStart(): Promise<void> {
    const circleIds = [T1, T2].flatMap((team) => [circles[team]!.id, programs[team]!.id]);
    await t.db
      .updateTable('memberships')
      .set({ status: 'active', paused_until: null, left_at: null })
      .where('circle_id', 'in', circleIds)
      .where('user_id', 'in', [USERS.ana, USERS.ben, USERS.chloe])
      .execute();
    // Ana facilitates, as seeded: a Step down press before took her role.
    await t.db
      .updateTable('memberships')
      .set({ role: 'facilitator' })
      .where('circle_id', 'in', circleIds)
      .where('user_id', '=', USERS.ana)
      .execute();
    for (const team of [T1, T2]) {
      await t.db
        .updateTable('sessions')
        .set({ status: 'scheduled', leader_user_id: USERS.ana, warmup_passed: [] })
        .where('id', '=', (await firstSession(team)).id)
        .execute();
    }
    await watch.start();
  }

  async function leaveAll(userId: string): Promise<void> {
    await t.db.updateTable('memberships').set({ status: 'left', left_at: t.clock.now() }).where('user_id', '=', userId).execute();
    await watch.start();
  }

  /** A commitment of the member's at the circle's first session, written as a check-in would. */
  async function seedCommitment(teamId: string, circleId: number, userId: string): Promise<number> {
    const session = await firstSession(teamId);
    const now = t.clock.now();
    const checkin = await t.db
      .insertInto('checkins')
      .values({
        team_id: teamId,
        circle_id: circleId,
        session_id: session.id,
        user_id: userId,
        attended: 'yes',
        submitted_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const commitment = await t.db
      .insertInto('commitments')
      .values({
        team_id: teamId,
        circle_id: circleId,
        checkin_id: checkin.id,
        session_id: session.id,
        user_id: userId,
        position: 1,
        text: `Practise ${MARK[teamId]}`,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(commitment.id);
  }

  /** An open time poll of the circle whose first time is the circle's own, so a pick leaves its sessions as they are. */
  async function seedPoll(teamId: string, circleId: number): Promise<number> {
    const now = t.clock.now();
    const time = (weekday: string, localTime: string) => ({
      kind: 'weekly',
      weekday,
      localTime,
      timeZone: 'America/New_York',
      durationMinutes: 90,
    });
    const poll = await t.db
      .insertInto('time_polls')
      .values({
        team_id: teamId,
        circle_id: circleId,
        created_by: USERS.ana,
        candidates: JSON.stringify([time('tuesday', '09:00'), time('thursday', '17:00')]),
        closes_at: new Date(now.getTime() + 30 * 86_400_000),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(poll.id);
  }

  /** The version of the program's match preview (1 before there is one): a stale button is refused. */
  const draftVersion = async (ids: string) =>
    (await t.db.selectFrom('match_drafts').select('version').where('team_id', '=', ids).executeTakeFirst())?.version ?? 1;

  /** The version of the program's formation preview: a stale button is refused. */
  const formVersion = async (ids: string) =>
    (await t.db.selectFrom('formation_drafts').select('version').where('team_id', '=', ids).executeTakeFirst())?.version ?? 1;

  /**
   * What a button of workspace `ids` may carry, as `team`'s people would type into it: a circle,
   * a program, a session, a cycle, a commitment, a pair id, or a JSON pick or reference (keys a
   * value does not use are dropped): the circles', sessions', check-ins', pairs', cycles' and
   * time polls' shapes. Read when each button is walked, so the draft's version and the pairs (made by the
   * Confirm pressed before the meeting buttons) are the latest.
   */
  async function buttonValues(team: string, ids: string): Promise<string[]> {
    const circleId = circles[ids]!.id;
    const programId = programs[ids]!.id;
    const cycleId = (await currentCycle(ids, programId)).id;
    const pair = await t.db
      .selectFrom('pairs')
      .select('id')
      .where('team_id', '=', ids)
      .where('cycle_id', '=', cycleId)
      .executeTakeFirst();
    const pairId = pair ? Number(pair.id) : 0;
    return [
      String(circleId),
      String(programId),
      String(cohorts[ids]),
      String((await firstSession(ids)).id),
      String(cycleId),
      String(commitments[ids]),
      String(pairId),
      String(polls[ids]),
      JSON.stringify({ circleId, until: null, add: `More from ${MARK[team]}`, pollId: polls[ids], picks: [0] }),
      // The formation preview's buttons: its program, version, page and circle.
      JSON.stringify({ programId: cohorts[ids], version: await formVersion(ids), page: 0, circle: 0 }),
      JSON.stringify({
        cycleId,
        version: await draftVersion(ids),
        circleId: programId,
        deadline: '2026-12-01T17:00:00.000Z',
        pairId,
        date: '2026-12-01',
      }),
    ];
  }

  const firstSession = (team: string) =>
    t.db
      .selectFrom('sessions')
      .select('id')
      .where('team_id', '=', team)
      .where('circle_id', '=', circles[team]!.id)
      .orderBy('starts_at')
      .executeTakeFirstOrThrow();

  const currentCycle = (team: string, circleId: number) =>
    t.db
      .selectFrom('cycles')
      .select('id')
      .where('team_id', '=', team)
      .where('circle_id', '=', circleId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();

  it('every /circle subcommand, interleaved', async () => {
    const texts = (team: string): Record<string, [string, string]> => ({
      list: [USERS.dev, 'list'],
      join: [USERS.dev, 'join Leaders'],
      leave: [USERS.chloe, 'leave Leaders'],
      pause: [USERS.ben, 'pause Leaders for 2 weeks'],
      resume: [USERS.ben, 'resume Leaders'],
      remove: [USERS.ana, `remove <@${USERS.dev}> Leaders`],
      new: [USERS.owner, 'new'],
      edit: [USERS.ana, 'edit Leaders'],
      schedule: [USERS.ben, 'schedule Leaders'],
      skip: [USERS.ana, 'skip Leaders'],
      agenda: [USERS.ben, `agenda Leaders add A case from ${MARK[team]}`],
      prompts: [USERS.ben, `prompts Leaders add What did ${MARK[team]} teach you?`],
      checkin: [USERS.ben, `checkin Leaders <@${USERS.chloe}>`],
      match: [USERS.ana, 'match Mentors'],
      cycle: [USERS.owner, 'cycle next Leaders'],
      report: [USERS.ana, 'report Leaders'],
      me: [USERS.ben, 'me'],
      'forget-me': [USERS.dev, 'forget-me'],
      program: [USERS.chloe, 'program join Fellows'],
    });
    for (const { name } of SUBCOMMANDS) {
      for (const team of [T1, T2]) {
        const [user, text] = texts(team)[name] ?? [USERS.ben, `${name} Leaders`];
        await expectContained(team, `/circle ${text}`, await drive(t, commandBody(t, as(team, user), text)));
      }
    }
    // What was typed went to its own workspace.
    for (const team of [T1, T2]) {
      const items = await t.db.selectFrom('agenda_items').select(['team_id', 'text']).where('team_id', '=', team).execute();
      expect(items.map((i) => i.text)).toEqual([`A case from ${MARK[team]}`]);
      const prompts = await t.db.selectFrom('prompts').select('text').where('team_id', '=', team).execute();
      expect(prompts.map((p) => p.text)).toEqual([`What did ${MARK[team]} teach you?`]);
    }
  }, 120_000); // two workspaces' presses of every subcommand: past jest's default on a loaded machine

  it('every button, with its own ids and with the other workspace’s; with its own, it works', async () => {
    const worksNowhere: string[] = [];
    for (const actionId of surfaces.actions) {
      await backToStart();
      // Erasure is only for someone who has left every circle: Ben has, so his press erases him in
      // one workspace while the other still holds his survey, pairs and drafts.
      if (actionId === MyDataActions.forgetConfirm) await leaveAll(USERS.ben);
      const presses = new Presses();
      for (const team of [T1, T2]) {
        for (const ids of [team, other(team)]) {
          const values = await buttonValues(team, ids);
          for (const userId of [USERS.ana, USERS.ben]) {
            for (const [i, value] of values.entries()) {
              const what = `${actionId} ${value} by ${userId} in ${team}`;
              const outcome = await drive(t, actionBody(t, as(team, userId), { action_id: actionId, type: 'button', value }));
              const did = await expectContained(team, what, outcome);
              // A press carrying the other workspace's ids changes nothing at all.
              if (ids !== team && !CARRIES_NO_ROW.has(actionId))
                expect({ what, changed: did.changed }).toEqual({ what, changed: [] });
              presses.add(team, ids, `${userId} ${i}`, did);
            }
          }
        }
      }
      if (!CARRIES_NO_ROW.has(actionId)) worksNowhere.push(...presses.worksNowhere(actionId));
    }
    expect(worksNowhere).toEqual([]);
  }, 300_000); // some 3,000 presses, a few milliseconds of PGlite each: past jest's default on a loaded machine

  it('every modal, submitted with its own ids and with the other workspace’s; with its own, it works', async () => {
    const fields = [...declaredIds().fields, ...Object.values(SettingsBlocks)];
    const worksNowhere: string[] = [];
    // One metadata carries one version: the formation preview's is brought to the match preview's.
    for (const team of [T1, T2])
      await t.db
        .updateTable('formation_drafts')
        .set({ version: await draftVersion(team) })
        .where('team_id', '=', team)
        .execute();
    await watch.start();
    for (const callbackId of surfaces.views) {
      const presses = new Presses();
      for (const team of [T1, T2]) {
        for (const ids of [team, other(team)]) {
          // Every modal's metadata in one (a schema keeps the keys it knows): the settings', check-ins',
          // reschedule's, survey's, swap's, evaluation's and time poll's.
          const metadata = JSON.stringify({
            circleId: circles[ids]!.id,
            sessionId: (await firstSession(ids)).id,
            cycleId: (await currentCycle(ids, programs[ids]!.id)).id,
            version: await draftVersion(ids),
            pollId: polls[ids],
            picks: [0],
            programId: cohorts[ids],
            times: timesFingerprint(programInput()),
          });
          const values = Object.fromEntries(
            fields.map((f) => [
              f,
              { [f]: { type: 'plain_text_input', value: `Notes from ${MARK[team]}`, selected_option: { value: 'yes' } } },
            ]),
          );
          for (const userId of [USERS.ana, USERS.ben]) {
            const what = `${callbackId} by ${userId} in ${team}`;
            const body = viewBody(t, as(team, userId), {
              callback_id: callbackId,
              private_metadata: metadata,
              state: { values },
            });
            const did = await expectContained(team, what, await drive(t, body));
            if (ids !== team) expect({ what, changed: did.changed }).toEqual({ what, changed: [] });
            presses.add(team, ids, userId, did);
          }
        }
      }
      worksNowhere.push(...presses.worksNowhere(callbackId));
    }
    expect(worksNowhere).toEqual([]);
  });

  it('the scheduler sends each workspace only its own reminders, agendas and check-ins', async () => {
    await watch.start();
    for (const at of ['2026-11-28T14:01:00Z', '2026-11-30T14:01:00Z', '2026-12-01T13:01:00Z', '2026-12-01T16:00:00Z']) {
      t.clock.set(at);
      await t.tick(at);
    }
    const sent = await t.db
      .selectFrom('deliveries')
      .select(['team_id', 'kind', 'user_id', 'sent_channel', 'sent_ts'])
      .where('status', '=', 'sent')
      .execute();
    for (const team of [T1, T2]) expect(sent.filter((d) => d.team_id === team).length).toBeGreaterThan(0);
    // Invitations and removals are sent too, but are not messages anyone reads. Where the messages
    // of Ben, erased by the Erase button above, went is forgotten on purpose (his DM id).
    for (const d of sent.filter((s) => s.sent_ts && !s.user_id?.startsWith('forgotten-'))) {
      const message = t.emulator.messages(d.sent_channel!).find((m) => m.ts === d.sent_ts);
      if (!message)
        throw new Error(
          `no message ${d.sent_ts} in ${d.sent_channel} for ${d.kind} (${JSON.stringify(t.emulator.messages(d.sent_channel!).map((m) => m.ts))})`,
        );
      const shown = `${message!.text}\n${textOf(message!.blocks)}`;
      expect({ kind: d.kind, team: d.team_id, leaked: shown.includes(MARK[other(d.team_id)]!) }).toEqual({
        kind: d.kind,
        team: d.team_id,
        leaked: false,
      });
    }
    // Each circle's channel holds its own workspace's posts only.
    for (const team of [T1, T2]) {
      const posts = t.emulator.messages(circles[team]!.channel_id!);
      expect(posts.length).toBeGreaterThan(0);
      for (const post of posts) expect(`${post.text}\n${textOf(post.blocks)}`).not.toContain(MARK[other(team)]);
    }
  });

  it('under Enterprise Grid, one person in two workspaces of an organization holds two memberships', async () => {
    const membership = (team: string) =>
      t.db
        .selectFrom('memberships')
        .select(['status', 'paused_until'])
        .where('team_id', '=', team)
        .where('circle_id', '=', circles[team]!.id)
        .where('user_id', '=', USERS.chloe)
        .executeTakeFirstOrThrow();
    await watch.start();
    const before = await membership(T1);
    // Chloe's home workspace is T1; she acts in T2, as Grid shows her in both.
    const inT2: Party = { ...as(T2, USERS.chloe), enterpriseId: 'E0PCORG001', homeTeamId: T1 };
    const outcome = await drive(t, commandBody(t, inT2, 'pause Leaders for 3 weeks'));
    await expectContained(T2, 'pause under Grid', outcome);
    expect((await membership(T2)).status).toBe('paused');
    expect(await membership(T1)).toEqual(before);
    const clicked = await drive(
      t,
      actionBody(t, inT2, { action_id: 'circle_resume', type: 'button', value: String(circles[T2]!.id) }),
    );
    await expectContained(T2, 'resume under Grid', clicked);
    expect((await membership(T2)).status).toBe('active');
    expect(await membership(T1)).toEqual(before);
    const people = await t.db
      .selectFrom('users')
      .select('team_id')
      .where('user_id', '=', USERS.chloe)
      .orderBy('team_id')
      .execute();
    expect(people.map((p) => p.team_id).sort()).toEqual([T1, T2].sort());
  });
});
