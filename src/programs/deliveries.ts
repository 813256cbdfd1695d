import { z } from 'zod';
import type { AppDeps } from '../app/deps';
import { type DeliveryKind, defineKind, type NewDelivery, type PlanWindow } from '../scheduler/kinds';
import { inviteBlocks, inviteText, postBlocks, postText, reminderBlocks, reminderText } from './blocks';
import { canJoin, type Program } from './model';
import { toProgram } from './service';
import { findIntake, findProgram, intakesOf, recruitingPrograms } from './store';

const postPayload = z.object({ programId: z.number().int().positive() });
const invitePayload = z.object({ programId: z.number().int().positive(), by: z.string().regex(/^[UW][A-Z0-9]+$/) });
const reminderPayload = z.object({ programId: z.number().int().positive() });

const HOUR_MS = 3_600_000;
/** The one reminder goes this long before the deadline... */
const REMIND_BEFORE_MS = 48 * HOUR_MS;
/** ...or, for someone who joined later than that, this long after joining... */
const REMIND_AFTER_JOIN_MS = 12 * HOUR_MS;
/** ...unless that leaves less than this before the deadline: a reminder then would only nag. */
const REMIND_MIN_LEFT_MS = 2 * HOUR_MS;

/** When a person who joined at `joinedAt` is reminded, or null if never. Pure. */
export function reminderDue(joinedAt: Date, deadline: Date): Date | null {
  const due = Math.max(deadline.getTime() - REMIND_BEFORE_MS, joinedAt.getTime() + REMIND_AFTER_JOIN_MS);
  return deadline.getTime() - due >= REMIND_MIN_LEFT_MS ? new Date(due) : null;
}

export interface ProgramKinds {
  /** The program's post with its Join button, in a channel an organizer chose. */
  post: DeliveryKind<z.infer<typeof postPayload>>;
  /** A DM inviting one member of a channel to join. */
  invite: DeliveryKind<z.infer<typeof invitePayload>>;
  /** The one reminder to someone who joined and has not finished the intake: planned. */
  reminder: DeliveryKind<z.infer<typeof reminderPayload>>;
}

export function programKinds(deps: Pick<AppDeps, 'db'>): ProgramKinds {
  const { db } = deps;

  async function recruiting(teamId: string, programId: number, now: Date): Promise<{ skip: string } | { program: Program }> {
    const row = await findProgram(db, teamId, programId);
    if (!row) return { skip: 'program gone' };
    const program = toProgram(row);
    if (!canJoin(program, now)) return { skip: 'program no longer recruiting' };
    return { program };
  }

  async function planReminders(w: PlanWindow): Promise<Array<NewDelivery<z.infer<typeof reminderPayload>>>> {
    const planned: Array<NewDelivery<z.infer<typeof reminderPayload>>> = [];
    for (const row of await recruitingPrograms(db, w.now)) {
      for (const intake of await intakesOf(db, row.team_id, row.id)) {
        if (intake.submitted_at !== null) continue;
        const due = reminderDue(intake.joined_at, row.intake_deadline);
        // Planned once its time has come (the key keeps it to one, whatever passes plan it).
        if (!due || due > w.to) continue;
        planned.push({
          teamId: row.team_id,
          key: `program-reminder:${row.id}:${intake.user_id}`,
          userId: intake.user_id,
          dueAt: due,
          expiresAt: row.intake_deadline,
          payload: { programId: row.id },
        });
      }
    }
    return planned;
  }

  return {
    post: defineKind({
      kind: 'program-post',
      payload: postPayload,
      async render(d, now) {
        const open = await recruiting(d.teamId, d.payload.programId, now);
        if ('skip' in open) return open;
        return { post: { channel: d.channelId!, text: postText(open.program), blocks: postBlocks(open.program) } };
      },
    }),
    invite: defineKind({
      kind: 'program-invite',
      payload: invitePayload,
      async render(d, now) {
        const open = await recruiting(d.teamId, d.payload.programId, now);
        if ('skip' in open) return open;
        if (await findIntake(db, d.teamId, d.payload.programId, d.userId!)) return { skip: 'joined already' };
        return {
          post: { channel: d.userId!, text: inviteText(open.program), blocks: inviteBlocks(open.program, d.payload.by) },
        };
      },
    }),
    reminder: defineKind({
      kind: 'program-intake-reminder',
      payload: reminderPayload,
      plan: planReminders,
      async render(d, now) {
        const open = await recruiting(d.teamId, d.payload.programId, now);
        if ('skip' in open) return open;
        const intake = await findIntake(db, d.teamId, d.payload.programId, d.userId!);
        if (!intake) return { skip: 'no longer in the program' };
        if (intake.submitted_at) return { skip: 'finished the intake' };
        return { post: { channel: d.userId!, text: reminderText(open.program), blocks: reminderBlocks(open.program) } };
      },
    }),
  };
}
