import type { ModalView } from '@slack/types';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps';
import { assertOrganizer } from '../../circles/service';
import { AppError, ErrorCode, isAppError } from '../../core/errors';
import { knownPerson } from '../../people/service';
import type { SlackApp } from '../../slack/app';
import { onSubmit, type Submission } from '../../slack/listen';
import { applyModal, editWords, previewBlocks, previewText } from './blocks';
import { FORM_WHAT } from './commands';
import { FormFields as F, FormViews } from './ids';
import { CIRCLES_PER_PAGE, type DraftRef, draftRef, type EditRef, editRef } from './model';
import { applyChange, type FormEffects, previewChange, requireDraft } from './service';
import type { Edit } from '../formation/types';

const userId = z.string().regex(/^[UW][A-Z0-9]{1,20}$/);
const circleIndex = z
  .string()
  .regex(/^\d{1,4}$/)
  .transform(Number);
const pickedUser = z.looseObject({ selected_user: userId.nullish() });
const pickedOption = z.looseObject({ selected_option: z.looseObject({ value: circleIndex }).nullish() });

/** A field's element state read with a schema; undefined when absent or of another shape. */
function read<T>(values: unknown, id: string, schema: z.ZodType<T>): T | undefined {
  const state = values as Record<string, Record<string, unknown> | undefined> | undefined;
  const parsed = schema.safeParse(state?.[id]?.[id]);
  return parsed.success ? parsed.data : undefined;
}

/** The edit the modal describes, or the field errors that say what is missing. */
export function parseEdit(values: unknown): { edit: Edit } | { errors: Record<string, string> } {
  const person = read(values, F.person, pickedUser)?.selected_user ?? undefined;
  const to = read(values, F.toCircle, pickedOption)?.selected_option?.value;
  const other = read(values, F.swapWith, pickedUser)?.selected_user ?? undefined;
  if (!person) return { errors: { [F.person]: 'Choose who moves or swaps.' } };
  if (to === undefined && !other)
    return { errors: { [F.swapWith]: 'Choose a circle to move them to, or someone to swap with.' } };
  if (to !== undefined && other)
    return { errors: { [F.swapWith]: 'Either move them or swap them: leave one of the two empty.' } };
  if (other) return { edit: { kind: 'swap', a: person, b: other } };
  return { edit: { kind: 'move', person, toCircle: to! } };
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });
function noticeModal(text: string): ModalView {
  return {
    type: 'modal',
    title: plain('Move or swap'),
    close: plain('Close'),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}

/**
 * The edit modal and what it changes. Each decides from the database alone: the first answers
 * with the change shown (a modal update) before anything applies; the second applies it unless
 * the preview changed meanwhile, and the organizer gets the new preview by DM after the ack.
 */
export function registerFormSubmits(app: SlackApp, deps: AppDeps, fx: FormEffects): void {
  const { db, clock, config, logger } = deps;

  /** Roles as last seen: Slack must not be asked before the ack. */
  async function organizer(teamId: string, userId: string, ref: DraftRef): Promise<void> {
    await requireDraft(db, teamId, ref);
    const person = await knownPerson(db, teamId, userId);
    if (!person) throw new AppError(ErrorCode.Invalid, 'Please close this form and press the button again.');
    assertOrganizer(person, config.organizers, FORM_WHAT);
  }

  onSubmit(app, logger, FormViews.edit, F.person, async ({ view, actor, metadata }): Promise<Submission> => {
    const ref = metadata(draftRef);
    await organizer(actor.teamId, actor.userId, ref);
    const parsed = parseEdit(view.state.values);
    if ('errors' in parsed) return parsed;
    const { change, times } = await previewChange(db, fx, actor.teamId, ref, parsed.edit, clock());
    const next: EditRef = { ...ref, edit: parsed.edit };
    return { update: applyModal(parsed.edit, change, times, JSON.stringify(next)) };
  });

  onSubmit(app, logger, FormViews.apply, F.person, async ({ actor, metadata }): Promise<Submission> => {
    try {
      await organizer(actor.teamId, actor.userId, metadata(draftRef));
      const ref = metadata(editRef);
      const preview = await applyChange(db, fx, actor.teamId, ref, ref.edit, clock());
      const edit = ref.edit;
      const circle = edit.kind === 'move' ? edit.toCircle : preview.circles.find((c) => c.members.includes(edit.a))?.index;
      const page = circle === undefined ? 0 : Math.floor(circle / CIRCLES_PER_PAGE);
      return {
        after: async (client) => {
          await client.chat.postMessage({
            channel: actor.userId,
            text: previewText(preview),
            blocks: previewBlocks(preview, page, `Applied: ${editWords(edit)}. Nobody has been told.`),
          });
        },
      };
    } catch (error) {
      // This modal has no input to hang an error on: the answer replaces it.
      if (isAppError(error)) return { update: noticeModal(error.message) };
      throw error;
    }
  });
}
