import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addFellows, FELLOWS } from '../../../src/demo/fellows';
import { readSnapshot, restoreSnapshot, saveSnapshot, takeSnapshot } from '../../../src/demo/snapshot';
import { CHANNELS, type SlackEmulator, startSlackEmulator } from '../../../src/sandbox';

/** `npm run demo -- --keep`: what a restart brings back besides the database. */
describe('the demo workspace snapshot', () => {
  const emulators: SlackEmulator[] = [];
  const dirs: string[] = [];
  const emulator = async () => {
    const e = await startSlackEmulator();
    emulators.push(e);
    return e;
  };
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'demo-snapshot-'));
    dirs.push(d);
    return d;
  };
  afterAll(async () => {
    for (const e of emulators) await e.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('keeps the people the demo added (act 5’s fellows), so what the app sends them still arrives after a restart', async () => {
    const before = await emulator();
    addFellows(before);
    const fellow = FELLOWS[0]!;
    const dm = before.workspace.dmChannelOf(fellow.id);
    before.seedMessage({ channel: dm, user: before.botUserId, text: 'Your intake', blocks: [] });
    const where = dir();
    saveSnapshot(where, takeSnapshot(before, 0));

    const after = await emulator();
    expect(after.workspace.user(fellow.id)).toBeUndefined();
    restoreSnapshot(after, readSnapshot(where)!);
    const back = after.workspace.user(fellow.id);
    expect(back).toMatchObject({ real_name: fellow.name, tz: fellow.timeZone, is_bot: false });
    expect(after.workspace.channel(CHANNELS.random)?.members.has(fellow.id)).toBe(true);
    expect(after.messages(after.workspace.dmChannelOf(fellow.id)).map((m) => m.text)).toEqual(['Your intake']);
  });

  it('still reads a snapshot saved before people were kept', () => {
    const where = dir();
    writeFileSync(join(where, 'workspace.json'), JSON.stringify({ version: 1, clockOffsetMs: 5, channels: [], messages: [] }));
    expect(readSnapshot(where)).toMatchObject({ clockOffsetMs: 5 });
  });
});
