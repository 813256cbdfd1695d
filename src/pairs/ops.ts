import type { AppDeps } from '../app/deps';
import { assertCanManage, type CircleRow } from '../circles/service';
import type { Person } from '../people/service';
import type { Reply } from '../slack/listen';
import { confirmedBlocks, previewBlocks, previewText, statusBlocks } from './blocks';
import { MATCH_WHAT, REMIND_DEADLINE_MS } from './model';
import { startPreview } from './draft';
import { matchStatus } from './status';

export { MATCH_WHAT };

/** `/circle match` as organizers meet it, shared by the command and the "which program?" buttons. */
export function pairOps(deps: AppDeps) {
  const { db, clock, config } = deps;
  return {
    /**
     * Where matching stands: the pairs once confirmed; else who has not answered, with Remind and
     * Match buttons; or, when everyone has answered, the preview itself.
     */
    async show(person: Person, circle: CircleRow, reply: Reply): Promise<void> {
      await assertCanManage(db, circle, person, config.organizers, MATCH_WHAT);
      const now = clock();
      const status = await matchStatus(db, circle);
      if (status.confirmed) {
        await reply(`The pairs of ${circle.name} are confirmed`, confirmedBlocks(circle, status));
        return;
      }
      if (status.missing.length === 0 && status.answered.length >= 2) {
        const preview = await startPreview(db, circle, person.userId, now);
        await reply(
          previewText(circle),
          previewBlocks(circle, preview.arrangement, { cycleId: preview.draft.cycle_id, version: preview.draft.version }),
        );
        return;
      }
      await reply(`Matching ${circle.name}`, statusBlocks(circle, status, new Date(now.getTime() + REMIND_DEADLINE_MS)));
    },
  };
}

export type PairOps = ReturnType<typeof pairOps>;
