import type { CircleRow } from '../../src/circles/store';
import { PairActions, PairFields as F } from '../../src/pairs/ids';
import type { StoredEphemeral, StoredMessage, StoredView } from '../../src/sandbox';
import { TEAM } from '../../src/sandbox';
import type { TestApp } from './app';
import { type CircleFixture, seedCircle, textOf } from './fixtures';

/** Helpers for driving peer-coaching pairs through the emulator as members and organizers would. */

export const TOPICS = ['fundraising', 'board relations', 'delegation', 'hiring', 'strategy'];

export async function seedProgram(t: TestApp, f: Omit<CircleFixture, 'kind'>): Promise<CircleRow> {
  const circle = await seedCircle(t.db, t.emulator, { ...f, kind: 'pairs' });
  await t.db.updateTable('circles').set({ topics: TOPICS }).where('id', '=', circle.id).execute();
  return { ...circle, topics: TOPICS };
}

export async function tickAt(t: TestApp, at: string): Promise<void> {
  t.clock.set(at);
  const result = await t.tick(at);
  expect(result.failed).toEqual([]);
}

export const dmsWith = (t: TestApp, userId: string, actionId: string): StoredMessage[] =>
  t.emulator.dmsTo(userId).filter((m) => JSON.stringify(m.blocks).includes(`"${actionId}"`));

export function lastOpenView(t: TestApp, userId: string): StoredView {
  const view = t.emulator.openViewsOf(userId).at(-1);
  if (!view) throw new Error(`${userId} has no modal open`);
  return view;
}

/** Presses Answer the survey in the person's latest survey DM and returns the modal. */
export async function openSurvey(t: TestApp, userId: string): Promise<StoredView> {
  const dm = dmsWith(t, userId, PairActions.survey).at(-1);
  if (!dm) throw new Error(`${userId} has no survey DM`);
  await t.slack.clickButton(userId, { channelId: dm.channel, ts: dm.ts }, PairActions.survey);
  return lastOpenView(t, userId);
}

export interface SurveyAnswers {
  goals?: string;
  topics?: string[];
  stage?: number;
  times?: string[];
  timeZone?: string;
  wishes?: string[];
  avoid?: string[];
}

export function surveyValues(a: SurveyAnswers): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  if (a.goals !== undefined) values[F.goals] = a.goals;
  if (a.topics) values[`${F.topicsPrefix}0`] = a.topics;
  if (a.stage !== undefined) values[F.stage] = String(a.stage);
  if (a.times) values[F.times] = a.times;
  if (a.timeZone !== undefined) values[F.timeZone] = a.timeZone;
  if (a.wishes) values[F.wishes] = a.wishes;
  if (a.avoid) values[F.avoid] = a.avoid;
  return values;
}

export async function answerSurvey(t: TestApp, userId: string, a: SurveyAnswers) {
  const view = await openSurvey(t, userId);
  return t.slack.submitView(userId, view.id, surveyValues({ goals: 'Grow as a leader', stage: 2, ...a }));
}

/** Survey answers written straight to the database, for tests about what comes after. */
export async function seedSurveys(
  t: TestApp,
  circle: Pick<CircleRow, 'id'> & Partial<Pick<CircleRow, 'team_id'>>,
  answers: Record<string, SurveyAnswers>,
) {
  const teamId = circle.team_id ?? TEAM.id;
  const cycle = await t.db
    .selectFrom('cycles')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('circle_id', '=', circle.id)
    .executeTakeFirstOrThrow();
  const now = t.clock.now();
  for (const [userId, a] of Object.entries(answers)) {
    await t.db
      .insertInto('pair_surveys')
      .values({
        team_id: teamId,
        circle_id: circle.id,
        cycle_id: cycle.id,
        user_id: userId,
        goals: a.goals ?? 'Grow as a leader',
        topics: a.topics ?? [],
        stage: a.stage ?? 2,
        times: a.times ?? [],
        time_zone: a.timeZone ?? 'America/New_York',
        wishes: a.wishes ?? [],
        avoid: a.avoid ?? [],
        submitted_at: now,
        updated_at: now,
      })
      .execute();
  }
}

/** The person's latest ephemeral that carries this button. */
export function ephemeralWith(t: TestApp, userId: string, actionId: string): StoredEphemeral {
  const found = t.emulator
    .ephemeralsTo(userId)
    .filter((e) => JSON.stringify(e.blocks).includes(`"${actionId}"`))
    .at(-1);
  if (!found) throw new Error(`${userId} has no ephemeral with ${actionId}`);
  return found;
}

export async function clickEphemeral(t: TestApp, userId: string, actionId: string) {
  return t.slack.clickButton(userId, { ephemeral: ephemeralWith(t, userId, actionId) }, actionId);
}

export const lastEphemeralText = (t: TestApp, userId: string): string => {
  const e = t.emulator.ephemeralsTo(userId).at(-1);
  return e ? `${e.text}\n${textOf(e.blocks)}` : '';
};

/** Every group DM (mpim) the app opened, with its members (the bot aside). */
export function groupDms(t: TestApp): Array<{ id: string; members: string[] }> {
  const ids = new Set(
    t.emulator
      .callsTo('conversations.open')
      .map((c) => (c.response as { channel?: { id?: string } } | undefined)?.channel?.id)
      .filter((id): id is string => Boolean(id)),
  );
  return [...ids].map((id) => {
    const channel = t.emulator.workspace.channel(id)!;
    return { id, members: [...channel.members].filter((m) => m !== t.emulator.botUserId).sort() };
  });
}
