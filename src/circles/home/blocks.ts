import type { KnownBlock } from '@slack/types';
import { actions, button, context, divider, escapeMrkdwn, header, section, slackDate } from '../../slack/blocks';
import { CircleActions } from '../ids';
import { rhythmOf } from '../membership/blocks';
import { describeMembership } from '../model';
import type { CircleRow, MembershipWithCircle } from '../store';

export interface HomeCircle {
  membership: MembershipWithCircle;
  waitlistPosition: number | null;
  nextMeeting: Date | null;
  /** The session where this person leads the warm-up, if one is coming. */
  myWarmup: Date | null;
  canManage: boolean;
}

export interface OverviewRow {
  circle: CircleRow;
  active: number;
  paused: number;
  waitlisted: number;
}

// A home tab holds at most 100 blocks; each part is capped so the whole view always fits.
const MAX_MINE = 12;
const MAX_JOINABLE = 10;
const MAX_OVERVIEW = 20;
/** The most blocks each part below can return, for the home shell's budget. */
export const MINE_MAX_BLOCKS = 2 + 2 * MAX_MINE;
export const JOINABLE_MAX_BLOCKS = 4 + MAX_JOINABLE;
export const ORGANIZER_MAX_BLOCKS = 5 + MAX_OVERVIEW;

/** My circles: status, next meeting, my warm-up turn, and what I can do about each. */
export function mineBlocks(mine: HomeCircle[]): KnownBlock[] {
  const blocks: KnownBlock[] = [header('Your circles')];
  if (mine.length === 0) {
    blocks.push(section('You are not in a circle yet. Pick one below, or type `/circle list`.'));
  }
  for (const h of mine.slice(0, MAX_MINE)) {
    const m = h.membership;
    const status = describeMembership({
      status: m.status,
      role: m.role,
      pausedUntil: m.paused_until,
      waitlistPosition: h.waitlistPosition,
    });
    const next = h.nextMeeting ? `Next meeting: ${slackDate(h.nextMeeting)}` : `Meets: ${rhythmOf(m.circle)}`;
    const warmup = h.myWarmup ? `\n:sparkles: You lead the warm-up: ${slackDate(h.myWarmup, '{date_short_pretty}')}` : '';
    const channel = m.circle.channel_id ? ` · <#${m.circle.channel_id}>` : '';
    blocks.push(section(`*${escapeMrkdwn(m.circle.name)}*${channel}\n${status} · ${next}${warmup}`));
    const buttons = [];
    if (m.status === 'active') buttons.push(button('Pause', CircleActions.pause, String(m.circle.id)));
    if (m.status === 'paused') buttons.push(button('Resume', CircleActions.resume, String(m.circle.id), 'primary'));
    buttons.push(button(m.status === 'waitlisted' ? 'Leave the waitlist' : 'Leave', CircleActions.leave, String(m.circle.id)));
    if (h.canManage) buttons.push(button('Edit', CircleActions.edit, String(m.circle.id)));
    blocks.push(actions(buttons, `mine-${m.circle.id}`));
  }
  if (mine.length > MAX_MINE) blocks.push(context(`And ${mine.length - MAX_MINE} more: see \`/circle me\`.`));
  return blocks;
}

/** Open circles I am not in, with a Join button. */
export function joinableBlocks(joinable: CircleRow[]): KnownBlock[] {
  const blocks: KnownBlock[] = [divider(), header('Circles you can join')];
  if (joinable.length === 0) blocks.push(section('No other open circles right now.'));
  for (const c of joinable.slice(0, MAX_JOINABLE)) {
    blocks.push(
      section(
        `*${escapeMrkdwn(c.name)}*${c.focus ? ` · ${escapeMrkdwn(c.focus.slice(0, 200))}` : ''}\n${rhythmOf(c)}`,
        button('Join', CircleActions.join, String(c.id), 'primary'),
      ),
    );
  }
  if (joinable.length > MAX_JOINABLE) blocks.push(context('More in `/circle list`.'));
  return blocks;
}

/** For organizers: create a circle, and every circle at a glance. */
export function organizerBlocks(rows: OverviewRow[]): KnownBlock[] {
  const blocks: KnownBlock[] = [
    divider(),
    header('Organizer'),
    actions([button('Create a circle', CircleActions.create, 'create', 'primary')]),
  ];
  if (rows.length === 0) blocks.push(section('No circles yet.'));
  for (const r of rows.slice(0, MAX_OVERVIEW)) {
    blocks.push(
      section(
        `*${escapeMrkdwn(r.circle.name)}* (${r.circle.status}) · ${r.active + r.paused}/${r.circle.size_cap} members · ${r.paused} paused · ${r.waitlisted} waitlisted`,
        button('Edit', CircleActions.edit, String(r.circle.id)),
      ),
    );
  }
  if (rows.length > MAX_OVERVIEW) blocks.push(context(`And ${rows.length - MAX_OVERVIEW} more circles.`));
  return blocks;
}
