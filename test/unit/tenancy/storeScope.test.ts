import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * Every store function takes the workspace and every query filters by it: checked on the source
 * of every feature's store.ts (found, not listed, so a new feature's store is checked too).
 * Inserts carry the workspace in their row (the tables' types require team_id); the exceptions
 * below work across workspaces on purpose, and say why.
 */
const ACROSS_WORKSPACES: Record<string, string> = {
  // The check-in roster job looks for sessions that began or ended in a window, in every
  // workspace; each row it returns carries its own team_id, and all later work uses that.
  'sessions/store.ts#sessionsWhere': 'scheduler window',
  'checkins/store.ts#startedWithoutRoster': 'scheduler window: sessions begun in every workspace',
  'circles/store.ts#duePauses': 'scheduler: pauses ending today in every workspace',
  'circles/store.ts#circlesPlannedBefore': 'scheduler: circles whose stored sessions run out, in every workspace',
  'sessions/store.ts#markEndedHeld': 'scheduler: sessions over, in every workspace',
  // The end of a cycle is planned and rolled over by the scheduler for every workspace at once.
  'circles/store.ts#cyclesEndingIn': 'scheduler window: cycles ending in every workspace',
  'circles/store.ts#autoContinuing': 'scheduler: circles set to continue, in every workspace',
  'cycles/store.ts#unansweredStays': 'scheduler: stay questions unanswered for a week, in every workspace',
  // A calendar feed is fetched by URL with no Slack request around it: the secret token is what
  // names the workspace and the person, and it is unique across all of them.
  'people/store.ts#findTokenOwner': 'the feed token names the workspace',
  'polls/store.ts#pollsClosingIn': 'scheduler window: time polls closing in every workspace, for the reminder',
  'circles/store.ts#openPairsCircles': 'scheduler: coaching programs in every workspace, for surveys, checks and tips',
  // The demo serves the emulator's one workspace: time travel and the tour read what is there.
  ...Object.fromEntries(
    [
      'nextSessionStart',
      'scheduledStarting',
      'scheduledEnding',
      'endedWithCheckinDelay',
      'demoCircleNamed',
      'demoCircleDelay',
      'demoSessionAt',
      'demoSessionEnd',
      'demoLastEnded',
      'demoSessionsAhead',
      'demoCircleNames',
      'demoMatchGroups',
      'demoCycleEnds',
      'demoProgramNames',
      'demoProgramNamed',
      'sentCounts',
    ].map((name) => [`demo/store.ts#${name}`, 'the demo: one workspace']),
  ),
  'programs/store.ts#recruitingPrograms': 'scheduler: programs recruiting in every workspace, for intake reminders',
  // An Enterprise Grid org-wide install belongs to the org, not to one workspace: the org id is its key.
  'workspaces/store.ts#saveEnterpriseInstallation': 'keyed by the Enterprise Grid org',
  'workspaces/store.ts#findEnterpriseInstallation': 'keyed by the Enterprise Grid org',
  'workspaces/store.ts#replaceEnterpriseSealed': 'keyed by the Enterprise Grid org',
  'workspaces/store.ts#clearEnterpriseInstallation': 'keyed by the Enterprise Grid org',
  // The uninstall lifecycle looks across workspaces to find which to stop and which to erase.
  'workspaces/store.ts#unservedTeams': 'scheduler: which workspaces to plan nothing for',
  'workspaces/store.ts#markOrgWorkspacesUninstalled': 'keyed by the Enterprise Grid org: the workspaces it served',
  'workspaces/store.ts#reinstateOrgWorkspaces': 'keyed by the Enterprise Grid org: the workspaces it serves',
  // Single-token mode serves one workspace; these find which one is held back, for the scheduler and /readyz.
  'workspaces/store.ts#tokenFailures': 'single-token mode: workspaces whose token fails, for /readyz',
  'workspaces/store.ts#teamsAwaitingToken': 'single-token mode: workspaces to check the token for',
  'workspaces/store.ts#teamsToErase': 'scheduler: workspaces past their retention window',
  'workspaces/store.ts#teamScopedTables': 'the catalog: which tables carry a team_id',
};

function storeFunctions(): Array<{ where: string; signature: string; body: string }> {
  const root = join(__dirname, '..', '..', '..', 'src');
  const files = (readdirSync(root, { recursive: true }) as string[]).filter(
    (f) => basename(f) === 'store.ts' && !f.startsWith('sandbox'),
  );
  return files.flatMap((file) => {
    const source = readFileSync(join(root, file), 'utf8');
    return source
      .split(/\nexport (?=(?:async )?function )/)
      .slice(1)
      .map((chunk) => {
        const name = /function (\w+)/.exec(chunk)?.[1] ?? '?';
        const body = chunk.split(/\n(?:export|function|const) /)[0]!;
        // The signature ends where the body opens: `) {` or `): Type {` at a line's end (a
        // parameter's object type is part of the signature).
        return { where: `${file}#${name}`, signature: body.slice(0, body.search(/\)(?::[^\n]*)? \{\n/)), body };
      });
  });
}

describe('every store function is scoped to one workspace', () => {
  const fns = storeFunctions();

  it('finds the stores', () => {
    expect(fns.length).toBeGreaterThan(20);
  });

  it.each(fns.map((f) => [f.where, f] as const))('%s', (where, f) => {
    if (ACROSS_WORKSPACES[where]) return;
    const takesTeam = /teamId: string|team_id|(Insertable|InsertObject)</.test(f.signature);
    const insertsRow = /insertInto\(/.test(f.body) && /(Insertable|InsertObject)</.test(f.signature);
    const filters = /team_id/.test(f.body);
    expect({ where, takesTeam, scoped: filters || insertsRow }).toEqual({ where, takesTeam: true, scoped: true });
  });
});
