import { IntakeFields as I } from '../programs/ids';
import { CHANNELS, type SlackEmulator } from '../sandbox';

/**
 * Thirty alumni of a fellowship for act 5: four time zones, twenty organizations (a few share
 * one), four sectors, three career stages. Added to the emulator's workspace when the act first
 * plays; the app learns about them as it would in Slack, when they act.
 */
const NAMES = [
  'Amara Okafor',
  'Lucas Moreau',
  'Mei Lin',
  'Santiago Ruiz',
  'Hannah Becker',
  'Ravi Kumar',
  'Olivia Brooks',
  'Yusuf Demir',
  'Sofia Rossi',
  'Kwame Mensah',
  'Ingrid Larsen',
  'Arjun Nair',
  'Chen Wei',
  'Fatima Zahra',
  'Noah Fischer',
  'Aisha Bello',
  'Mateo Silva',
  'Emma Walsh',
  'Kenji Sato',
  'Leila Haddad',
  'Tom Nguyen',
  'Zara Ahmed',
  'Pablo Ortega',
  'Nadia Petrova',
  'Samuel Osei',
  'Julia Novak',
  'Omar Farouk',
  'Clara Jensen',
  'Diego Alvarez',
  'Anika Sharma',
];
const ZONES = ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'America/Los_Angeles'];
const ORGS = [
  'City of Oakridge',
  'Northwind Bank',
  'Open Water Trust',
  'Eastlake University',
  'Ministry of Health',
  'Brightpath Energy',
  'Food For All',
  'Westbrook College',
  'Port Authority',
  'Helix Pharma',
  'Clean Air Network',
  'Institute of Policy',
  'State Treasury',
  'Lumen Software',
  'Youth Futures',
  'Riverside Medical School',
  'Transit Agency',
  'Summit Logistics',
  'Shelter First',
  'Lakeside Polytechnic',
];
const SECTORS = ['government', 'business', 'nonprofit', 'academia'];
const ROLES = ['Policy', 'Finance', 'Operations', 'Programs', 'Research'];
const TOPICS = ['leading through change', 'managing up', 'building a team', 'strategy', 'hard conversations'];

export interface Fellow {
  id: string;
  name: string;
  timeZone: string;
}

export const FELLOWS: Fellow[] = NAMES.map((name, i) => ({
  id: `U0FELLOW${String(i).padStart(2, '0')}`,
  name,
  timeZone: ZONES[i % ZONES.length] ?? 'UTC',
}));

/** Adds the fellows to the workspace (once), in #random where the program is posted. */
export function addFellows(emulator: SlackEmulator): void {
  for (const f of FELLOWS)
    if (!emulator.workspace.user(f.id))
      emulator.workspace.addUser({ id: f.id, real_name: f.name, tz: f.timeZone, channels: [CHANNELS.random] });
}

/**
 * Fellow `i`'s intake: three candidate times (0: Tue 09:00, 1: Thu 16:00, 2: Wed 12:00 New York);
 * half can make Tuesday, half Thursday, a few both, one only Wednesday.
 */
export function intakeOf(i: number): Record<string, string | string[]> {
  const tue = i < 15 ? (i === 3 ? 'ifneedbe' : 'yes') : i % 5 === 0 ? 'ifneedbe' : 'no';
  const thu = i >= 14 && i !== 27 ? 'yes' : i % 4 === 1 ? 'ifneedbe' : 'no';
  const wed = i === 27 ? 'yes' : 'no';
  return {
    [I.stage]: String(1 + (i % 3)),
    [I.sector]: SECTORS[i % SECTORS.length] ?? 'other',
    [I.organization]: ORGS[i === 13 ? 1 : i % ORGS.length] ?? 'Independent',
    [I.role]: ROLES[i % ROLES.length] ?? 'Other',
    [I.topics]: `${TOPICS[i % TOPICS.length] ?? 'strategy'}, ${TOPICS[(i + 2) % TOPICS.length] ?? 'teams'}`,
    [I.timeZone]: FELLOWS[i]?.timeZone ?? 'UTC',
    [`${I.timePrefix}0`]: tue,
    [`${I.timePrefix}1`]: thu,
    [`${I.timePrefix}2`]: wed,
    ...(i === 0 ? { [I.wishes]: [FELLOWS[1]?.id ?? ''] } : {}),
    ...(i === 1 ? { [I.wishes]: [FELLOWS[0]?.id ?? ''] } : {}),
    ...([0, 7, 14, 21].includes(i) ? { [I.volunteer]: ['yes'] } : {}),
  };
}
