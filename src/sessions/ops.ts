import type { WebClient } from '@slack/web-api';
import type { AppDeps } from '../app/deps';
import { assertCanManage, canManage, type CircleRow, memberIds } from '../circles/service';
import { slackErrorCode } from '../core/errors';
import type { Person } from '../people/service';
import { section } from '../slack/blocks';
import type { Reply } from '../slack/listen';
import { refreshAgendaPost } from './agendaPost';
import {
  agendaAddedText,
  noSessionsText,
  PAST_LIMIT,
  type PastSession,
  pastBlocks,
  promptAddedText,
  promptDuplicateText,
  SCHEDULE_LIMIT,
  scheduleBlocks,
  scheduleText,
  skipConfirmBlocks,
  skipConfirmText,
} from './blocks';
import { agendaBlocks, agendaText } from './messages';
import type { AgendaItemInput } from './model';
import type { SessionPorts } from './ports';
import {
  addAgendaItem,
  addCirclePrompt,
  agendaToShow,
  assertCanSeeSchedule,
  nextSessionToCome,
  recentlyHeld,
  scheduleOf,
} from './service';
import { escapeMrkdwn } from '../core/text';

export const SKIP_WHAT = 'skip a session';
export const MOVE_WHAT = 'move a session';

/**
 * The session use cases as people meet them, shared by the commands and the "which circle?"
 * buttons. Each runs after the ack: deciding who may manage a circle can take a users.info call.
 */
export function sessionOps(deps: AppDeps, ports: SessionPorts = {}) {
  const { db, clock, config, logger, gateway } = deps;

  /** The last few sessions with their attendance, when a feature records it. */
  async function pastSessions(circle: CircleRow, now: Date): Promise<PastSession[]> {
    if (!ports.attendanceCounts) return [];
    const held = await recentlyHeld(db, circle, now, PAST_LIMIT);
    const counts = await ports.attendanceCounts(
      circle.team_id,
      held.map((s) => s.id),
    );
    return held.map((session) => ({ session, count: counts.get(session.id) ?? null }));
  }

  return {
    async showSchedule(person: Person, circle: CircleRow, reply: Reply): Promise<void> {
      await assertCanSeeSchedule(db, circle, person, config.organizers);
      const now = clock();
      const { sessions, empty } = await scheduleOf(db, circle, now, SCHEDULE_LIMIT);
      const past = await pastSessions(circle, now);
      const manager = await canManage(db, circle, person, config.organizers);
      if (empty) {
        const tools = manager ? ports.heldSessionTools : undefined;
        await reply(
          noSessionsText(circle, empty),
          past.length ? [section(noSessionsText(circle, empty)), ...pastBlocks(past, tools)] : undefined,
        );
        return;
      }
      await reply(
        scheduleText(circle, sessions.length),
        scheduleBlocks(circle, sessions, manager, now, past, ports.heldSessionTools),
      );
    },

    /** Redraws a session's agenda post in its channel (with what other features add to it). */
    refreshAgenda(client: WebClient, teamId: string, sessionId: number): Promise<boolean> {
      return refreshAgendaPost(db, client, teamId, sessionId, logger, ports.agendaExtras);
    },

    /** The App Homes of a circle's people show its next meeting: redrawn after a skip or a move. */
    async refreshHomes(circle: CircleRow): Promise<void> {
      for (const userId of await memberIds(db, circle.team_id, circle.id, ['active', 'paused'])) {
        await deps.home.refresh(circle.team_id, userId);
      }
    },

    async askSkip(person: Person, circle: CircleRow, reply: Reply): Promise<void> {
      const now = clock();
      await assertCanManage(db, circle, person, config.organizers, SKIP_WHAT);
      const session = await nextSessionToCome(db, circle, now);
      if (!session) {
        const { empty } = await scheduleOf(db, circle, now, 1);
        const why = empty && empty.kind !== 'none' ? ` ${noSessionsText(circle, empty)}` : '';
        await reply(`There is no upcoming session of *${escapeMrkdwn(circle.name)}* to skip.${why}`);
        return;
      }
      await reply(skipConfirmText(circle, session), skipConfirmBlocks(circle, session));
    },

    async showAgenda(person: Person, circle: CircleRow, reply: Reply): Promise<void> {
      const shown = await agendaToShow(db, circle, person, config.organizers, clock());
      if ('empty' in shown) {
        await reply(noSessionsText(circle, shown.empty));
        return;
      }
      await reply(agendaText(circle, shown.session), agendaBlocks(circle, shown.session, shown.items));
    },

    async addAgenda(userId: string, circle: CircleRow, item: AgendaItemInput, reply: Reply): Promise<void> {
      const { session } = await addAgendaItem(db, circle, userId, item, clock());
      // The posted agenda is edited in place so the channel sees the item without a new post.
      const posted = await refreshAgendaPost(
        db,
        await gateway.client(circle.team_id),
        circle.team_id,
        session.id,
        logger,
        ports.agendaExtras,
      );
      await reply(agendaAddedText(circle, session, item, posted));
    },

    async addPrompt(userId: string, circle: CircleRow, text: string, reply: Reply): Promise<void> {
      const added = await addCirclePrompt(db, circle, userId, text, clock());
      await reply(added ? promptAddedText(circle, text) : promptDuplicateText(circle));
    },

    /** Tells the circle's channel; returns a note for the person if that did not work. */
    async tellChannel(circle: CircleRow, text: string): Promise<string> {
      if (!circle.channel_id) return '';
      try {
        const client = await gateway.client(circle.team_id);
        await client.chat.postMessage({ channel: circle.channel_id, text });
        return ` I told <#${circle.channel_id}>.`;
      } catch (error) {
        // The change is stored and DMs follow from the ledger; only the channel notice is missing.
        logger.warn(`Could not post in ${circle.channel_id} for circle ${circle.id}`, error);
        return ` I couldn't post in <#${circle.channel_id}> (Slack said \`${slackErrorCode(error) ?? 'unknown error'}\`), so please tell the circle there.`;
      }
    },
  };
}

export type SessionOps = ReturnType<typeof sessionOps>;
