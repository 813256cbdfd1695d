import type { AppDeps } from '../../app/deps';
import { AppError, ErrorCode } from '../../core/errors';
import type { Person } from '../../people/service';
import { escapeMrkdwn } from '../../slack/blocks';
import type { Reply } from '../../slack/listen';
import { joinRefusal } from '../model';
import type { CircleRow } from '../service';
import { steppedDownText, waitlistedText } from './blocks';
import { joinCircle, leaveCircle, type MembershipEffects, pauseMembership, resumeMembership, stepDown } from './service';

/**
 * The membership use cases as a person experiences them, shared by commands and buttons: change
 * the database (and plan the messages that follow, in the same transaction), send those right
 * away, answer, and redraw the App Homes involved. Called after the ack.
 */
export function membershipOps(deps: AppDeps, fx: MembershipEffects) {
  const { db, clock, outbox, home } = deps;
  const name = (circle: CircleRow) => `*${escapeMrkdwn(circle.name)}*`;

  return {
    async join(
      actor: { teamId: string; userId: string; person(): Promise<Person> },
      circle: CircleRow,
      reply: Reply,
    ): Promise<void> {
      const refusal = joinRefusal(await actor.person());
      if (refusal) throw new AppError(ErrorCode.Forbidden, refusal);
      const outcome = await joinCircle(db, fx, actor.teamId, circle.id, actor.userId, clock());
      switch (outcome.kind) {
        case 'already': {
          const where =
            outcome.membership.status === 'waitlisted'
              ? `on the waitlist of ${name(circle)} (#${outcome.position} in line)`
              : outcome.membership.status === 'paused'
                ? `in ${name(circle)}, paused right now (\`/circle resume\` to come back)`
                : `in ${name(circle)}`;
          await reply(`You're already ${where}. Nothing was changed.`);
          return;
        }
        case 'waitlisted':
          await reply(waitlistedText(circle, outcome.position));
          break;
        case 'joined': {
          const sent = await outbox.flush(actor.teamId, outcome.keys);
          const invite = outcome.keys.find((k) => k.startsWith('invite:'));
          const channel = circle.channel_id
            ? invite && sent.get(invite) === 'sent'
              ? ` I've added you to <#${circle.channel_id}>,`
              : ` I couldn't add you to <#${circle.channel_id}> just now: I'll keep trying, or ask a facilitator to invite you;`
            : '';
          await reply(`You're in ${name(circle)}!${channel} and I've sent you a welcome message with what to expect.`);
          break;
        }
      }
      await home.refresh(actor.teamId, actor.userId);
    },

    async leave(teamId: string, userId: string, circle: CircleRow, reply: Reply): Promise<void> {
      const { wasSeated, keys } = await leaveCircle(db, fx, teamId, circle.id, userId, clock());
      await reply(
        wasSeated
          ? `You've left ${name(circle)}. Thank you for the time you gave it. You can join again any time with \`/circle join ${circle.name}\`.`
          : `You've left the waitlist of ${name(circle)}.`,
      );
      await outbox.flush(teamId, keys);
      await home.refresh(teamId, userId);
    },

    async remove(teamId: string, actor: Person, target: string, circle: CircleRow, reply: Reply): Promise<void> {
      const { keys } = await leaveCircle(db, fx, teamId, circle.id, target, clock(), actor.userId);
      await outbox.flush(teamId, keys);
      await reply(`<@${target}> is no longer in ${name(circle)}, and I've let them know.`);
    },

    async pause(teamId: string, userId: string, circle: CircleRow, until: string | null, reply: Reply): Promise<void> {
      const { kind } = await pauseMembership(db, teamId, circle, userId, until, clock());
      const end = until
        ? ` until ${until}; you'll be back automatically that day`
        : '; `/circle resume` brings you back whenever you are ready';
      await reply(
        `${kind === 'extended' ? 'Your pause is updated' : 'Paused'}: you keep your place in ${name(circle)}${end}. No reminders or warm-up turns meanwhile.`,
      );
      await home.refresh(teamId, userId);
    },

    async stepDown(teamId: string, userId: string, circle: CircleRow, reply: Reply): Promise<void> {
      await stepDown(db, teamId, circle, userId, clock());
      await reply(steppedDownText(circle));
      await home.refresh(teamId, userId);
    },

    async resume(teamId: string, userId: string, circle: CircleRow, reply: Reply): Promise<void> {
      await resumeMembership(db, teamId, circle, userId, clock());
      await reply(`Welcome back to ${name(circle)}! Reminders start again with the next session.`);
      await home.refresh(teamId, userId);
    },
  };
}

export type MembershipOps = ReturnType<typeof membershipOps>;
