import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { App } from '@slack/bolt';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { Db } from '../../src/db/database';
import { syncSessions } from '../../src/sessions/horizon';
import { type RecordedCall, TEAM, USERS } from '../../src/sandbox';
import { SORRY } from '../../src/slack/errorReply';
import { routedIds } from '../../src/slack/router';
import type { TestApp } from './app';
import { seedCircle } from './fixtures';

/** Text the hostile tests type that the bot must never send back as Slack markup. */
export const FORGERIES = ['<!channel>', '<!here>', '<!everyone>', '<@U0BOSS>', '<#C0SECRET>', '<http://evil.example'] as const;

/**
 * Everything the app sent to Slack as one string: Web API calls (posts, updates, ephemerals,
 * modals, home tabs), response_url posts and the ephemerals people saw (command acks included).
 */
export function everythingSent(t: Pick<TestApp, 'emulator'>): string {
  const ephemerals = Object.values(USERS).flatMap((u) => t.emulator.ephemeralsTo(u));
  return JSON.stringify([t.emulator.calls.map((c) => c.args), t.emulator.responseUrlPosts, ephemerals]);
}

// ---------------------------------------------------------------------------------------------
// What the app registers, read from its router, so surfaces added later are exercised unasked.

export interface Surfaces {
  actions: string[];
  views: string[];
}

/**
 * Every action id and view callback id the app answers: features register them through the
 * router (`src/slack/router.ts`), which keeps the list.
 */
export function surfacesOf(app: App): Surfaces {
  return routedIds(app as never);
}

// ---------------------------------------------------------------------------------------------
// Driving the app in-process: Bolt's own entry point, with the payloads Slack would send.

export interface Party {
  teamId: string;
  userId: string;
  channelId: string;
  /** Enterprise Grid: the organization, and the workspace the person belongs to (their home). */
  enterpriseId?: string;
  homeTeamId?: string;
}

export interface Outcome {
  acked: boolean;
  ackMs: number;
  ack: unknown;
  /** Web API calls and response_url posts the request caused. */
  calls: RecordedCall[];
  responses: unknown[];
}

/**
 * One request through `app.processEvent`, as the HTTP receiver would hand it over, minus the
 * socket: a signed round trip costs more than most handlers, and these tests send tens of
 * thousands. Waits for the work the app does after its ack.
 */
export async function drive(t: TestApp, body: Record<string, unknown>): Promise<Outcome> {
  const callsBefore = t.emulator.calls.length;
  const responsesBefore = t.emulator.responseUrlPosts.length;
  const started = performance.now();
  const outcome: Outcome = { acked: false, ackMs: Number.POSITIVE_INFINITY, ack: undefined, calls: [], responses: [] };
  await t.app.processEvent({
    body,
    ack: async (response?: unknown) => {
      if (outcome.acked) return;
      outcome.acked = true;
      outcome.ackMs = performance.now() - started;
      outcome.ack = response;
    },
  });
  await t.settle();
  outcome.calls = t.emulator.calls.slice(callsBefore);
  outcome.responses = t.emulator.responseUrlPosts.slice(responsesBefore).map((r) => r.body);
  return outcome;
}

const teamDomain = (teamId: string) => (teamId === TEAM.id ? TEAM.domain : teamId.toLowerCase());

export function commandBody(t: TestApp, p: Party, text: string): Record<string, unknown> {
  return {
    token: 'verification',
    team_id: p.teamId,
    team_domain: teamDomain(p.teamId),
    channel_id: p.channelId,
    channel_name: 'general',
    user_id: p.userId,
    user_name: p.userId.toLowerCase(),
    command: '/circle',
    text,
    api_app_id: t.emulator.appId,
    is_enterprise_install: 'false',
    ...(p.enterpriseId ? { enterprise_id: p.enterpriseId, enterprise_name: 'Org' } : {}),
    response_url: t.emulator.issueResponseUrl({ userId: p.userId, channelId: p.channelId, isEphemeral: true }),
    trigger_id: t.emulator.issueTriggerId(p.userId),
  };
}

function basics(t: TestApp, p: Party): Record<string, unknown> {
  return {
    team: { id: p.teamId, domain: teamDomain(p.teamId) },
    user: { id: p.userId, username: p.userId.toLowerCase(), name: p.userId.toLowerCase(), team_id: p.homeTeamId ?? p.teamId },
    api_app_id: t.emulator.appId,
    token: 'verification',
    enterprise: p.enterpriseId ? { id: p.enterpriseId, name: 'Org' } : null,
    is_enterprise_install: false,
    trigger_id: t.emulator.issueTriggerId(p.userId),
  };
}

/** A click on an ephemeral message's element, whatever that element carries. */
export function actionBody(t: TestApp, p: Party, action: Record<string, unknown>): Record<string, unknown> {
  const ts = `${Math.floor(Date.now() / 1000)}.000100`;
  return {
    type: 'block_actions',
    ...basics(t, p),
    container: { type: 'message', message_ts: ts, channel_id: p.channelId, is_ephemeral: true },
    channel: { id: p.channelId, name: 'general' },
    state: { values: {} },
    response_url: t.emulator.issueResponseUrl({ userId: p.userId, channelId: p.channelId, messageTs: ts, isEphemeral: true }),
    actions: [action],
  };
}

export function viewBody(t: TestApp, p: Party, view: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'view_submission',
    ...basics(t, p),
    view: { id: 'V0HOSTILE1', team_id: p.teamId, type: 'modal', blocks: [], ...view },
    response_urls: [],
  };
}

// ---------------------------------------------------------------------------------------------
// What every answer must be.

// What would mean the person saw the inside of the app instead of an answer written for them.
const INTERNAL = [
  /\bundefined\b/,
  /\bNaN\b/,
  /\[object Object\]/,
  /\b(Type|Reference|Range|Syntax)Error\b/,
  /\bError:/,
  /\n\s+at .+\(.+:\d+:\d+\)/,
  /node_modules|\.ts:\d+/,
  /syntax error at|invalid input syntax|violates .* constraint|relation ".+" does not exist|duplicate key/i,
  /ZodError|"code":\s*"invalid_/,
];

/** Words the generators never type, so finding them in an answer means the app wrote them. */
export const BANNED_IN_INPUT =
  /undefined|NaN|object Object|Error|node_modules|\.ts:|syntax|violates|relation|duplicate|Zod|invalid_/i;

/** The readable parts of what the app sent for one request (ack, replies, posts, modals). */
export function answerText(o: Outcome): string {
  const parts: unknown[] = [o.ack, o.responses, o.calls.map((c) => c.args)];
  return JSON.stringify(parts);
}

/** Why an outcome is not an acceptable answer, or [] when it is. */
export function problemsWith(o: Outcome, options: { silentOk?: boolean; mentionsPeople?: boolean } = {}): string[] {
  const problems: string[] = [];
  if (!o.acked) problems.push('never acknowledged');
  else if (o.ackMs >= 3000) problems.push(`acknowledged after ${Math.round(o.ackMs)} ms`);
  const answered =
    (o.ack !== undefined && o.ack !== '') ||
    o.responses.length > 0 ||
    o.calls.some((c) => /^(chat\.post|chat\.update|views\.)/.test(c.method));
  if (!answered && !options.silentOk) problems.push('no answer at all');
  const text = answerText(o);
  if (text.includes(SORRY.slice(0, 30))) problems.push('answered with the apology for an internal error');
  for (const pattern of INTERNAL) if (pattern.test(text)) problems.push(`internal text ${pattern} in ${text.slice(0, 400)}`);
  // A subcommand that takes @person names the person it was given, as Slack delivered the mention.
  const forgeries = options.mentionsPeople ? FORGERIES.filter((f) => !f.startsWith('<@')) : FORGERIES;
  for (const forged of forgeries) if (text.includes(forged)) problems.push(`sent ${forged} back as markup`);
  for (const call of o.calls) {
    if (call.status >= 400 || (call.response as { ok?: boolean } | undefined)?.ok === false) {
      problems.push(`${call.method} failed: ${JSON.stringify(call.response).slice(0, 200)}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The database, table by table, for one workspace.

let tablesCache: { name: string; scoped: boolean }[] | undefined;

async function tables(db: Db): Promise<{ name: string; scoped: boolean }[]> {
  if (tablesCache) return tablesCache;
  const { rows } = await sql<{ table_name: string; scoped: boolean }>`
    select t.table_name, exists (
      select 1 from information_schema.columns c
      where c.table_schema = t.table_schema and c.table_name = t.table_name and c.column_name = 'team_id') as scoped
    from information_schema.tables t
    where t.table_schema = 'public' and t.table_type = 'BASE TABLE' and t.table_name not like 'kysely_%'
    order by t.table_name`.execute(db);
  tablesCache = rows.map((r) => ({ name: r.table_name, scoped: r.scoped }));
  return tablesCache;
}

/**
 * A fingerprint of every table of the database (enumerated from information_schema, so tables
 * added later are covered): per table and workspace, a hash of its rows; a table without a
 * team_id counts for every workspace.
 */
export async function snapshot(db: Db): Promise<Record<string, Record<string, string>>> {
  const parts = (await tables(db)).map(({ name, scoped }) =>
    scoped
      ? sql`select ${name} as name, x.team_id as team, md5(string_agg(x::text, '|' order by x::text)) as hash
            from ${sql.table(name)} x group by x.team_id`
      : sql`select ${name} as name, '*' as team, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as hash
            from ${sql.table(name)} x`,
  );
  const { rows } = await sql<{ name: string; team: string; hash: string }>`${sql.join(parts, sql` union all `)}`.execute(db);
  const out: Record<string, Record<string, string>> = {};
  for (const r of rows) (out[r.team] ??= {})[r.name] = r.hash;
  return out;
}

/** The next transaction id: it moves only when something wrote, so equal marks mean nothing changed. */
async function writeMark(db: Db): Promise<string> {
  const { rows } = await sql<{ mark: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as mark`.execute(db);
  return rows[0]!.mark;
}

/**
 * Watches the database across generated cases. Comparing every table around each of thousands of
 * cases would cost more than the cases, so it first asks PostgreSQL whether any transaction
 * wrote at all (a transaction id is spent only by writes); only then does it compare tables.
 */
export class TableWatch {
  private mark = '';
  private tables: Record<string, Record<string, string>> = {};
  constructor(private readonly db: Db) {}

  async start(): Promise<void> {
    this.tables = await snapshot(this.db);
    this.mark = await writeMark(this.db);
  }

  /** The tables that changed for these workspaces since the last call (or start). */
  async changedFor(teamIds: string[]): Promise<string[]> {
    const mark = await writeMark(this.db);
    if (mark === this.mark) return [];
    const now = await snapshot(this.db);
    const changed = new Set<string>();
    for (const team of [...teamIds, '*']) {
      const before = this.tables[team] ?? {};
      const after = now[team] ?? {};
      for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
        if (before[table] !== after[table]) changed.add(team === '*' ? table : `${team}.${table}`);
      }
    }
    this.tables = now;
    this.mark = mark;
    return [...changed].sort();
  }
}

/** Rows for a team, table by table, for messages when a snapshot differs. */
export async function rowsOf(db: Db, teamId: string, table: string): Promise<unknown[]> {
  const scoped = (await tables(db)).find((x) => x.name === table)?.scoped;
  const { rows } = await sql`select * from ${sql.table(table)} ${scoped ? sql`where team_id = ${teamId}` : sql``}`.execute(db);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Generators.

/**
 * Cases per surface: HOSTILE_RUNS if set (CI's PostgreSQL run sets 1,000), else 100, which keeps `npm test` short
 * on a laptop; each case costs a few milliseconds of PGlite, and there are dozens of surfaces.
 */
export function hostileRuns(): number {
  const runs = Number(process.env.HOSTILE_RUNS ?? 100);
  return Number.isInteger(runs) && runs > 0 ? runs : 100;
}

/**
 * fast-check's parameters for every hostile property: the runs, a seed HOSTILE_SEED replays, and the
 * failed assertion's own text in the report (by default fast-check keeps it as the error's cause,
 * which Jest does not print, leaving only the counterexample and not why it failed).
 */
export function hostileParameters(): { numRuns: number; seed: number; includeErrorInReport: true } {
  return { numRuns: hostileRuns(), seed: Number(process.env.HOSTILE_SEED ?? Date.now() % 2 ** 31), includeErrorInReport: true };
}

const ADVERSARIAL = [
  '',
  ' ',
  '\u0000',
  '\u0007\u001b[31m',
  '\r\n\t',
  '\u202e\u200b\ufeff',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U0BOSS>',
  '<@U0BOSS|boss>',
  '<#C0SECRET>',
  '<#C0SECRET|secret>',
  '<http://evil.example|Payroll>',
  '&lt;!channel&gt;',
  '&amp;',
  "'; DROP TABLE circles; --",
  '" OR 1=1 --',
  "Robert'); DELETE FROM memberships;--",
  '%s%s%n',
  '${process.exit()}',
  '__proto__',
  'constructor',
  '{"circleId":1}',
  '[]',
  '-1',
  '0',
  '1e309',
  '9007199254740993',
  '2026-02-30',
  'for -3 weeks',
  'until 9999-99-99',
  'add',
  'add add add',
  '@',
  '*bold* _it_ ~st~ `code`',
  '👩‍👩‍👧‍👦'.repeat(3),
  'ＡＢＣ',
  '\ud800',
];

/** Text no one should type, and some that people do by accident. */
export const hostileText = (): fc.Arbitrary<string> =>
  fc
    .oneof(
      { weight: 4, arbitrary: fc.string({ maxLength: 40, unit: 'grapheme' }) },
      { weight: 3, arbitrary: fc.array(fc.constantFrom(...ADVERSARIAL), { minLength: 1, maxLength: 4 }).map((a) => a.join(' ')) },
      { weight: 2, arbitrary: fc.string({ maxLength: 60, unit: 'binary' }) },
      // 10 kB, built by repeating a short piece: generating 10,000 characters one by one would
      // cost more than the request it is sent in.
      {
        weight: 2,
        arbitrary: fc
          .oneof(fc.constantFrom(...ADVERSARIAL), fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }))
          .map((s) => s.repeat(Math.ceil(10_240 / Math.max(1, s.length))).slice(0, 10_240)),
      },
    )
    .filter((s) => !BANNED_IN_INPUT.test(s));

/**
 * Any JSON value, with numbers that could be ids (the test's own workspace's are filtered out by
 * the caller), other workspaces' ids, wrong types and hostile strings.
 */
export const hostileValue = (foreignIds: number[]): fc.Arbitrary<unknown> =>
  fc.oneof(
    hostileText(),
    fc.constantFrom(...foreignIds).map(String),
    fc.constantFrom(...foreignIds).map((id) => JSON.stringify({ circleId: id, sessionId: id, id })),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.jsonValue({ maxDepth: 3 }).filter((v) => !BANNED_IN_INPUT.test(JSON.stringify(v) ?? '')),
  );

/** Every integer written in a value, to keep a generated value from naming the workspace's own rows. */
export function integersIn(value: unknown): number[] {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return (text.match(/-?\d+/g) ?? []).map(Number);
}

// ---------------------------------------------------------------------------------------------
// What the features declare, from every feature's ids.ts.

export interface DeclaredIds {
  actions: string[];
  views: string[];
  /** Input block and action ids of modals (exports named …Fields or …Blocks), prefixes included. */
  fields: string[];
}

/** Every `…Actions`, `…Views` and `…Fields` export of every `src/**\/ids.ts` (the emulator's excepted). */
export function declaredIds(): DeclaredIds {
  const root = join(__dirname, '..', '..', 'src');
  const files = (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => basename(f) === 'ids.ts' && !f.startsWith('sandbox'))
    .sort();
  const out: DeclaredIds = { actions: [], views: [], fields: [] };
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the files are found at run time
    const exports = require(join(root, file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (!value || typeof value !== 'object') continue;
      const ids = Object.values(value).filter((v): v is string => typeof v === 'string');
      if (name.endsWith('Actions')) out.actions.push(...ids);
      else if (name.endsWith('Views')) out.views.push(...ids);
      else if (name.endsWith('Fields') || name.endsWith('Blocks')) out.fields.push(...ids);
    }
  }
  return out;
}

/** The workspace whose ids the hostile payloads carry into the one under test. */
export const OTHER_TEAM = 'T0PCOTHER2';

/**
 * A circle named 'Hostile' in the workspace under test and one of the same name and people in
 * OTHER_TEAM; `between` runs after the first (a scheduler pass, say). Returns the row ids of the
 * workspace under test, and those only the other workspace has.
 */
export async function seedHostileWorkspaces(
  t: TestApp,
  between: () => Promise<unknown> = async () => undefined,
): Promise<{ mine: Set<number>; foreign: number[] }> {
  const circle = await seedCircle(t.db, t.emulator, { name: 'Hostile', facilitators: [USERS.ana], members: [USERS.ben] });
  await syncSessions(t.db, TEAM.id, circle.id, t.clock.now());
  await between();
  const other = await seedCircle(t.db, t.emulator, {
    teamId: OTHER_TEAM,
    name: 'Hostile',
    facilitators: [USERS.ana],
    members: [USERS.ben, USERS.grace],
  });
  await syncSessions(t.db, OTHER_TEAM, other.id, t.clock.now());
  const mine = await idsOfTeam(t.db, TEAM.id);
  return { mine, foreign: [...(await idsOfTeam(t.db, OTHER_TEAM))].filter((id) => !mine.has(id)) };
}

/** Everything the generated cases need to know about the workspace under test. */
export async function idsOfTeam(db: Db, teamId: string): Promise<Set<number>> {
  const ids = new Set<number>();
  for (const { name, scoped } of await tables(db)) {
    if (!scoped) continue;
    const { rows } = await sql<{
      id: unknown;
    }>`select to_jsonb(x) ->> 'id' as id from ${sql.table(name)} x where x.team_id = ${teamId}`.execute(db);
    for (const r of rows) if (r.id !== null && /^\d+$/.test(String(r.id))) ids.add(Number(r.id));
  }
  return ids;
}
