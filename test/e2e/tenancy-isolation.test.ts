import type { CircleRow } from '../../src/circles/store';
import { CHANNELS, TEAM, USERS } from '../../src/sandbox';
import { syncSessions } from '../../src/sessions/horizon';
import { SUBCOMMANDS } from '../../src/slack/usage';
import { startTestApp, type TestApp } from '../support/app';
import { seedCircle, textOf } from '../support/fixtures';
import { seedProgram } from '../support/pairs';
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

/**
 * Two workspaces of one hosted instance, as alike as they can be: the same circle name, the same
 * user ids in both (Slack ids are unique per workspace, not across them, and Enterprise Grid shows
 * one person in several), activity interleaved step by step. Every command, button and modal the
 * app registers is driven through both; whatever one workspace does, the other's rows stay as
 * they were and nothing it is shown names the other's data.
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
  const as = (teamId: string, userId: string): Party => ({ teamId, userId, channelId: CHANNELS.general });

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-23T15:00:00Z', organizers: [USERS.owner] });
    surfaces = surfacesOf(t.app);
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
    }
    watch = new TableWatch(t.db);
    await watch.start();
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  /** What a request in `team` may not do: show the other workspace's words or channel, or change its rows. */
  async function expectContained(team: string, what: string, outcome: Outcome): Promise<void> {
    const shown = answerText(outcome);
    const foreign = circles[other(team)]!;
    expect({ what, leaked: shown.includes(MARK[other(team)]!) || shown.includes(foreign.channel_id!) }).toEqual({
      what,
      leaked: false,
    });
    expect({ what, changed: await watch.changedFor([other(team)]) }).toEqual({ what, changed: [] });
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
  });

  it('every button, with its own ids and with the other workspace’s', async () => {
    for (const actionId of surfaces.actions) {
      for (const team of [T1, T2]) {
        for (const ids of [team, other(team)]) {
          const circleId = circles[ids]!.id;
          const sessionId = (await firstSession(ids)).id;
          const cycleId = (await currentCycle(ids, programs[ids]!.id)).id;
          // A button carries a circle id, a session id, a cycle id or a JSON pick or reference (keys
          // a value does not use are dropped): the circles', sessions', pairs' and cycles' shapes.
          const values = [
            String(circleId),
            String(sessionId),
            String(cycleId),
            JSON.stringify({ circleId, until: null, add: `More from ${MARK[team]}` }),
            JSON.stringify({ cycleId, version: 1, circleId: programs[ids]!.id, deadline: '2026-12-01T17:00:00.000Z' }),
          ];
          for (const userId of ids === team ? [USERS.ana, USERS.ben] : [USERS.ana]) {
            for (const value of values) {
              const outcome = await drive(t, actionBody(t, as(team, userId), { action_id: actionId, type: 'button', value }));
              await expectContained(team, `${actionId} ${value} by ${userId} in ${team}`, outcome);
              // A press carrying the other workspace's ids changes nothing at all.
              if (ids !== team) expect(await watch.changedFor([team])).toEqual([]);
            }
          }
        }
      }
    }
  });

  it('every modal, submitted with its own ids and with the other workspace’s', async () => {
    const fields = [...declaredIds().fields, ...Object.values(SettingsBlocks)];
    for (const callbackId of surfaces.views) {
      for (const team of [T1, T2]) {
        for (const ids of [team, other(team)]) {
          const metadata = JSON.stringify({ circleId: circles[ids]!.id, sessionId: (await firstSession(ids)).id });
          const values = Object.fromEntries(
            fields.map((f) => [
              f,
              { [f]: { type: 'plain_text_input', value: `Notes from ${MARK[team]}`, selected_option: { value: 'yes' } } },
            ]),
          );
          for (const userId of [USERS.ana, USERS.ben]) {
            const body = viewBody(t, as(team, userId), {
              callback_id: callbackId,
              private_metadata: metadata,
              state: { values },
            });
            await expectContained(team, `${callbackId} by ${userId} in ${team}`, await drive(t, body));
            if (ids !== team) expect(await watch.changedFor([team])).toEqual([]);
          }
        }
      }
    }
  });

  it('the scheduler sends each workspace only its own reminders, agendas and check-ins', async () => {
    await watch.start();
    for (const at of ['2026-11-28T14:01:00Z', '2026-11-30T14:01:00Z', '2026-12-01T13:01:00Z', '2026-12-01T16:00:00Z']) {
      t.clock.set(at);
      await t.tick(at);
    }
    const sent = await t.db
      .selectFrom('deliveries')
      .select(['team_id', 'kind', 'sent_channel', 'sent_ts'])
      .where('status', '=', 'sent')
      .execute();
    for (const team of [T1, T2]) expect(sent.filter((d) => d.team_id === team).length).toBeGreaterThan(0);
    // Invitations and removals are sent too, but are not messages anyone reads.
    for (const d of sent.filter((s) => s.sent_ts)) {
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
