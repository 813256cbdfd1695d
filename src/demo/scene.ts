import { SettingsBlocks } from '../circles/settings/model';
import type { StoredMessage, StoredView } from '../sandbox';
import { CAST } from './cast';
import { demoCircleNamed, demoCircleNames } from './store';
import type { TourContext } from './tour';

/** What acts share: creating a circle through its modal, joining, finding a message or a modal. */

export interface NewCircle {
  name: string;
  focus: string;
  kind?: 'group' | 'pairs';
  facilitators: string[];
  /** YYYY-MM-DD */
  startDate: string;
  endDate?: string;
  cycleMonths?: string;
  weekday: string;
  time: string;
  timeZone: string;
  frequency?: 'weekly' | 'every_2_weeks';
}

export type CircleValues = Record<string, string | string[] | null>;

export function circleValues(c: NewCircle): CircleValues {
  return {
    [SettingsBlocks.name]: c.name,
    [SettingsBlocks.focus]: c.focus,
    [SettingsBlocks.kind]: c.kind ?? 'group',
    [SettingsBlocks.channelMode]: 'new_public',
    [SettingsBlocks.facilitators]: c.facilitators,
    [SettingsBlocks.startDate]: c.startDate,
    ...(c.endDate ? { [SettingsBlocks.endDate]: c.endDate } : { [SettingsBlocks.cycleLength]: c.cycleMonths ?? '6' }),
    [SettingsBlocks.frequency]: c.frequency ?? 'weekly',
    [SettingsBlocks.weekday]: c.weekday,
    [SettingsBlocks.time]: c.time,
    [SettingsBlocks.timeZone]: c.timeZone,
    [SettingsBlocks.videoLink]: 'https://meet.example.com/circle',
  };
}

/** The organizer opens `/circle new` in #general and submits `values`; returns the circle. */
export async function createCircle(ctx: TourContext, values: CircleValues, show = false) {
  await ctx.driver.command(CAST.organizer, 'new', { channelId: CAST.general });
  const modal = ctx.emulator.openViewsOf(CAST.organizer).at(-1);
  if (!modal) throw new Error('The circle modal did not open');
  if (show) {
    ctx.focus({ as: CAST.organizer, conversation: CAST.general, fill: { viewId: modal.id, values } });
    await ctx.beat();
  }
  const answer = await ctx.driver.submitView(CAST.organizer, modal.id, values);
  if (answer.body) throw new Error(`The circle modal refused the demo's values: ${JSON.stringify(answer.body)}`);
  return demoCircleNamed(ctx.db, String(values[SettingsBlocks.name]));
}

export async function joinByCommand(ctx: TourContext, name: string, people: readonly string[]): Promise<void> {
  for (const person of people) await ctx.driver.command(person, `join ${name}`, { channelId: CAST.general });
}

/** `wanted`, or `wanted 2`, `wanted 3`… whichever no circle has yet, so an act can be played again. */
export async function freeName(ctx: TourContext, wanted: string, taken?: string[]): Promise<string> {
  const names = new Set((taken ?? (await demoCircleNames(ctx.db))).map((n) => n.toLowerCase()));
  let name = wanted;
  for (let n = 2; names.has(name.toLowerCase()); n++) name = `${wanted} ${n}`;
  return name;
}

export const hasAction = (m: { blocks?: unknown }, actionId: string) => JSON.stringify(m.blocks ?? []).includes(`"${actionId}"`);

/** The person's latest DM from the app carrying this button. */
export function dmWith(ctx: TourContext, userId: string, actionId: string): StoredMessage {
  const found = ctx.emulator
    .dmsTo(userId)
    .filter((m) => hasAction(m, actionId))
    .at(-1);
  if (!found) throw new Error(`No DM with ${actionId} for ${userId}`);
  return found;
}

export async function press(ctx: TourContext, userId: string, message: StoredMessage, actionId: string): Promise<void> {
  await ctx.driver.clickButton(userId, { channelId: message.channel, ts: message.ts }, actionId);
}

/** Presses a button of the person's latest ephemeral message that has it. */
export async function pressEphemeral(ctx: TourContext, userId: string, actionId: string): Promise<void> {
  const ephemeral = ctx.emulator
    .ephemeralsTo(userId)
    .filter((e) => hasAction(e, actionId))
    .at(-1);
  if (!ephemeral) throw new Error(`No message with ${actionId} for ${userId}`);
  await ctx.driver.clickButton(userId, { ephemeral }, actionId);
}

export function openModal(ctx: TourContext, userId: string): StoredView {
  const view = ctx.emulator.openViewsOf(userId).at(-1);
  if (!view) throw new Error(`${userId} has no modal open`);
  return view;
}

/** Shows the values typed into the person's open modal, waits a beat, then submits them. */
export async function fillAndSubmit(
  ctx: TourContext,
  userId: string,
  where: { conversation?: string; home?: boolean },
  values: CircleValues,
  highlight?: string,
) {
  const modal = openModal(ctx, userId);
  ctx.focus({
    as: userId,
    ...where,
    fill: { viewId: modal.id, values },
    ...(highlight ? { highlight: { block: highlight } } : {}),
  });
  await ctx.beat();
  return ctx.driver.submitView(userId, modal.id, values);
}

/** The date `days` days after today in `timeZone`, moved on to the next `weekday` (0 = Sunday), as YYYY-MM-DD. */
export function dateAfter(now: Date, days: number, timeZone: string, weekday?: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const [y, m, d] = today.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  if (weekday !== undefined) while (date.getUTCDay() !== weekday) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

export const weekdayOf = (date: string) => WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()] ?? 'monday';
