import { z } from 'zod';
import { WEEKDAYS, type Weekday, weekdayLabel } from './weekday';
import { isValidLocalTime } from './zonedTime';

export { WEEKDAYS, type Weekday };

/**
 * The second time of a circle that alternates (a rotation, so that an early and a late slot are
 * shared): every other session is held at it instead. A monthly cadence keeps its `nth`.
 */
export interface AlternateSlot {
  weekday: Weekday;
  localTime: string; // HH:MM, 24h, in the cadence's timeZone
}

export type Cadence =
  | {
      kind: 'weekly';
      everyWeeks: 1 | 2;
      weekday: Weekday;
      localTime: string; // HH:MM, 24h, in timeZone
      durationMinutes: number;
      timeZone: string; // IANA
      alternate?: AlternateSlot;
    }
  | {
      kind: 'monthly';
      everyMonths: 1 | 2;
      weekday: Weekday;
      nth: 1 | 2 | 3 | 4 | -1; // -1 = last; no 5th because not every month has one
      localTime: string;
      durationMinutes: number;
      timeZone: string;
      alternate?: AlternateSlot;
    };

export type WeeklyCadence = Extract<Cadence, { kind: 'weekly' }>;
export type MonthlyCadence = Extract<Cadence, { kind: 'monthly' }>;

export const MIN_DURATION_MINUTES = 15;
export const MAX_DURATION_MINUTES = 480;

// Offset strings like '+05:30' are rejected even where Intl accepts them (newer V8):
// a fixed offset would silently stop following the circle's daylight-saving rules.
const ZONE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

// Building a formatter to test a zone costs about 0.1 ms, and every stored cadence is checked when
// it is read (a list of 20 circles, 20 checks). Zone names are a closed set, so the valid ones are kept.
const knownZones = new Set<string>();

export function isValidTimeZone(tz: string): boolean {
  if (knownZones.has(tz)) return true;
  if (!ZONE_NAME_PATTERN.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    return false;
  }
  knownZones.add(tz);
  return true;
}

const weekday = z.enum(WEEKDAYS);
const localTime = z.string().refine(isValidLocalTime, { message: 'Expected a 24h time as HH:MM' });

const common = {
  weekday,
  localTime,
  durationMinutes: z.number().int().min(MIN_DURATION_MINUTES).max(MAX_DURATION_MINUTES),
  timeZone: z.string().refine(isValidTimeZone, { message: 'Expected an IANA time zone such as Europe/London' }),
  // Optional so every cadence stored before rotations existed still parses unchanged.
  alternate: z.strictObject({ weekday, localTime }).optional(),
};

/**
 * The jsonb form of a circle's cadence. Strict objects so a field meant for the other
 * kind (e.g. `nth` on a weekly cadence) is an error instead of being silently dropped.
 */
export const cadenceSchema: z.ZodType<Cadence> = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('weekly'), everyWeeks: z.literal([1, 2]), ...common }),
    z.strictObject({
      kind: z.literal('monthly'),
      everyMonths: z.literal([1, 2]),
      nth: z.literal([1, 2, 3, 4, -1]),
      ...common,
    }),
  ])
  // An "alternate" equal to the main time would describe a rotation that never rotates.
  .refine((c) => !c.alternate || c.alternate.weekday !== c.weekday || c.alternate.localTime !== c.localTime, {
    message: 'The alternate time must differ from the main one',
    path: ['alternate'],
  });

const ORDINALS: Record<MonthlyCadence['nth'], string> = {
  1: '1st',
  2: '2nd',
  3: '3rd',
  4: '4th',
  [-1]: 'last',
};

export function describeCadence(c: Cadence): string {
  const how =
    c.kind === 'weekly' ? (c.everyWeeks === 1 ? 'Weekly' : 'Every 2 weeks') : c.everyMonths === 1 ? 'Monthly' : 'Every 2 months';
  const on = (weekday: Weekday): string => (c.kind === 'weekly' ? '' : `the ${ORDINALS[c.nth]} `) + weekdayLabel(weekday);
  const tail = `(${c.timeZone}), ${c.durationMinutes} min`;
  const alt = c.alternate;
  if (!alt) return `${how} on ${on(c.weekday)} at ${c.localTime} ${tail}`;
  if (alt.weekday === c.weekday) return `${how} on ${on(c.weekday)}, alternating ${c.localTime} and ${alt.localTime} ${tail}`;
  return `${how}, alternating ${on(c.weekday)} at ${c.localTime} and ${on(alt.weekday)} at ${alt.localTime} ${tail}`;
}

/** A cadence as stored (jsonb), checked; null if the stored form is not one we understand. */
export function parseStoredCadence(stored: unknown): Cadence | null {
  const parsed = cadenceSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/** The zone a stored cadence's sessions are planned in (UTC only if the stored form is unreadable). */
export function zoneOfStoredCadence(stored: unknown): string {
  return parseStoredCadence(stored)?.timeZone ?? 'UTC';
}
