import type { AppDeps } from '../app/deps';
import type { Registration } from '../slack/app';
import { onAction } from '../slack/listen';
import { firstPageBlocks, forgetConfirmBlocks, forgottenText, keptText, MESSAGE_BLOCKS_MAX, meBlocks, meText } from './blocks';
import { uploadMyData } from './upload';
import { MyDataActions } from './ids';
import type { PersonalData } from '../privacy/personalData';
import { describePerson, forgetBlocker, forgetPerson } from './service';

/** `/circle me` and `/circle forget-me` over every feature's personal data, which composition lists. */
export function myDataFeature(deps: AppDeps, parts: PersonalData[]) {
  const { db, logger } = deps;
  const register: Registration = (app) => {
    onAction(app, logger, MyDataActions.forgetConfirm, async (a) => {
      await forgetPerson(db, parts, a.actor.teamId, a.actor.userId);
      await a.replace(forgottenText);
    });
    onAction(app, logger, MyDataActions.forgetCancel, async (a) => a.replace(keptText));
    return {
      // Both answer from the database alone, inside the ack (a long `me` sends its file after).
      me: async (ctx) => {
        const found = await describePerson(db, parts, ctx.actor.teamId, ctx.actor.userId);
        const blocks = meBlocks(found);
        if (blocks.length <= MESSAGE_BLOCKS_MAX) {
          await ctx.reply('What Peer Circles keeps about you', blocks);
          return;
        }
        // Too much for one message: the first part at once, all of it as a file in their DM.
        await ctx.reply('What Peer Circles keeps about you', firstPageBlocks(blocks));
        await uploadMyData(await ctx.slack(), ctx.actor.userId, meText(found));
      },
      'forget-me': async (ctx) => {
        const reason = await forgetBlocker(db, parts, ctx.actor.teamId, ctx.actor.userId);
        if (reason) await ctx.reply(reason);
        else await ctx.reply('Erase what Peer Circles keeps about you?', forgetConfirmBlocks());
      },
    };
  };
  return { register };
}
