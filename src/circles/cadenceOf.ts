import { type Cadence, cadenceSchema } from '../sessions/cadence';

/** The cadence stored on a circle, checked; null if the stored form is not one we understand. */
export function parseStoredCadence(stored: unknown): Cadence | null {
  const parsed = cadenceSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
