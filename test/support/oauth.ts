import { randomBytes } from 'node:crypto';
import type { CircleRow } from '../../src/circles/store';
import { USERS } from '../../src/sandbox';
import { WEEKDAYS, type WeeklyCadence } from '../../src/time/cadence';
import { startTestApp, type TestApp, type TestAppOptions } from './app';

export const OAUTH = {
  clientId: '1234567890.0987654321',
  clientSecret: 'oauth-client-secret-4e5f6a7b8c9d',
  stateSecret: 'oauth-state-secret-0a1b2c3d4e5f6a7b',
};

export interface OAuthTestApp extends TestApp {
  /** The base64 key tokens are sealed with. */
  encryptionKey: string;
}

/**
 * The app in OAuth mode (no SLACK_BOT_TOKEN) over an emulator that knows its client and rotates
 * tokens; the emulator's clock is the app's, so tokens expire as the test moves time.
 */
export async function startOAuthApp(options: TestAppOptions = {}): Promise<OAuthTestApp> {
  const encryptionKey = randomBytes(32).toString('base64');
  const started: { app?: TestApp } = {};
  const app = await startTestApp({
    // Bolt stamps a new token's expiry with the wall clock, so the test clock starts there too.
    start: options.start ?? new Date(Math.floor(Date.now() / 1000) * 1000),
    ...options,
    env: {
      SLACK_BOT_TOKEN: '',
      SLACK_CLIENT_ID: OAUTH.clientId,
      SLACK_CLIENT_SECRET: OAUTH.clientSecret,
      SLACK_STATE_SECRET: OAUTH.stateSecret,
      TOKEN_ENCRYPTION_KEY: encryptionKey,
      ...options.env,
    },
    emulator: {
      oauth: { clientId: OAUTH.clientId, clientSecret: OAUTH.clientSecret, tokenRotation: true },
      now: () => (started.app ? started.app.clock.now().getTime() : Date.now()),
      ...options.emulator,
    },
  });
  started.app = app;
  return Object.assign(app, { encryptionKey });
}

export interface InstallRoundTrip {
  installPage: string;
  addToSlackHref: string;
  redirect: string;
  finalStatus: number;
  finalPage: string;
}

/**
 * What a person's browser does: opens /slack/install, clicks "Add to Slack", approves on Slack's
 * page (the emulator's, which names the team, user and org in the query), and is sent back.
 */
export async function installThroughBrowser(
  t: TestApp,
  who: { user?: string; team?: string; enterprise?: string; orgWide?: boolean } = {},
): Promise<InstallRoundTrip> {
  const page = await fetch(`${t.baseUrl}/slack/install`);
  const installPage = await page.text();
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
  const href = /href="([^"]+)"[^>]*>Add to Slack</.exec(installPage)?.[1]?.replace(/&amp;/g, '&');
  if (!href) throw new Error(`no Add to Slack link on the install page:\n${installPage}`);
  const authorize = new URL(href);
  authorize.searchParams.set('user', who.user ?? USERS.owner);
  if (who.team) authorize.searchParams.set('team', who.team);
  if (who.enterprise) authorize.searchParams.set('enterprise', who.enterprise);
  if (who.orgWide) authorize.searchParams.set('org_wide', '1');
  const approved = await fetch(authorize, { redirect: 'manual' });
  const redirect = approved.headers.get('location') ?? '';
  if (approved.status !== 302 || !redirect) throw new Error(`authorize answered ${approved.status}: ${await approved.text()}`);
  // PUBLIC_URL is not this test's address: the browser would go there; the test goes to the app.
  const back = new URL(redirect);
  const final = await fetch(`${t.baseUrl}${back.pathname}${back.search}`, { headers: { cookie } });
  const finalPage = await final.text();
  await t.settle();
  return { installPage, addToSlackHref: href, redirect, finalStatus: final.status, finalPage };
}

/** A weekly cadence in UTC whose first meeting is at `at` (a whole minute), starting that day. */
export function cadenceMeetingAt(at: Date): { cadence: WeeklyCadence; startDate: string; endDate: string } {
  const day = at.toISOString().slice(0, 10);
  const end = new Date(at.getTime() + 120 * 86_400_000).toISOString().slice(0, 10);
  return {
    cadence: {
      kind: 'weekly',
      everyWeeks: 1,
      weekday: WEEKDAYS[(at.getUTCDay() + 6) % 7]!,
      localTime: at.toISOString().slice(11, 16),
      durationMinutes: 60,
      timeZone: 'UTC',
    },
    startDate: day,
    endDate: end,
  };
}

/**
 * A circle in another workspace than the emulator's own (as `seedCircle` writes one there): the
 * same rows under `teamId`, members active, its channel created in the emulator.
 */
export async function seedCircleIn(
  t: TestApp,
  teamId: string,
  f: { name: string; members: string[]; cadence: WeeklyCadence; startDate: string; endDate: string },
): Promise<CircleRow> {
  const { db, emulator } = t;
  await db
    .insertInto('workspaces')
    .values({ team_id: teamId })
    .onConflict((oc) => oc.column('team_id').doNothing())
    .execute();
  for (const userId of new Set([USERS.owner, ...f.members])) {
    await db
      .insertInto('users')
      .values({ team_id: teamId, user_id: userId, display_name: userId, time_zone: 'UTC' })
      .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
      .execute();
  }
  const channel = emulator.workspace.addChannel({
    name: `circle-${teamId.toLowerCase()}-${f.name.toLowerCase()}`,
    is_private: true,
    members: [USERS.bot, ...f.members],
  });
  const circle = await db
    .insertInto('circles')
    .values({
      team_id: teamId,
      name: f.name,
      focus: `Growing as ${f.name}`,
      kind: 'group',
      channel_id: channel.id,
      cadence: JSON.stringify(f.cadence),
      video_link: null,
      created_by: USERS.owner,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('cycles')
    .values({ team_id: teamId, circle_id: circle.id, number: 1, start_date: f.startDate, end_date: f.endDate })
    .execute();
  for (const [i, userId] of f.members.entries()) {
    const at = new Date(Date.UTC(2026, 10, 1, 12, 0, i));
    await db
      .insertInto('memberships')
      .values({ team_id: teamId, circle_id: circle.id, user_id: userId, status: 'active', joined_at: at, queued_at: at })
      .execute();
  }
  return circle;
}
