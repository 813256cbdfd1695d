import type { KnownBlock } from '@slack/types';
import type { AppDeps } from '../app/deps';
import { allCircles } from '../circles/service';
import type { HomeSection } from '../home/sections';
import { context, escapeMrkdwn, header, listSections } from '../slack/blocks';
import { rateText } from './model';
import type { PairsPort } from './ports';
import { buildReport } from './report';

/** Circles summarised in the organizer's home; the full report is a command away. */
const MAX_CIRCLES = 8;

/** The organizer's App Home part: each circle's latest cycle in one line, and how to get its report. */
export function cycleReportsHomeSection(deps: Pick<AppDeps, 'db'>, pairs: PairsPort): HomeSection {
  return {
    name: 'cycle reports',
    // Under the organizer's overview of the circles.
    order: 95,
    maxBlocks: 6,
    async blocks({ teamId, organizer }, now) {
      if (!organizer) return [];
      const circles = (await allCircles(deps.db, teamId)).filter((c) => c.status !== 'ended').slice(0, MAX_CIRCLES);
      const lines: string[] = [];
      for (const circle of circles) {
        const r = await buildReport(deps.db, pairs, circle, now);
        if (!r) continue;
        const present = r.sessions.reduce((a, s) => a + s.present, 0);
        const recorded = r.sessions.reduce((a, s) => a + s.recorded, 0);
        const value =
          r.value.average === null ? 'no evaluations yet' : `value ${r.value.average.toFixed(1)}/5 from ${r.value.count}`;
        lines.push(
          `*${escapeMrkdwn(circle.name)}* · cycle ${r.cycle.number}: attendance ${rateText(present, recorded)}, ${r.lapsed.length} lapsed, ${value}`,
        );
      }
      if (lines.length === 0) return [];
      const blocks: KnownBlock[] = [header('Cycle reports'), ...listSections('', lines, 3).blocks];
      blocks.push(context('`/circle report NAME` gives the full report, with CSV files and a chart, in your DM.'));
      return blocks;
    },
  };
}
