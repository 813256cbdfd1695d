import { CheckinActions, CheckinFields as F } from '../../src/checkins/ids';
import type { StoredMessage, StoredView } from '../../src/sandbox';
import type { TestApp } from './app';
import { textOf } from './fixtures';

/** Helpers for driving check-ins through the emulator as members and facilitators would. */

/** The person's DMs that carry a button with this action id (check-in asks, follow-ups, nudges). */
export function dmsWithButton(t: TestApp, userId: string, actionId: string): StoredMessage[] {
  return t.emulator.dmsTo(userId).filter((m) => JSON.stringify(m.blocks).includes(`"${actionId}"`));
}

export const checkinAsks = (t: TestApp, userId: string) =>
  t.emulator.dmsTo(userId).filter((m) => m.text.startsWith('How did ') && JSON.stringify(m.blocks).includes(CheckinActions.open));

export function lastOpenView(t: TestApp, userId: string): StoredView {
  const views = t.emulator.openViewsOf(userId);
  const view = views[views.length - 1];
  if (!view) throw new Error(`${userId} has no modal open`);
  return view;
}

/** Presses the Check in button of the person's latest check-in DM and returns the modal it opened. */
export async function openFromLatestAsk(t: TestApp, userId: string): Promise<StoredView> {
  const ask = dmsWithButton(t, userId, CheckinActions.open).at(-1);
  if (!ask) throw new Error(`${userId} has no check-in DM`);
  await t.slack.clickButton(userId, { channelId: ask.channel, ts: ask.ts }, CheckinActions.open);
  return lastOpenView(t, userId);
}

export interface Answers {
  attended?: 'yes' | 'part' | 'no';
  commitments?: Array<string | null>;
  usefulness?: number | null;
  note?: string;
  progress?: Record<number, 'done' | 'partly' | 'not_yet'>;
}

/** The modal's values as a person would fill them in; fields left out keep what the modal showed. */
export function answers(a: Answers): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  if (a.attended) values[F.attended] = a.attended;
  (a.commitments ?? []).forEach((text, i) => {
    values[`${F.commitmentPrefix}${i + 1}`] = text;
  });
  if (a.usefulness !== undefined) values[F.usefulness] = a.usefulness === null ? null : String(a.usefulness);
  if (a.note !== undefined) values[F.note] = a.note;
  for (const [id, outcome] of Object.entries(a.progress ?? {})) values[`${F.progressPrefix}${id}`] = outcome;
  return values;
}

export async function submitCheckin(t: TestApp, userId: string, view: StoredView, a: Answers) {
  return t.slack.submitView(userId, view.id, answers(a));
}

/** What the person's App Home says now. */
export const homeText = (t: TestApp, userId: string): string => textOf(t.emulator.homeOf(userId));
