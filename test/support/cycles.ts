import { CycleActions, EvaluationFields as F } from '../../src/cycles/ids';
import type { StoredView } from '../../src/sandbox';
import type { TestApp } from './app';
import { dmsWithButton, lastOpenView } from './checkins';

/** Helpers for driving the end of a cycle through the emulator as members would. */

export const invitations = (t: TestApp, userId: string) =>
  dmsWithButton(t, userId, CycleActions.evaluate).filter((m) => m.text.includes('is over'));
export const reminders = (t: TestApp, userId: string) =>
  dmsWithButton(t, userId, CycleActions.evaluate).filter((m) => m.text.startsWith('A reminder'));

/** Presses the Evaluate button of the person's latest evaluation DM; returns the modal, if one opened. */
export async function openEvaluation(t: TestApp, userId: string): Promise<StoredView | undefined> {
  const dm = dmsWithButton(t, userId, CycleActions.evaluate).at(-1);
  if (!dm) throw new Error(`${userId} has no evaluation DM`);
  const before = t.emulator.openViewsOf(userId).length;
  await t.slack.clickButton(userId, { channelId: dm.channel, ts: dm.ts }, CycleActions.evaluate);
  return t.emulator.openViewsOf(userId).length > before ? lastOpenView(t, userId) : undefined;
}

export interface Evaluation {
  value?: number;
  keptOwn?: number;
  keptOthers?: number;
  mostUseful?: string;
  toImprove?: string;
  recommend?: 'yes' | 'no';
  choice?: 'continue' | 'rematch' | 'end';
}

export function evaluationValues(e: Evaluation): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  if (e.value !== undefined) v[F.value] = String(e.value);
  if (e.keptOwn !== undefined) v[F.keptOwn] = String(e.keptOwn);
  if (e.keptOthers !== undefined) v[F.keptOthers] = String(e.keptOthers);
  if (e.mostUseful !== undefined) v[F.mostUseful] = e.mostUseful;
  if (e.toImprove !== undefined) v[F.toImprove] = e.toImprove;
  if (e.recommend !== undefined) v[F.recommend] = e.recommend;
  if (e.choice !== undefined) v[F.choice] = e.choice;
  return v;
}

/** Opens the evaluation from the latest DM and submits these answers. */
export async function evaluate(t: TestApp, userId: string, e: Evaluation) {
  const view = await openEvaluation(t, userId);
  if (!view) throw new Error(`no evaluation modal opened for ${userId}`);
  return t.slack.submitView(userId, view.id, evaluationValues(e));
}

export const FULL: Evaluation = { value: 4, keptOwn: 3, keptOthers: 4, recommend: 'yes', choice: 'continue' };
