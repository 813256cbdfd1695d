import type { WebClient } from '@slack/web-api';
import { getPerson, isOrganizer } from '../people/service';
import type { SlackAppDeps } from '../slack/app';
import { type HomeCircle, homeView } from './homeBlocks';
import { circleCounts, listCircles, membershipsOfUser, waitlist } from './store';

/** What other features add to a person's home (next meeting, warm-up turn, calendar link). */
export interface HomeExtras {
  nextMeetings(teamId: string, circleIds: number[], now: Date): Promise<Map<number, Date>>;
  warmupTurns(teamId: string, userId: string, now: Date): Promise<Map<number, Date>>;
  calendarUrl(teamId: string, userId: string): Promise<string | null>;
}

/** Until the sessions feature is plugged in (composition does it), a home shows rhythms only. */
export const noHomeExtras: HomeExtras = {
  nextMeetings: async () => new Map(),
  warmupTurns: async () => new Map(),
  calendarUrl: async () => null,
};

export async function publishHome(
  deps: SlackAppDeps,
  extras: HomeExtras,
  client: WebClient,
  teamId: string,
  userId: string,
): Promise<void> {
  const { db, clock, config } = deps;
  const now = clock();
  const person = await getPerson(db, client, teamId, userId, now);
  const organizer = isOrganizer(person, config.organizers);
  const memberships = await membershipsOfUser(db, teamId, userId);
  const ids = memberships.map((m) => m.circle_id);
  const [next, warmups, calendarUrl, open] = await Promise.all([
    extras.nextMeetings(teamId, ids, now),
    extras.warmupTurns(teamId, userId, now),
    extras.calendarUrl(teamId, userId),
    listCircles(db, teamId, ['open']),
  ]);
  const mine: HomeCircle[] = [];
  for (const m of memberships) {
    const position =
      m.status === 'waitlisted' ? (await waitlist(db, teamId, m.circle_id)).findIndex((w) => w.id === m.id) + 1 : null;
    mine.push({
      membership: m,
      waitlistPosition: position,
      nextMeeting: m.status === 'active' || m.status === 'paused' ? (next.get(m.circle_id) ?? null) : null,
      myWarmup: warmups.get(m.circle_id) ?? null,
      canManage: organizer || m.role === 'facilitator',
    });
  }
  const joinable = open.filter((c) => !ids.includes(c.id));
  let overview = null;
  if (organizer) {
    const counts = await circleCounts(db, teamId);
    const all = await listCircles(db, teamId, ['open', 'closed', 'ended']);
    overview = all.map((circle) => ({ circle, ...(counts.get(circle.id) ?? { active: 0, paused: 0, waitlisted: 0 }) }));
  }
  await client.views.publish({
    user_id: userId,
    view: homeView({ mine, joinable, organizer: overview ? { overview } : null, calendarUrl }),
  });
}
