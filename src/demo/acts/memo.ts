import type { TourContext } from '../tour';
import { demoSessionsAhead } from '../store';

/** The circle an act works with, kept in its memo. */
export interface ActCircle {
  name: string;
  id: number;
  channel: string;
}

export function circleOf(ctx: TourContext): ActCircle {
  const circle = ctx.memo.circle as ActCircle | undefined;
  if (!circle) throw new Error('The act has no circle yet');
  return circle;
}

export function keepCircle(ctx: TourContext, circle: { id: number; channel_id: string | null }, name: string): ActCircle {
  if (!circle.channel_id) throw new Error(`${name} has no channel`);
  const kept = { name, id: circle.id, channel: circle.channel_id };
  ctx.memo.circle = kept;
  return kept;
}

/** The start of the act circle's next scheduled session. */
export async function nextSession(ctx: TourContext): Promise<Date> {
  const [row] = await demoSessionsAhead(ctx.db, circleOf(ctx).id, ctx.now(), 1);
  if (!row) throw new Error('The circle has no session ahead');
  return row.starts_at;
}
