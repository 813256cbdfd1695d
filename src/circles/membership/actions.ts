import { z } from 'zod';
import type { AppDeps } from '../../app/deps';
import type { SlackApp } from '../../slack/app';
import { escapeMrkdwn } from '../../slack/blocks';
import { type ActionArgs, onAction } from '../../slack/listen';
import { CircleActions } from '../ids';
import { requireCircle } from '../service';
import { leaveConfirmBlocks } from './blocks';
import type { MembershipOps } from './ops';

/** The membership buttons: on the list, the announcement, the App Home and the questions. */
export function registerMembershipActions(app: SlackApp, deps: AppDeps, ops: MembershipOps): void {
  const { db, logger } = deps;
  const on = (actionId: string, run: (args: ActionArgs) => Promise<void>) => onAction(app, logger, actionId, run);
  const circleOf = (a: ActionArgs) => requireCircle(db, a.actor.teamId, a.rowId());

  on(CircleActions.join, async (a) => ops.join(a.actor, await circleOf(a), a.reply));
  const askLeave = async (a: ActionArgs) => {
    const circle = await circleOf(a);
    await a.reply(`Leave ${circle.name}?`, leaveConfirmBlocks(circle));
  };
  on(CircleActions.leave, askLeave);
  on(CircleActions.leavePick, askLeave);
  on(CircleActions.leaveConfirm, async (a) => ops.leave(a.actor.teamId, a.actor.userId, await circleOf(a), a.replace));
  on(CircleActions.leaveCancel, async (a) => a.replace(`Good, you're staying in *${escapeMrkdwn((await circleOf(a)).name)}*.`));
  on(CircleActions.pause, async (a) => ops.pause(a.actor.teamId, a.actor.userId, await circleOf(a), null, a.reply));
  on(CircleActions.pausePick, async (a) => {
    const picked = a.value(pausePick);
    const circle = await requireCircle(db, a.actor.teamId, picked.circleId);
    await ops.pause(a.actor.teamId, a.actor.userId, circle, picked.until, a.reply);
  });
  const resume = async (a: ActionArgs) => ops.resume(a.actor.teamId, a.actor.userId, await circleOf(a), a.reply);
  on(CircleActions.resume, resume);
  on(CircleActions.stepDown, async (a) => ops.stepDown(a.actor.teamId, a.actor.userId, await circleOf(a), a.reply));
  on(CircleActions.resumePick, resume);
}

/** A circle picked for `/circle pause`, with the day the pause ends if one was given. */
const pausePick = z.object({
  circleId: z.number().int().positive(),
  until: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
});
