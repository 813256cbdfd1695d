import type { Db } from '../../db/database';
import type { HomeSection } from '../../home/sections';
import type { CirclePorts } from '../ports';
import { circleCounts, listCircles, membershipsOfUser, waitlist } from '../store';
import {
  type HomeCircle,
  JOINABLE_MAX_BLOCKS,
  joinableBlocks,
  MINE_MAX_BLOCKS,
  mineBlocks,
  ORGANIZER_MAX_BLOCKS,
  organizerBlocks,
} from './blocks';

/** The circles' parts of the App Home: mine first, then what I can join, then the organizer's view. */
export function circleHomeSections(db: Db, ports: Pick<CirclePorts, 'nextMeetings' | 'warmupTurns'>): HomeSection[] {
  return [
    {
      name: 'your circles',
      order: 10,
      maxBlocks: MINE_MAX_BLOCKS,
      async blocks({ teamId, userId, organizer }, now) {
        const memberships = await membershipsOfUser(db, teamId, userId);
        const ids = memberships.map((m) => m.circle_id);
        const [next, warmups] = await Promise.all([ports.nextMeetings(teamId, ids, now), ports.warmupTurns(teamId, userId, now)]);
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
        return mineBlocks(mine);
      },
    },
    {
      name: 'circles to join',
      order: 40,
      maxBlocks: JOINABLE_MAX_BLOCKS,
      async blocks({ teamId, userId }) {
        const [mine, open] = await Promise.all([membershipsOfUser(db, teamId, userId), listCircles(db, teamId, ['open'])]);
        const ids = new Set(mine.map((m) => m.circle_id));
        return joinableBlocks(open.filter((c) => !ids.has(c.id)));
      },
    },
    {
      name: 'organizer overview',
      order: 90,
      maxBlocks: ORGANIZER_MAX_BLOCKS,
      async blocks({ teamId, organizer }) {
        if (!organizer) return [];
        const [counts, all] = await Promise.all([circleCounts(db, teamId), listCircles(db, teamId, ['open', 'closed', 'ended'])]);
        return organizerBlocks(
          all.map((circle) => ({ circle, ...(counts.get(circle.id) ?? { active: 0, paused: 0, waitlisted: 0 }) })),
        );
      },
    },
  ];
}
