import type { Job } from '../scheduler/job';
import type { SlackAppDeps } from '../slack/app';
import { escapeMrkdwn } from '../slack/blocks';
import { type HomeExtras, publishHome } from './home';
import { resumeDuePauses } from './membershipService';
import { findCircle } from './store';

/** Pauses with an end date end by themselves on that day, in the circle's time zone. */
export function resumePausesJob(deps: SlackAppDeps, extras: HomeExtras): Job {
  return {
    name: 'resume-due-pauses',
    schedule: '* * * * *',
    async run(now) {
      const resumed = await resumeDuePauses(deps.db, now);
      let told = 0;
      for (const m of resumed) {
        try {
          const client = await deps.gateway.client(m.team_id);
          const circle = await findCircle(deps.db, m.team_id, m.circle_id);
          if (!circle) continue;
          await client.chat.postMessage({
            channel: m.user_id,
            text: `Your pause in *${escapeMrkdwn(circle.name)}* ended today: welcome back! Reminders start again with the next session.`,
          });
          await publishHome(deps, extras, client, m.team_id, m.user_id);
          told++;
        } catch (error) {
          // The resume itself is stored; only the courtesy message failed.
          deps.logger.warn(`Could not tell ${m.user_id} their pause ended`, error);
        }
      }
      return { resumed: resumed.length, told };
    },
  };
}
