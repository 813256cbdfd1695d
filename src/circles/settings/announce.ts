import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn, truncate } from '../../slack/blocks';
import type { CircleKind } from '../../db/types';
import { formatDay } from '../../time/format';
import { CircleActions } from '../ids';

/** What an announcement tells about a circle. */
export interface AnnouncedCircle {
  id: number;
  name: string;
  focus: string;
  kind: CircleKind;
  size_cap: number;
  cycle: { startDate: string; endDate: string };
}

export function kindText(kind: CircleKind): string {
  return kind === 'group'
    ? 'Learning circle: the group meets together'
    : 'Coaching program: each cycle, members are matched into pairs who meet on their own';
}

/** The notification text of the announcement (what shows where blocks cannot). */
export function announcementText(circle: Pick<AnnouncedCircle, 'name'>): string {
  return `New: ${circle.name}. Press Join or type /circle join ${circle.name} to take part.`;
}

/** The post in a circle's channel that introduces it, with a Join button. */
export function announcementBlocks(circle: AnnouncedCircle, cadenceText: string): KnownBlock[] {
  const focus = circle.focus.length > 0 ? escapeMrkdwn(circle.focus) : '_No focus given yet._';
  return [
    { type: 'header', text: { type: 'plain_text', text: circle.name.slice(0, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: truncate(focus, 3000) } },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Kind*\n${kindText(circle.kind)}` },
        { type: 'mrkdwn', text: `*Rhythm*\n${cadenceText}` },
        { type: 'mrkdwn', text: `*Cycle*\n${formatDay(circle.cycle.startDate)} to ${formatDay(circle.cycle.endDate)}` },
        { type: 'mrkdwn', text: `*Places*\nUp to ${circle.size_cap}; after that, a waitlist` },
      ],
    },
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: CircleActions.join,
          text: { type: 'plain_text', text: 'Join' },
          style: 'primary',
          value: String(circle.id),
        },
      ],
    },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Or type \`/circle join ${circle.name}\`. You can leave or pause any time.` }],
    },
  ];
}
