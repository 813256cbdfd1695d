import { z } from 'zod';
import type { AppDeps } from '../app/deps';
import { assertOrganizer } from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import { knownPerson } from '../people/service';
import type { SlackApp } from '../slack/app';
import { onSubmit, type Submission } from '../slack/listen';
import { FORM_OUT_OF_DATE } from '../slack/values';
import { createdText, savedText } from './blocks';
import { CREATE_WHAT, EDIT_WHAT } from './commands';
import { IntakeFields, ProgramFields, ProgramViews } from './ids';
import { parseIntake, timesFingerprint } from './intakeForm';
import { createProgram, intakeTarget, requireProgram, saveIntake, updateProgram } from './service';
import { parseProgramForm } from './settingsForm';

const settingsMetadata = z.object({ programId: z.number().int().positive().optional() });
const intakeMetadata = z.object({ programId: z.number().int().positive(), times: z.string().max(20) });

/** The settings and the intake: each decides from the database alone, so problems show on the form within Slack's 3 seconds. */
export function registerProgramSubmits(app: SlackApp, deps: AppDeps): void {
  const { db, clock, config, logger, home } = deps;

  onSubmit(app, logger, ProgramViews.settings, ProgramFields.name, async ({ view, actor, metadata }): Promise<Submission> => {
    const { programId } = metadata(settingsMetadata);
    // The program first: metadata naming another workspace's program finds nothing, whoever submits it.
    const existing = programId === undefined ? undefined : await requireProgram(db, actor.teamId, programId);
    // Roles as last seen: Slack must not be asked before the ack.
    const person = await knownPerson(db, actor.teamId, actor.userId);
    if (!person) throw new AppError(ErrorCode.Invalid, 'Please close this form and open it again.');
    assertOrganizer(person, config.organizers, existing ? EDIT_WHAT : CREATE_WHAT);
    const now = clock();
    const parsed = parseProgramForm(view.state.values, { now, ...(existing ? { previousDeadline: existing.deadline } : {}) });
    if (!parsed.ok) return { errors: parsed.errors };
    const program = existing
      ? await updateProgram(db, actor.teamId, existing.id, parsed.value, now)
      : await createProgram(db, actor.teamId, parsed.value, actor.userId, now);
    return {
      after: async (client) => {
        await client.chat.postMessage({ channel: actor.userId, text: createdText(program, '/circle', !existing) });
        await home.refresh(actor.teamId, actor.userId);
      },
    };
  });

  onSubmit(app, logger, ProgramViews.intake, IntakeFields.stage, async ({ view, actor, metadata }): Promise<Submission> => {
    const ref = metadata(intakeMetadata);
    const target = await intakeTarget(db, actor.teamId, ref.programId, actor.userId);
    if (ref.times !== timesFingerprint(target.program))
      throw new AppError(ErrorCode.Conflict, `The organizer changed the meeting times. ${FORM_OUT_OF_DATE}`);
    const parsed = parseIntake(view.state.values, {
      program: target.program,
      selfId: actor.userId,
      others: new Set(target.others),
    });
    if (!parsed.ok) return { errors: parsed.errors };
    const saved = await saveIntake(db, actor.teamId, ref.programId, actor.userId, parsed.value, clock());
    return {
      after: async (client) => {
        await client.chat.postMessage({ channel: actor.userId, text: savedText(saved.program, saved.first) });
        await home.refresh(actor.teamId, actor.userId);
      },
    };
  });
}
