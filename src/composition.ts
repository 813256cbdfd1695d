import type { CustomRoute, InstallationStore } from '@slack/bolt';
import type { AppDeps } from './app/deps';
import { costlyLimit } from './core/costly';
import { calendarFeature } from './calendar';
import { checkinSessionPorts, checkinsFeature } from './checkins';
import { circleHomeSections } from './circles/home/sections';
import type { CirclePorts } from './circles/ports';
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
import { createMetrics, type Metrics } from './core/metrics';
import type { Db } from './db/database';
import { registerHomeListeners } from './home/listeners';
import { opsRoutes } from './ops/routes';
import { type Home, homePublisher } from './home/publisher';
import type { HomeSection } from './home/sections';
import type { Job } from './scheduler/job';
import { planDeliveriesJob, sendDeliveriesJob } from './scheduler/jobs';
import { DeliveryRegistry } from './scheduler/kinds';
import { createOutbox } from './scheduler/outbox';
import { pairsFeature } from './pairs';
import { pairsPersonalData } from './pairs/privacy';
import { pollsFeature } from './polls';
import { pollsPersonalData } from './polls/privacy';
import { programsFeature } from './programs';
import { programsPersonalData } from './programs/privacy';
import { formFeature } from './programs/form';
import { sessionsFeature } from './sessions';
import { createSlackApp, type InstallerParts, type Registration, type SlackApp } from './slack/app';
import { installFeature } from './install';
import { createGateway } from './workspaces/gateway';
import { postgresInstallationStore } from './workspaces/installationStore';
import { installations } from './workspaces/installations';
import { createPacer, type PacerTime, SLACK_LIMITS } from './workspaces/pacer';
import { createSealer } from './workspaces/sealing';
import { isTokenFailing } from './workspaces/service';

export interface Services {
  deps: AppDeps;
  /** Every feature's delivery kinds. */
  registry: DeliveryRegistry;
  /** Every feature's Slack registration. */
  registrations: Registration[];
  /** Extra HTTP routes (beside /slack/events and /healthz): calendar feeds, and /readyz and /metrics unless OPS_PORT is set. */
  routes: CustomRoute[];
  /** /readyz and /metrics (behind OPS_TOKEN when set): in `routes`, or served on OPS_PORT by `startOpsServer`. */
  opsRoutes: CustomRoute[];
  installationStore: InstallationStore | undefined;
  /** The install page and the welcome after an install (used in OAuth mode). */
  installer: InstallerParts;
  /** The scheduled work of every feature, in the order one pass runs it. */
  jobs: Job[];
  /** Feature handles that tests and the demo drive directly. */
  features: {
    membership: ReturnType<typeof membershipFeature>;
    sessions: ReturnType<typeof sessionsFeature>;
    checkins: ReturnType<typeof checkinsFeature>;
    pairs: ReturnType<typeof pairsFeature>;
    cycles: ReturnType<typeof cyclesFeature>;
    programs: ReturnType<typeof programsFeature>;
    form: ReturnType<typeof formFeature>;
  };
}

export interface ServiceOptions {
  /**
   * The pacer's time line; real time by default. A simulation that lives through weeks in minutes
   * passes one that follows its own clock, so that Slack's per-second limits are kept in simulated
   * seconds instead of slowing the simulation to Slack's real pace.
   */
  pacerTime?: PacerTime;
  /**
   * Wraps the App Home redraws features ask for after a change (opening the tab still draws it
   * with the publisher itself). The demo leaves them out while its clock jumps.
   */
  home?: (home: Home) => Home;
}

/** The one place that wires features, jobs and delivery kinds together; `main`, `cli tick`, the demo and the tests all build the app from here. */
export function buildServices(
  config: Config,
  db: Db,
  clock: Clock,
  logger: Logger,
  metrics: Metrics = createMetrics(),
  options: ServiceOptions = {},
): Services {
  // OAuth mode keeps every workspace's tokens in the database, sealed (config insists on a key).
  const stored =
    config.slack.oauth && config.installations.encryptionKeys.length > 0
      ? installations(db, createSealer(config.installations.encryptionKeys), clock)
      : undefined;
  const gateway = createGateway({
    config,
    logger,
    clock,
    pacer: createPacer(db, clock, SLACK_LIMITS, options.pacerTime),
    ...(stored ? { installations: stored } : {}),
    ...(config.slack.botToken ? { tokenFailed: (teamId: string) => isTokenFailing(db, teamId) } : {}),
  });
  const registry = new DeliveryRegistry();
  const outbox = createOutbox({ db, gateway, logger, metrics }, registry, clock);
  const sections: HomeSection[] = [];
  const publisher = homePublisher({ config, db, clock, logger, gateway }, sections);
  const home = options.home ? options.home(publisher) : publisher;
  const deps: AppDeps = {
    config,
    db,
    clock,
    logger,
    gateway,
    outbox,
    home,
    inflight: new Set(),
    metrics,
    costly: costlyLimit(),
  };

  // Check-ins fill the sessions' ports: commitments in reminders, facilitators' buttons on agendas, attendance on schedules.
  const checkinPorts = checkinSessionPorts(db);
  const sessions = sessionsFeature(deps, checkinPorts);
  const calendar = calendarFeature(deps);
  const circlePorts: CirclePorts = { ...sessions.circlePorts, calendarUrl: calendar.urlFor };
  const membership = membershipFeature(deps, circlePorts);
  const settings = settingsFeature(deps, circlePorts, membership.effects);
  const checkins = checkinsFeature(deps, membership.choices);
  const pairs = pairsFeature(deps);
  // Pairs fill the cycles' pairs port: who is paired, the meeting rate, kept pairs, rematches.
  const cycles = cyclesFeature(deps, circlePorts, membership.effects, pairs.cyclesPort);
  const install = installFeature(deps);
  const polls = pollsFeature(deps);
  const programs = programsFeature(deps);
  // Forming a program's circles creates ordinary circles: their sessions and next meetings come from the circle ports.
  const form = formFeature(deps, circlePorts);
  // Each feature's personal data, in the order erasure runs: the alias exists before rows point at
  // it, and the person's own record goes last.
  const myData = myDataFeature(deps, [
    personAlias,
    circlesPersonalData,
    sessionsPersonalData,
    checkinsPersonalData,
    pairsPersonalData,
    programsPersonalData,
    cyclesPersonalData,
    pollsPersonalData,
    ledgerPersonalData,
    personRecord,
  ]);

  registry.register(
    ...membership.deliveryKinds,
    ...sessions.deliveryKinds,
    ...checkins.deliveryKinds,
    ...pairs.deliveryKinds,
    ...cycles.deliveryKinds,
    ...programs.deliveryKinds,
    ...form.deliveryKinds,
    ...install.deliveryKinds,
    ...polls.deliveryKinds,
  );
  sections.push(
    ...circleHomeSections(db, circlePorts),
    calendar.homeSection,
    checkins.homeSection,
    pairs.homeSection,
    ...programs.homeSections,
    cycles.homeSection,
  );

  const registrations: Registration[] = [
    membership.register,
    settings.register,
    sessions.register,
    checkins.register,
    pairs.register,
    cycles.register,
    polls.register,
    programs.register,
    form.register,
    myData.register,
    calendar.register,
    install.register,
    (app) => {
      registerHomeListeners(app, publisher);
      return {};
    },
  ];
  // Order matters within a pass: pauses end before reminders are planned, sessions exist before
  // their deliveries are planned, who was at a session is noted before its check-ins are planned,
  // and what was planned goes out in the same pass.
  const jobs: Job[] = [
    // Single-token mode: a workspace held back for a failing token is served again before planning.
    ...install.firstJobs,
    ...membership.jobs,
    sessions.horizonJob,
    checkins.rosterJob,
    planDeliveriesJob(db, registry),
    cycles.endJob,
    sendDeliveriesJob(deps, registry),
    // Last: after downtime, what an ended session missed must still be planned (and skipped as late).
    sessions.heldJob,
    ...install.lastJobs,
  ];
  const ops = opsRoutes({ db, logger, metrics, clock, token: config.ops.token });
  return {
    deps,
    registry,
    registrations,
    routes: [...(config.ops.port ? [] : ops), ...calendar.routes],
    opsRoutes: ops,
    installationStore: stored ? postgresInstallationStore(stored) : undefined,
    installer: install.installer,
    jobs,
    features: { membership, sessions, checkins, pairs, cycles, programs, form },
  };
}

export function buildSlackApp(services: Services): SlackApp {
  const { registrations, routes, installationStore, installer } = services;
  return createSlackApp(services.deps, {
    registrations,
    routes,
    ...(installationStore ? { installationStore, installer } : {}),
  });
}
