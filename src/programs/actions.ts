import type { ModalView } from '@slack/types';
import type { AppDeps } from '../app/deps';
import { assertOrganizer } from '../circles/service';
import { isAppError } from '../core/errors';
import type { SlackApp } from '../slack/app';
import { type ActionArgs, onAction } from '../slack/listen';
import { CREATE_WHAT, EDIT_WHAT } from './commands';
import { ProgramActions } from './ids';
import { openIntake } from './intakeOpen';
import { noticeModal } from './noticeModal';
import { formedSettings, requireProgram } from './service';
import { programSettingsModal } from './settingsModal';

/** Join (from a post, an invitation, a reminder or the home) and the organizer's home buttons. */
export function registerProgramActions(app: SlackApp, deps: AppDeps): void {
  const { db, clock, config, logger } = deps;

  /** The App Home has no channel to answer in: a refusal comes in a small modal instead. */
  async function openOrExplain(a: ActionArgs, title: string, build: () => Promise<ModalView>) {
    let view: ModalView;
    try {
      view = await build();
    } catch (error) {
      if (!isAppError(error)) throw error;
      view = noticeModal(title, error.message);
    }
    await a.openModal(view);
  }

  onAction(app, logger, ProgramActions.join, async (a) => {
    const programId = a.rowId();
    await openOrExplain(a, 'Join', async () => {
      let view: ModalView | undefined;
      await openIntake(deps, a.actor, programId, async (v) => {
        view = v;
      });
      return view!;
    });
  });

  onAction(app, logger, ProgramActions.create, async (a) =>
    openOrExplain(a, 'New program', async () => {
      const person = await a.actor.person();
      assertOrganizer(person, config.organizers, CREATE_WHAT);
      return programSettingsModal({ timeZone: person.timeZone ?? 'UTC', now: clock() });
    }),
  );

  onAction(app, logger, ProgramActions.edit, async (a) => {
    const programId = a.rowId();
    await openOrExplain(a, 'Edit program', async () => {
      // The program first: a button naming another workspace's program finds nothing, whoever presses it.
      const program = await requireProgram(db, a.actor.teamId, programId);
      if (program.status === 'formed') throw formedSettings(program);
      const person = await a.actor.person();
      assertOrganizer(person, config.organizers, EDIT_WHAT);
      return programSettingsModal({ program, timeZone: person.timeZone ?? program.timeZone, now: clock() });
    });
  });
}
