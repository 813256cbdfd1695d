import { z } from 'zod';
import { candidateCadence } from '../../availability';
import { addDays, addMonthsToDate, todayIn } from '../../time/zonedTime';
import { occurrences } from '../../time/occurrences';
import type { Cadence } from '../../time/cadence';
import type { CircleFacts, Edit, Unplaced } from '../formation/types';
import type { FieldWords, FormProgram, ProgramTime } from './ports';

/** Pure parts of forming: what buttons and modals carry, pages, and the circles' dates. */

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const version = z.number().int().positive().max(1_000_000_000);

/** The draft a button or modal was drawn from: refused as out of date once another change applied. */
export const draftRef = z.object({ programId: id, version });
export type DraftRef = z.infer<typeof draftRef>;

export const pageRef = z.object({ programId: id, version, page: z.number().int().min(0).max(1000) });
export type PageRef = z.infer<typeof pageRef>;

export const circleRef = z.object({ programId: id, version, circle: z.number().int().min(0).max(10_000) });
export type CircleRef = z.infer<typeof circleRef>;

const userId = z.string().regex(/^[UW][A-Z0-9]{1,20}$/);
export const editSchema: z.ZodType<Edit> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('move'), person: userId, toCircle: z.number().int().min(0).max(10_000) }),
  z.strictObject({ kind: z.literal('swap'), a: userId, b: userId }),
]);
export const editRef = z.object({ programId: id, version, edit: editSchema });
export type EditRef = z.infer<typeof editRef>;

/** Circles on one page of the preview: with its header, the unplaced and the buttons, well under Slack's 50 blocks. */
export const CIRCLES_PER_PAGE = 10;

export function pageCount(circles: number): number {
  return Math.max(1, Math.ceil(circles / CIRCLES_PER_PAGE));
}

/** The page asked for, kept within the pages there are (an arrangement may have shrunk since). */
export function clampPage(page: number, circles: number): number {
  return Math.min(Math.max(0, page), pageCount(circles) - 1);
}

/** The circles' first cycle: from the program's start date, or the day after confirming in the anchor zone. */
export function cycleDates(program: FormProgram, now: Date): { startDate: string; endDate: string } {
  const zone = program.times[0]?.candidate.timeZone ?? 'UTC';
  const today = todayIn(now, zone);
  const startDate = program.cycle.startDate && program.cycle.startDate > today ? program.cycle.startDate : addDays(today, 1);
  return { startDate, endDate: addDays(addMonthsToDate(startDate, program.cycle.lengthMonths), -1) };
}

export function cadenceFor(program: FormProgram, time: ProgramTime): Cadence {
  return candidateCadence(time.candidate, program.every);
}

/** The first meeting at a time in the circles' first cycle: what the preview's date token shows. */
export function firstMeeting(program: FormProgram, time: ProgramTime, now: Date): Date | null {
  const cycle = cycleDates(program, now);
  const from = now;
  const to = new Date(now.getTime() + 120 * 86_400_000);
  return occurrences(cadenceFor(program, time), cycle, { from, to })[0]?.startsAt ?? null;
}

/** Names for the new circles: the program's name and a number, within a circle name's length. */
export function circleName(programName: string, index: number, nameMax: number): string {
  const suffix = ` ${index + 1}`;
  return `${programName.slice(0, nameMax - suffix.length).trim()}${suffix}`;
}

export interface WishMet {
  a: string;
  b: string;
  /** Both asked for the other; otherwise `a` asked for `b`. */
  both: boolean;
}

/** One circle of the preview, as facts: the blocks put them in words. */
export interface PreviewCircle {
  index: number;
  members: string[];
  /** A volunteer from the intake, if one is in the circle. */
  facilitator: string | null;
  time: ProgramTime;
  first: Date | null;
  score: number;
  facts: CircleFacts;
  wishes: WishMet[];
  locked: boolean;
}

/** The arrangement the organizer is looking at. */
export interface Preview {
  program: { id: number; name: string };
  version: number;
  circles: PreviewCircle[];
  unplaced: Unplaced[];
  unfinished: string[];
  score: number;
  /** People with a finished intake. */
  people: number;
  /** Pairs of them where one asked to be with the other (or both did): what the circles' wishes are out of. */
  wishPairs: number;
  fields: FieldWords[];
}

/** The wishes a circle meets, with who asked: both, or the first of the two. */
export function wishesMet(pairs: Array<[string, string]>, wishesOf: (id: string) => string[]): WishMet[] {
  return pairs.map(([x, y]) => {
    const xy = wishesOf(x).includes(y);
    const yx = wishesOf(y).includes(x);
    return xy || !yx ? { a: x, b: y, both: xy && yx } : { a: y, b: x, both: false };
  });
}

/** Pairs among these people where one asked to be with the other, each pair once. */
export function wishPairs(people: Array<{ id: string; wishes: string[] }>): number {
  const ids = new Set(people.map((p) => p.id));
  const pairs = new Set<string>();
  for (const p of people)
    for (const other of p.wishes)
      if (other !== p.id && ids.has(other)) pairs.add(p.id < other ? `${p.id} ${other}` : `${other} ${p.id}`);
  return pairs.size;
}

/** The facilitator a circle starts with: the first volunteer among its members. */
export function facilitatorOf(members: string[], volunteers: Set<string>): string | null {
  return members.find((id) => volunteers.has(id)) ?? null;
}
