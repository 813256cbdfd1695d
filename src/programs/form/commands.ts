import type { AppDeps } from '../../app/deps';
import { nameFrom } from '../../circles/model';
import { assertOrganizer } from '../../circles/service';
import type { SubcommandHandlers } from '../../slack/commands';
import { previewBlocks, previewText } from './blocks';
import { type FormEffects, startPreview } from './service';

export const FORM_WHAT = 'form a program’s circles';

/** `/circle form [program]`: organizers preview the best arrangement of a program's intakes. */
export function formCommands(deps: AppDeps, fx: Pick<FormEffects, 'programs'>): SubcommandHandlers {
  const { db, clock, config } = deps;
  return {
    form: async (ctx) => {
      const name = nameFrom(ctx.rest);
      // Roles may need Slack, and forming a large program takes a moment: after the ack.
      await ctx.ack();
      const person = await ctx.actor.person();
      assertOrganizer(person, config.organizers, FORM_WHAT);
      const preview = await startPreview(db, fx, ctx.actor.teamId, name, person.userId, clock());
      await ctx.reply(previewText(preview), previewBlocks(preview));
    },
  };
}
