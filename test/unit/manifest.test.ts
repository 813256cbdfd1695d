import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { BOT_SCOPES } from '../../src/slack/app';

const root = path.resolve(__dirname, '../..');
const manifest = readFileSync(path.join(root, 'manifest.yml'), 'utf8');

/** The items of a YAML list that follows `key:` (a flat list of scalars, as the manifest's are). */
function listAfter(key: string): string[] {
  const lines = manifest.split('\n');
  const start = lines.findIndex((l) => l.trim() === `${key}:`);
  if (start === -1) throw new Error(`manifest.yml has no ${key}`);
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim().startsWith('#') || line.trim() === '') continue;
    const item = /^\s*-\s+(\S+)\s*$/.exec(line);
    if (!item) break;
    out.push(item[1]!);
  }
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === 'sandbox' ? [] : sources(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** Which bot scopes a Web API method needs (any one of them), from Slack's method reference. */
const NEEDS: Record<string, string[][]> = {
  'chat.postMessage': [['chat:write']],
  'chat.postEphemeral': [['chat:write']],
  'auth.test': [],
  'chat.update': [['chat:write']],
  // Needs no scope of its own: a link to a message the app can already see.
  'chat.getPermalink': [],
  'conversations.create': [['channels:manage', 'groups:write']],
  'conversations.invite': [['channels:manage', 'groups:write']],
  'conversations.kick': [['channels:manage', 'groups:write']],
  'conversations.join': [['channels:join']],
  'conversations.info': [['channels:read', 'groups:read']],
  'conversations.members': [['channels:read', 'groups:read']],
  'conversations.open': [['im:write', 'mpim:write']],
  'users.info': [['users:read']],
  'views.open': [],
  'views.publish': [],
  'views.update': [],
  'files.uploadV2': [['files:write']],
};

describe('manifest.yml', () => {
  const used = new Set(
    sources(path.join(root, 'src')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bclient\.([a-z]+)\.([a-zA-Z0-9]+)\(/g)].map((m) => `${m[1]}.${m[2]}`),
    ),
  );

  it('asks for the same scopes the app asks for when installed through OAuth', () => {
    expect(listAfter('bot').sort()).toEqual([...BOT_SCOPES].sort());
  });

  it('asks for every scope the Web API methods in the code need, and for no other (besides commands)', () => {
    const scopes = new Set(listAfter('bot'));
    const needed = new Set<string>(['commands']);
    for (const method of used) {
      const needs = NEEDS[method];
      if (!needs) throw new Error(`Say which scopes ${method} needs in this test`);
      for (const anyOf of needs) {
        expect(anyOf.filter((s) => scopes.has(s))).not.toEqual([]);
        for (const s of anyOf) if (scopes.has(s)) needed.add(s);
      }
    }
    expect([...scopes].sort()).toEqual([...needed].sort());
  });

  it('subscribes only to the events the app handles, and keeps the Messages tab read-only', () => {
    const handled = new Set(
      sources(path.join(root, 'src')).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/app\.event\('([a-z_]+)'/g)].map((m) => m[1]!),
      ),
    );
    expect(listAfter('bot_events').sort()).toEqual([...handled].sort());
    expect(manifest).toMatch(/messages_tab_read_only_enabled: true/);
  });

  it('points the command, events and interactivity at /slack/events and OAuth at /slack/oauth_redirect', () => {
    const urls = [...manifest.matchAll(/https:\/\/circles\.example\.com(\/[a-z_/]+)/g)].map((m) => m[1]);
    expect(urls).toEqual(['/slack/events', '/slack/oauth_redirect', '/slack/events', '/slack/events']);
  });
});
