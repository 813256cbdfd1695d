import type { ModalView } from '@slack/types';
import type { AppDeps } from '../../app/deps';
import { AppError, ErrorCode, isAppError } from '../../core/errors';
import type { SlackApp } from '../../slack/app';
import type { SubcommandHandlers } from '../../slack/commands';
import type { Actor } from '../../slack/context';
import { type ActionArgs, onAction } from '../../slack/listen';
import { FORM_OUT_OF_DATE } from '../../slack/values';
import { CircleActions } from '../ids';
import { assertCanManage, assertOrganizer, type CircleRow, requireCircle } from '../service';
import { noticeModal, parseSettingsMetadata, settingsModal } from './blocks';
import { initialFromState, newCircleInitial, SettingsBlocks, storedInitial } from './model';
import { loadStoredSettings, resolveCircleForEdit } from './service';
import { CREATE_WHAT, EDIT_WHAT } from './submit';

/** `/circle new`, `/circle edit`, and the App Home's Create and Edit buttons: they open the settings modal. */
export function registerSettingsOpeners(app: SlackApp, deps: AppDeps): SubcommandHandlers {
  const { db, config, logger } = deps;

  async function createView(actor: Actor, from?: string): Promise<ModalView> {
    const person = await actor.person();
    assertOrganizer(person, config.organizers, CREATE_WHAT);
    return settingsModal('create', newCircleInitial(person.userId, person.timeZone), from ? { from } : {});
  }

  async function editView(actor: Actor, circle: CircleRow): Promise<ModalView> {
    const person = await actor.person();
    await assertCanManage(db, circle, person, config.organizers, EDIT_WHAT);
    const stored = await loadStoredSettings(db, circle);
    return settingsModal('edit', storedInitial(stored, person.timeZone), { circleId: circle.id });
  }

  /** App Home has no channel to reply in, so a refusal is shown in a small modal instead. */
  async function openFromButton(a: ActionArgs, build: () => Promise<ModalView>, what: string) {
    let view: ModalView;
    try {
      view = await build();
    } catch (error) {
      if (!isAppError(error)) throw error;
      view = noticeModal(what, error.message);
    }
    await a.openModal(view);
  }

  // The kind radio in the modal: redrawn with only the fields that kind uses, keeping what was typed.
  onAction(app, logger, SettingsBlocks.kind, async (a) => {
    const view = a.body.view;
    // Only a modal holds this radio; a press from anywhere else is a stale or forged one.
    if (!view) throw new AppError(ErrorCode.Invalid, FORM_OUT_OF_DATE);
    const metadata = parseSettingsMetadata(view.private_metadata);
    const base = newCircleInitial(a.actor.userId, null);
    const initial = initialFromState(view.state.values, base);
    const mode = metadata.circleId === undefined ? 'create' : 'edit';
    await a.client.views.update({ view_id: view.id, hash: view.hash, view: settingsModal(mode, initial, metadata) });
  });

  onAction(app, logger, CircleActions.create, async (a) => openFromButton(a, () => createView(a.actor), 'New circle'));
  onAction(app, logger, CircleActions.edit, async (a) =>
    openFromButton(a, async () => editView(a.actor, await requireCircle(db, a.actor.teamId, a.rowId())), 'Edit circle'),
  );

  return {
    new: async (ctx) => {
      // A refusal we can tell from the database comes back inside the ack; otherwise ack, then ask Slack.
      const recent = await ctx.actor.recent();
      if (recent) assertOrganizer(recent, config.organizers, CREATE_WHAT);
      // Acked first: building the modal may ask Slack who the person is.
      await ctx.ack();
      await ctx.openModal(await createView(ctx.actor, ctx.responseUrl));
    },
    edit: async (ctx) => {
      const circle = await resolveCircleForEdit(db, ctx.actor.teamId, ctx.actor.userId, ctx.channelId, ctx.rest);
      const recent = await ctx.actor.recent();
      if (recent) await assertCanManage(db, circle, recent, config.organizers, EDIT_WHAT);
      await ctx.ack();
      await ctx.openModal(await editView(ctx.actor, circle));
    },
  };
}
