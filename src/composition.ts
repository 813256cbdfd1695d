import type { CustomRoute, InstallationStore } from '@slack/bolt';
import type { AppDeps } from './app/deps';
import { calendarFeature } from './calendar/listeners';
import { checkinSessionPorts, checkinsFeature } from './checkins';
import { calendarHomeSection, calendarUrlFor } from './calendar/homeExtras';
import { calendarRoutes } from './calendar/routes';
import { circleHomeSections } from './circles/home/sections';
import type { CircleHooks } from './circles/hooks';
import { membershipFeature } from './circles/membership';
import { settingsFeature } from './circles/settings';
import type { Clock } from './core/clock';
import type { Config } from './core/config';
import { cyclesFeature } from './cycles';
import { cyclesPersonalData } from './cycles/privacy';
import { checkinsPersonalData } from './checkins/privacy';
import { circlesPersonalData } from './circles/privacy';
import { myDataFeature } from './mydata';
import { personAlias, personRecord } from './people/privacy';
import { ledgerPersonalData } from './scheduler/privacy';
import { sessionsPersonalData } from './sessions/privacy';
import type { Logger } from './core/logger';
import type { Db } from './db/database';
import { registerHomeListeners } from './home/listeners';
import { homePublisher } from './home/publisher';
import type { HomeSection } from './home/sections';
import type { Job } from './scheduler/job';
import { planDeliveriesJob, sendDeliveriesJob } from './scheduler/jobs';
import { DeliveryRegistry } from './scheduler/kinds';
import { createOutbox } from './scheduler/outbox';
import { sessionsFeature } from './sessions';
import { createSlackApp, type Registration, type SlackApp } from './slack/app';
import { createGateway } from './workspaces/gateway';
import { postgresInstallationStore } from './workspaces/installationStore';

export interface Services {
  deps: AppDeps;
  /** Every feature's delivery kinds. */
  registry: DeliveryRegistry;
  /** Every feature's Slack registration. */
  registrations: Registration[];
  /** Extra HTTP routes (beside /slack/events and /healthz). */
  routes: CustomRoute[];
  installationStore: InstallationStore | undefined;
  /** The scheduled work of every feature, in the order one pass runs it. */
  jobs: Job[];
  /** Feature handles that tests and the demo drive directly. */
  features: {
    membership: ReturnType<typeof membershipFeature>;
    sessions: ReturnType<typeof sessionsFeature>;
    checkins: ReturnType<typeof checkinsFeature>;
    cycles: ReturnType<typeof cyclesFeature>;
  };
}

/** The one place that wires features, jobs and delivery kinds together; `main`, `cli tick`, the demo and the tests all build the app from here. */
export function buildServices(config: Config, db: Db, clock: Clock, logger: Logger): Services {
  const gateway = createGateway(config, db, logger);
  const registry = new DeliveryRegistry();
  const outbox = createOutbox({ db, gateway, logger }, registry, clock);
  const sections: HomeSection[] = [];
  const home = homePublisher({ config, db, clock, logger, gateway }, sections);
  const deps: AppDeps = { config, db, clock, logger, gateway, outbox, home, inflight: new Set() };

  // Check-ins fill the sessions' ports: commitments in reminders, facilitators' buttons on agendas, attendance on schedules.
  const checkinPorts = checkinSessionPorts(db);
  const sessions = sessionsFeature(deps, checkinPorts.reminderExtras, checkinPorts);
  const hooks: CircleHooks = { ...sessions.circleHooks, calendarUrl: calendarUrlFor(deps) };
  const membership = membershipFeature(deps, hooks);
  const settings = settingsFeature(deps, hooks, membership.effects);
  const checkins = checkinsFeature(deps, membership.choices);
  // Pairs fill the cycles' pairs port once they land; until then a program has no pairs.
  const cycles = cyclesFeature(deps, hooks, membership.effects);
  // Each feature's personal data, in the order erasure runs: the alias exists before rows point at
  // it, and the person's own record goes last. Pairs' survey answers join here when they land.
  const myData = myDataFeature(deps, [
    personAlias,
    circlesPersonalData,
    sessionsPersonalData,
    checkinsPersonalData,
    cyclesPersonalData,
    ledgerPersonalData,
    personRecord,
  ]);

  registry.register(...membership.deliveryKinds, ...sessions.deliveryKinds, ...checkins.deliveryKinds, ...cycles.deliveryKinds);
  sections.push(...circleHomeSections(db, hooks), calendarHomeSection(deps), checkins.homeSection, cycles.homeSection);

  const registrations: Registration[] = [
    membership.register,
    settings.register,
    sessions.register,
    checkins.register,
    cycles.register,
    myData.register,
    calendarFeature(deps),
    (app) => {
      registerHomeListeners(app, home);
      return {};
    },
  ];
  // Order matters within a pass: pauses end before reminders are planned, sessions exist before
  // their deliveries are planned, who was at a session is noted before its check-ins are planned,
  // and what was planned goes out in the same pass.
  const jobs: Job[] = [
    ...membership.jobs,
    sessions.horizonJob,
    checkins.rosterJob,
    planDeliveriesJob(db, registry),
    cycles.endJob,
    sendDeliveriesJob(deps, registry),
    // Last: after downtime, what an ended session missed must still be planned (and skipped as late).
    sessions.heldJob,
  ];
  return {
    deps,
    registry,
    registrations,
    routes: calendarRoutes(deps),
    installationStore: config.slack.oauth ? postgresInstallationStore(db, clock) : undefined,
    jobs,
    features: { membership, sessions, checkins, cycles },
  };
}

export function buildSlackApp(services: Services): SlackApp {
  const { registrations, routes, installationStore } = services;
  return createSlackApp(services.deps, { registrations, routes, ...(installationStore ? { installationStore } : {}) });
}
