import type { WebClient } from '@slack/web-api';
import type { AppDeps } from '../../app/deps';
import { assertOrganizer } from '../../circles/service';
import { knownPeople } from '../../people/service';
import type { SlackApp } from '../../slack/app';
import { type ActionArgs, onAction } from '../../slack/listen';
import { confirmedText, editModal, previewBlocks, previewText } from './blocks';
import { FORM_WHAT } from './commands';
import { arrangementCsv, csvFilename } from './csv';
import { FormActions } from './ids';
import { CIRCLES_PER_PAGE, circleRef, type DraftRef, draftRef, pageRef, type Preview } from './model';
import { confirm, currentPreview, type FormEffects, requireDraft, shuffle, toggleLock } from './service';

/** The buttons under the preview: pages, Lock, Move or swap, Shuffle, the CSV and Confirm. */
export function registerFormActions(app: SlackApp, deps: AppDeps, fx: FormEffects): void {
  const { db, clock, config, logger, outbox } = deps;
  const on = (actionId: string, run: (a: ActionArgs) => Promise<void>) => onAction(app, logger, actionId, run);
  // The draft first (scoped to the workspace), then who pressed: a stale or foreign button is out of date for anyone.
  const organizer = async (a: ActionArgs, ref: DraftRef) => {
    await requireDraft(db, a.actor.teamId, ref);
    assertOrganizer(await a.actor.person(), config.organizers, FORM_WHAT);
  };
  const show = (a: ActionArgs, p: Preview, page = 0, note?: string) => a.replace(previewText(p), previewBlocks(p, page, note));

  on(FormActions.page, async (a) => {
    const ref = a.value(pageRef);
    await organizer(a, ref);
    const { preview } = await currentPreview(db, fx, a.actor.teamId, ref, clock());
    await show(a, preview, ref.page);
  });

  on(FormActions.lock, async (a) => {
    const ref = a.value(circleRef);
    await organizer(a, ref);
    const { preview, locked } = await toggleLock(db, fx, a.actor.teamId, ref, ref.circle, clock());
    const note = locked ? `Circle ${ref.circle + 1} is locked: Shuffle keeps it.` : `Circle ${ref.circle + 1} is unlocked.`;
    await show(a, preview, Math.floor(ref.circle / CIRCLES_PER_PAGE), note);
  });

  on(FormActions.shuffle, async (a) => {
    const ref = a.value(draftRef);
    await organizer(a, ref);
    const { preview, changed } = await shuffle(db, fx, a.actor.teamId, ref, clock());
    await show(
      a,
      preview,
      0,
      changed ? 'Shuffled: a different arrangement.' : 'No other arrangement is as good as this one: it is shown again.',
    );
  });

  on(FormActions.edit, async (a) => {
    const ref = a.value(draftRef);
    await organizer(a, ref);
    const { preview } = await currentPreview(db, fx, a.actor.teamId, ref, clock());
    await a.openModal(editModal(preview, ref));
  });

  on(FormActions.csv, async (a) => {
    const ref = a.value(draftRef);
    await organizer(a, ref);
    const { preview, source } = await currentPreview(db, fx, a.actor.teamId, ref, clock());
    const ids = [...source.instance.people.map((p) => p.id), ...source.unfinished];
    const names = new Map([...(await knownPeople(db, a.actor.teamId, ids))].map(([id, p]) => [id, p.name]));
    const csv = arrangementCsv(preview, names, (at) => at?.toISOString() ?? '');
    await uploadCsv(a.client, a.actor.userId, csvFilename(preview.program.name), csv, preview);
  });

  on(FormActions.confirm, async (a) => {
    const ref = a.value(draftRef);
    await organizer(a, ref);
    const done = await confirm(db, fx, a.actor.teamId, ref, a.actor.userId, clock());
    await a.replace(
      confirmedText(
        done.program.name,
        done.circles.map((c) => ({ channelId: c.channel_id, name: c.name })),
        done.unplaced,
      ),
    );
    // Channels first, so the members' welcomes can link to them; the scheduler sends whatever this misses.
    await outbox.flush(a.actor.teamId, done.openKeys);
    await outbox.flush(a.actor.teamId, done.keys);
  });
}

/** The arrangement as a file in the organizer's DM with the app: it is their own answer. */
async function uploadCsv(client: WebClient, userId: string, filename: string, csv: string, p: Preview): Promise<void> {
  const dm = await client.conversations.open({ users: userId });
  const channel = dm.channel?.id;
  if (!channel) throw new Error(`Slack opened no DM with ${userId}`);
  await client.files.uploadV2({
    channel_id: channel,
    initial_comment: `The whole arrangement of *${p.program.name.replace(/[<>&*_~`]/g, '')}*: ${p.circles.length} circles, a row per person, with the reasons and everyone not placed.`,
    file_uploads: [{ file: Buffer.from(csv, 'utf8'), filename, title: filename }],
  });
}
