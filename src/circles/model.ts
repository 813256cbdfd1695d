import type { MembershipRole, MembershipStatus } from '../db/types';
import { AppError, ErrorCode } from '../core/errors';
import { zoneOfStoredCadence } from '../time/cadence';

export const NAME_MIN = 3;
export const NAME_MAX = 60;
export const DEFAULT_SIZE_CAP = 8;
export const SIZE_CAP_MIN = 2;
export const SIZE_CAP_MAX = 20;
export const CYCLE_LENGTHS_MONTHS = [4, 6, 8, 12, 24] as const;

export type NameCheck = { ok: true; name: string } | { ok: false; error: string };

/** A circle's name as people will type it back: trimmed, single-spaced, 3-60 characters. */
export function checkCircleName(raw: string): NameCheck {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name.length < NAME_MIN) return { ok: false, error: `A circle name needs at least ${NAME_MIN} characters.` };
  if (name.length > NAME_MAX)
    return { ok: false, error: `A circle name can have at most ${NAME_MAX} characters (this one has ${name.length}).` };
  if (/[<>*_~`|]/.test(name))
    return { ok: false, error: 'A circle name cannot contain < > * _ ~ ` or | (Slack formatting characters).' };
  return { ok: true, name };
}

export const nameKey = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** A Slack channel name for a circle: lowercase letters, digits and hyphens, at most 80 characters. */
export function channelNameFor(circleName: string, attempt = 1): string {
  const base = `circle-${circleName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')}`.slice(0, 76);
  return attempt === 1 ? base.replace(/-$/, '') : `${base.replace(/-$/, '')}-${attempt}`;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** Up to three known names close to what was typed, closest first, for "did you mean". */
export function closestNames(typed: string, names: string[], limit = 3): string[] {
  const t = nameKey(typed);
  return names
    .map((name) => {
      const k = nameKey(name);
      const contains = k.includes(t) || t.includes(k);
      const distance = editDistance(t, k);
      return { name, score: contains ? 0 : distance, distance };
    })
    .filter((c) => c.score === 0 || c.distance <= Math.max(2, Math.floor(c.name.length / 3)))
    .sort((a, b) => a.score - b.score || a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((c) => c.name);
}

/** Places count active and paused members: a paused member keeps their place. */
export const holdsPlace = (status: MembershipStatus): boolean => status === 'active' || status === 'paused';

export interface MembershipView {
  status: MembershipStatus;
  role: MembershipRole;
  pausedUntil: string | null;
  waitlistPosition: number | null;
}

export function describeMembership(m: MembershipView): string {
  switch (m.status) {
    case 'active':
      return m.role === 'facilitator' ? 'Active (facilitator)' : 'Active';
    case 'paused':
      return m.pausedUntil ? `Paused until ${m.pausedUntil}` : 'Paused';
    case 'waitlisted':
      return `Waitlisted (#${m.waitlistPosition ?? '?'} in line)`;
    case 'left':
      return 'Left';
  }
}

const ordinal = (n: number): string => {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
};

export { ordinal };

/** Circles are for people: deactivated accounts and bots are turned away, whoever adds them. */
export function joinRefusal(person: { isDeleted: boolean; isBot: boolean }): string | null {
  if (person.isDeleted) return 'Deactivated accounts cannot join circles.';
  if (person.isBot) return 'Bots cannot join circles: circles are for people.';
  return null;
}

export type NameArg = { ok: true; name: string | null } | { ok: false; error: string };

/** A circle name given as a command argument: optional, and never longer than a name can be. */
export function nameArg(text: string): NameArg {
  const name = text
    .trim()
    .replace(/^["'“”]+|["'“”]+$/g, '')
    .replace(/\s+/g, ' ');
  if (name === '') return { ok: true, name: null };
  if (name.length > NAME_MAX) {
    return {
      ok: false,
      error: `That is longer than any circle name (at most ${NAME_MAX} characters). Try \`/circle list\` to see the names.`,
    };
  }
  return { ok: true, name };
}

/** The zone a circle meets in: its sessions, dated pauses and cycle dates are read there. */
export function circleZone(circle: { cadence: unknown }): string {
  return zoneOfStoredCadence(circle.cadence);
}

/** A circle name from a command, or a refusal the person can act on. */
export function nameFrom(text: string): string | null {
  const parsed = nameArg(text);
  if (!parsed.ok) throw new AppError(ErrorCode.Invalid, `${parsed.error} Nothing was changed.`);
  return parsed.name;
}
