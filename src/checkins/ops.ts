import type { ModalView } from '@slack/types';
import type { AppDeps } from '../app/deps';
import { canManage, type CircleRow } from '../circles/service';
import type { Person } from '../people/service';
import type { Reply } from '../slack/listen';
import { checkinModal, countsText, ownCheckinsBlocks } from './blocks';
import { checkinForm, latestToCheckIn } from './checkin';
import { checkinsOf } from './history';

/** The check-in use cases as people meet them, shared by `/circle checkin` and the "which circle?" buttons. */
export function checkinOps(deps: AppDeps) {
  const { db, clock, config } = deps;
  return {
    /** Opens the check-in modal for the circle's latest session; everything is read before Slack is called. */
    async openLatest(
      actor: { teamId: string; userId: string },
      circle: CircleRow,
      open: (view: ModalView) => Promise<void>,
    ): Promise<void> {
      const session = await latestToCheckIn(db, circle, actor.userId, clock());
      await open(checkinModal(circle, session, await checkinForm(db, session, actor.userId)));
    },

    /** A member's check-ins: their own in full, counts for facilitators, nothing for others. */
    async show(person: Person, circle: CircleRow, memberId: string, reply: Reply): Promise<void> {
      const manager = await canManage(db, circle, person, config.organizers);
      const view = await checkinsOf(db, circle, { userId: person.userId, canManage: manager }, memberId, clock());
      if (view.kind === 'own') await reply(`Your check-ins in ${circle.name}`, ownCheckinsBlocks(circle, view.checkins));
      else await reply(countsText(memberId, circle, view.counts));
    },
  };
}

export type CheckinOps = ReturnType<typeof checkinOps>;
