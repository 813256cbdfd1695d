import { z } from 'zod';
import { WEEKDAYS, type Weekday, weekdayLabel } from './weekday';
import { isValidLocalTime } from './zonedTime';

export { WEEKDAYS, type Weekday };

export type Cadence =
  | {
      kind: 'weekly';
      everyWeeks: 1 | 2;
      weekday: Weekday;
      localTime: string; // HH:MM, 24h, in timeZone
      durationMinutes: number;
      timeZone: string; // IANA
    }
  | {
      kind: 'monthly';
      everyMonths: 1 | 2;
      weekday: Weekday;
      nth: 1 | 2 | 3 | 4 | -1; // -1 = last; no 5th because not every month has one
      localTime: string;
      durationMinutes: number;
      timeZone: string;
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

const common = {
  weekday: z.enum(WEEKDAYS),
  localTime: z.string().refine(isValidLocalTime, { message: 'Expected a 24h time as HH:MM' }),
  durationMinutes: z.number().int().min(MIN_DURATION_MINUTES).max(MAX_DURATION_MINUTES),
  timeZone: z.string().refine(isValidTimeZone, { message: 'Expected an IANA time zone such as Europe/London' }),
};

/**
 * The jsonb form of a circle's cadence. Strict objects so a field meant for the other
 * kind (e.g. `nth` on a weekly cadence) is an error instead of being silently dropped.
 */
export const cadenceSchema: z.ZodType<Cadence> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('weekly'), everyWeeks: z.literal([1, 2]), ...common }),
  z.strictObject({
    kind: z.literal('monthly'),
    everyMonths: z.literal([1, 2]),
    nth: z.literal([1, 2, 3, 4, -1]),
    ...common,
  }),
]);

const ORDINALS: Record<MonthlyCadence['nth'], string> = {
  1: '1st',
  2: '2nd',
  3: '3rd',
  4: '4th',
  [-1]: 'last',
};

export function describeCadence(c: Cadence): string {
  const day = weekdayLabel(c.weekday);
  const when =
    c.kind === 'weekly'
      ? `${c.everyWeeks === 1 ? 'Weekly' : 'Every 2 weeks'} on ${day}`
      : `${c.everyMonths === 1 ? 'Monthly' : 'Every 2 months'} on the ${ORDINALS[c.nth]} ${day}`;
  return `${when} at ${c.localTime} (${c.timeZone}), ${c.durationMinutes} min`;
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
