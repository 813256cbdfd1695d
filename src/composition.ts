import type { App } from '@slack/bolt';
import { calendarFeature } from './calendar/listeners';
import { calendarRoutes } from './calendar/routes';
import { type HomeExtras, noHomeExtras } from './circles/home';
import { resumePausesJob } from './circles/jobs';
import { membershipFeature } from './circles/membershipListeners';
import { registerCircleSettings } from './circles/settingsListeners';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Db } from './db/database';
import type { Logger } from './logger';
import type { Job } from './scheduler/job';
import { createSlackApp, type Feature, type RouteFactory, type SlackAppDeps } from './slack/app';
import { createGateway } from './slack/gateway';

const homeExtras: HomeExtras = noHomeExtras;

/** Every feature's Slack registration, in one list. */
const FEATURES: Feature[] = [membershipFeature(homeExtras), registerCircleSettings, calendarFeature];
/** Extra HTTP routes (beside /slack/events and /healthz). */
const ROUTES: RouteFactory[] = [calendarRoutes];

export interface Services {
  deps: SlackAppDeps;
  jobs: Job[];
}

/** The scheduled work of every feature; `cli tick` and the cron loop both run exactly this. */
export function buildServices(config: Config, db: Db, clock: Clock, logger: Logger): Services {
  const gateway = createGateway(config, db, logger);
  const deps: SlackAppDeps = { config, db, clock, logger, gateway, inflight: new Set() };
  const jobs: Job[] = [resumePausesJob(deps, homeExtras)];
  return { deps, jobs };
}

export function buildSlackApp(services: Services): App {
  return createSlackApp(services.deps, FEATURES, ROUTES);
}
