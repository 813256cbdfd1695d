import type { WebClient } from '@slack/web-api';
import type { Clock } from '../core/clock';
import { AppError, ErrorCode } from '../core/errors';
import type { Db } from '../db/database';
import { freshPerson, getPerson, type Person } from '../people/service';

/** Who is acting in a Slack request, resolved once by the middleware below. */
export interface Actor {
  teamId: string;
  userId: string;
  /**
   * The person as Slack knows them (name, time zone, roles). Served from the local copy while it
   * is fresh, else from `users.info`: so call it after the ack. Memoised for the request.
   */
  person(): Promise<Person>;
  /** The person from the database alone, if seen recently enough to trust their roles: usable before the ack. */
  recent(): Promise<Person | undefined>;
}

/** What our middleware adds to Bolt's context; listeners read `context.actor`. */
export interface AppContext {
  [key: string]: unknown;
  actor?: Actor;
}

/**
 * The workspace and user of a request, by one rule everywhere: Bolt's own reading first (it knows
 * Enterprise Grid installs), then the payload's team, then the user's team, then the view's.
 */
export function requestParties(
  context: { teamId?: string | undefined; userId?: string | undefined },
  body: unknown,
): { teamId?: string; userId?: string } {
  const b = (body ?? {}) as {
    team?: { id?: string } | null;
    team_id?: string;
    user?: { id?: string; team_id?: string } | string;
    user_id?: string;
    view?: { team_id?: string };
    event?: { user?: string | { id?: string } };
  };
  const user = typeof b.user === 'object' ? b.user : undefined;
  const eventUser = typeof b.event?.user === 'string' ? b.event.user : b.event?.user?.id;
  const teamId = context.teamId ?? b.team?.id ?? b.team_id ?? user?.team_id ?? b.view?.team_id;
  const userId = context.userId ?? user?.id ?? b.user_id ?? eventUser;
  return { ...(teamId ? { teamId } : {}), ...(userId ? { userId } : {}) };
}

export function newActor(db: Db, client: WebClient, clock: Clock, teamId: string, userId: string): Actor {
  let person: Promise<Person> | undefined;
  return {
    teamId,
    userId,
    recent: () => freshPerson(db, teamId, userId, clock()),
    person: () => {
      person ??= getPerson(db, client, teamId, userId, clock());
      // A failed lookup may be retried by a later call in the same request.
      person.catch(() => {
        person = undefined;
      });
      return person;
    },
  };
}

/** The actor of a request that must have one (commands, clicks, submissions). */
export function actorOf(context: AppContext): Actor {
  if (!context.actor) throw new AppError(ErrorCode.Invalid, 'Slack did not say who you are in this workspace. Please try again.');
  return context.actor;
}
