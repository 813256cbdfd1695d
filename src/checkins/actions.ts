import type { AppDeps } from '../app/deps';
import type { MemberChoices } from '../circles/membership';
import { assertCanManage, isInCircle, requireCircle } from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import type { SlackApp } from '../slack/app';
import { type ActionArgs, onAction } from '../slack/listen';
import { latestHeld, sessionAfterThis } from '../sessions/service';
import { attendanceModal, backText, checkinModal, notesModal } from './blocks';
import { CheckinActions } from './ids';
import { ATTENDANCE_WHAT, NOTES_WHAT, pickSchema } from './model';
import type { CheckinOps } from './ops';
import { attendanceForm, startedSession } from './attendance';
import { checkinForm, checkinTarget } from './checkin';
import { markCommitmentDone } from './commitments';
import { notesOf } from './notes';
import { escapeMrkdwn } from '../core/text';

/** The check-ins' buttons: check in, which circle, mark done, the facilitators' two, and the nudge's three. */
export function registerCheckinActions(app: SlackApp, deps: AppDeps, ops: CheckinOps, choices: MemberChoices): void {
  const { db, clock, config, logger, home } = deps;
  const on = (actionId: string, run: (a: ActionArgs) => Promise<void>) => onAction(app, logger, actionId, run);

  on(CheckinActions.open, async (a) => {
    const { circle, session } = await checkinTarget(db, a.actor.teamId, a.rowId(), a.actor.userId, clock());
    await a.openModal(checkinModal(circle, session, await checkinForm(db, session, a.actor.userId)));
  });

  on(CheckinActions.pick, async (a) => {
    const pick = a.value(pickSchema);
    const circle = await requireCircle(db, a.actor.teamId, pick.circleId);
    if (pick.memberId) await ops.show(await a.actor.person(), circle, pick.memberId, a.reply);
    else await ops.openLatest(a.actor, circle, a.openModal);
  });

  on(CheckinActions.commitmentDone, async (a) => {
    await markCommitmentDone(db, a.actor.teamId, a.actor.userId, a.rowId(), clock());
    // The App Home is where the button is: redrawn, the commitment is gone from the open ones.
    await home.refresh(a.actor.teamId, a.actor.userId);
  });

  on(CheckinActions.takeAttendance, async (a) => {
    const { circle, session } = await startedSession(db, a.actor.teamId, a.rowId(), clock(), 'attendance');
    await assertCanManage(db, circle, await a.actor.person(), config.organizers, ATTENDANCE_WHAT);
    const rows = await attendanceForm(db, session, clock());
    if (rows.length === 0) {
      await a.reply(
        `Nobody held an active place in *${escapeMrkdwn(circle.name)}* when that session began, so there is nobody to mark.`,
      );
      return;
    }
    await a.openModal(attendanceModal(circle, session, rows, a.body.channel?.id));
  });

  on(CheckinActions.shareNotes, async (a) => {
    const { circle, session } = await startedSession(db, a.actor.teamId, a.rowId(), clock(), 'notes');
    await assertCanManage(db, circle, await a.actor.person(), config.organizers, NOTES_WHAT);
    await a.openModal(notesModal(circle, session, await notesOf(db, session)));
  });

  const circleOf = async (a: ActionArgs) => {
    const circle = await requireCircle(db, a.actor.teamId, a.rowId());
    if (!(await isInCircle(db, circle, a.actor.userId)))
      throw new AppError(ErrorCode.NotFound, `You are not in *${escapeMrkdwn(circle.name)}*.`);
    return circle;
  };

  on(CheckinActions.nudgeBack, async (a) => {
    const circle = await circleOf(a);
    const latest = await latestHeld(db, circle, clock());
    const next = latest ? await sessionAfterThis(db, latest) : undefined;
    await a.replace(backText(circle, next));
  });
  // Exactly what `/circle pause` (no end date) and `/circle leave` do.
  on(CheckinActions.nudgePause, async (a) => choices.pause(a.actor.teamId, a.actor.userId, await circleOf(a), null, a.replace));
  on(CheckinActions.nudgeLeave, async (a) => choices.askLeave(await circleOf(a), a.replace));
}
