import type { App } from '@slack/bolt';
import { calendarUrlFor } from './calendar/homeExtras';
import { calendarFeature } from './calendar/listeners';
import { calendarRoutes } from './calendar/routes';
import type { HomeExtras } from './circles/home';
import { resumePausesJob } from './circles/jobs';
import { membershipFeature } from './circles/membershipListeners';
import { registerCircleSettings } from './circles/settingsListeners';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Db } from './db/database';
import type { Logger } from './logger';
import type { Job } from './scheduler/job';
import { nextMeetingsFor, warmupTurnsFor } from './sessions/homeExtras';
import { planDeliveriesJob, sendDeliveriesJob, sessionHorizonJob, sessionsHeldJob } from './sessions/jobs';
import { sessionsFeature } from './sessions/listeners';
import { createSlackApp, type Feature, type RouteFactory, type SlackAppDeps } from './slack/app';
import { createGateway } from './slack/gateway';

/** Extra HTTP routes (beside /slack/events and /healthz). */
const ROUTES: RouteFactory[] = [calendarRoutes];

export interface Services {
  deps: SlackAppDeps;
  /** What the sessions and calendar features add to the circles' App Home. */
  homeExtras: HomeExtras;
  /** Every feature's Slack registration. */
  features: Feature[];
  /** The scheduled work of every feature, in the order one pass runs it. */
  jobs: Job[];
}

/** Wires the features together; `main`, `cli tick` and the tests all build the app from this. */
export function buildServices(config: Config, db: Db, clock: Clock, logger: Logger): Services {
  const gateway = createGateway(config, db, logger);
  const deps: SlackAppDeps = { config, db, clock, logger, gateway, inflight: new Set() };
  const homeExtras: HomeExtras = {
    nextMeetings: nextMeetingsFor(db),
    warmupTurns: warmupTurnsFor(db),
    calendarUrl: calendarUrlFor(deps),
  };
  const features: Feature[] = [membershipFeature(homeExtras), registerCircleSettings, sessionsFeature, calendarFeature];
  // Order matters within a pass: pauses end before reminders are planned, sessions exist before
  // their deliveries are planned, and what was planned goes out in the same pass.
  const jobs: Job[] = [
    resumePausesJob(deps, homeExtras),
    sessionHorizonJob(deps),
    planDeliveriesJob(deps),
    sendDeliveriesJob(deps),
    // Last: after downtime, what an ended session missed must still be planned (and skipped as late).
    sessionsHeldJob(deps),
  ];
  return { deps, homeExtras, features, jobs };
}

export function buildSlackApp(services: Services): App {
  return createSlackApp(services.deps, services.features, ROUTES);
}
