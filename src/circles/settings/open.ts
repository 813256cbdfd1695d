import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { AppDeps } from '../../app/deps';
import { isAppError } from '../../core/errors';
import type { SlackApp } from '../../slack/app';
import type { SubcommandHandlers } from '../../slack/commands';
import type { Actor } from '../../slack/context';
import { onAction } from '../../slack/listen';
import { CircleActions } from '../ids';
import { assertCanManage, assertOrganizer, type CircleRow, circleFromValue } from '../service';
import { noticeModal, settingsModal } from './blocks';
import { newCircleInitial, storedInitial } from './model';
import { loadStoredSettings, resolveCircleForEdit } from './service';
import { CREATE_WHAT, EDIT_WHAT } from './submit';

/** `/circle new`, `/circle edit`, and the App Home's Create and Edit buttons: they open the settings modal. */
export function registerSettingsOpeners(app: SlackApp, deps: AppDeps): SubcommandHandlers {
  const { db, config, logger } = deps;

  async function createView(actor: Actor): Promise<ModalView> {
    const person = await actor.person();
    assertOrganizer(person, config.organizers, CREATE_WHAT);
    return settingsModal('create', newCircleInitial(person.userId, person.timeZone));
  }

  async function editView(actor: Actor, circle: CircleRow): Promise<ModalView> {
    const person = await actor.person();
    await assertCanManage(db, circle, person, config.organizers, EDIT_WHAT);
    const stored = await loadStoredSettings(db, circle);
    return settingsModal('edit', storedInitial(stored, person.timeZone), { circleId: circle.id });
  }

  /** App Home has no channel to reply in, so a refusal is shown in a small modal instead. */
  async function openFromButton(client: WebClient, triggerId: string, build: () => Promise<ModalView>, what: string) {
    let view: ModalView;
    try {
      view = await build();
    } catch (error) {
      if (!isAppError(error)) throw error;
      view = noticeModal(what, error.message);
    }
    await client.views.open({ trigger_id: triggerId, view });
  }

  onAction(app, logger, CircleActions.create, async ({ body, actor, client }) =>
    openFromButton(client, body.trigger_id, () => createView(actor), 'New circle'),
  );
  onAction(app, logger, CircleActions.edit, async ({ body, action, actor, client }) =>
    openFromButton(
      client,
      body.trigger_id,
      async () => editView(actor, await circleFromValue(db, actor.teamId, 'value' in action ? action.value : undefined)),
      'Edit circle',
    ),
  );

  return {
    new: async (ctx) => {
      // A refusal we can tell from the database comes back inside the ack; otherwise ack, then ask Slack.
      const recent = await ctx.actor.recent();
      if (recent) assertOrganizer(recent, config.organizers, CREATE_WHAT);
      const client = await ctx.slack();
      await client.views.open({ trigger_id: ctx.triggerId, view: await createView(ctx.actor) });
    },
    edit: async (ctx) => {
      const circle = await resolveCircleForEdit(db, ctx.actor.teamId, ctx.actor.userId, ctx.channelId, ctx.rest);
      const recent = await ctx.actor.recent();
      if (recent) await assertCanManage(db, circle, recent, config.organizers, EDIT_WHAT);
      const client = await ctx.slack();
      await client.views.open({ trigger_id: ctx.triggerId, view: await editView(ctx.actor, circle) });
    },
  };
}
