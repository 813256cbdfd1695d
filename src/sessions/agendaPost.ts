import type { WebClient } from '@slack/web-api';
import { circleById } from '../circles/service';
import type { Db } from '../db/database';
import type { Logger } from '../core/logger';
import { agendaBlocks, agendaText } from './messages';
import { type AgendaExtras, noAgendaExtras } from './ports';
import { agendaItems, findSession } from './store';

/** Re-renders a session's agenda post in its channel, if it was posted, so the channel sees changes. */
export async function refreshAgendaPost(
  db: Db,
  client: WebClient,
  teamId: string,
  sessionId: number,
  logger: Logger,
  extras: AgendaExtras = noAgendaExtras,
): Promise<boolean> {
  const session = await findSession(db, teamId, sessionId);
  if (!session?.agenda_ts || !session.agenda_channel_id) return false;
  const circle = await circleById(db, teamId, session.circle_id);
  if (!circle) return false;
  try {
    await client.chat.update({
      channel: session.agenda_channel_id,
      ts: session.agenda_ts,
      text: agendaText(circle, session),
      blocks: [...agendaBlocks(circle, session, await agendaItems(db, teamId, sessionId)), ...extras(session)],
    });
    return true;
  } catch (error) {
    // The change is stored and reminders carry it; only the channel post is out of date.
    logger.warn(`Could not update the agenda post of session ${sessionId}`, error);
    return false;
  }
}
