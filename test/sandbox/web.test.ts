import { CHANNELS, type SlackEmulator, startSlackEmulator, USERS } from '../../src/sandbox';
import { webSurface } from '../../src/sandbox/web';
import type { ActRequest, PageState } from '../../src/sandbox/web/types';
import { FakeApp } from './fakeApp';
import { clientFor } from './helpers';

describe('the web surface for the demo page', () => {
  let emu: SlackEmulator;
  let app: FakeApp;
  let base: string;

  beforeEach(async () => {
    emu = await startSlackEmulator();
    app = await new FakeApp(emu.signingSecret).start();
    emu.mount(
      webSurface({
        emulator: emu,
        driver: emu.driver(app.url),
        page: { html: '<p>page</p>', assets: { 'app.js': { contentType: 'text/javascript', body: 'run()' } } },
        titles: { [USERS.owner]: 'Organizer' },
      }),
    );
    base = `${emu.baseUrl}/demo`;
  });
  afterEach(async () => {
    await app.stop();
    await emu.close();
  });

  const state = async (as: string, conversation?: string): Promise<PageState> => {
    const query = new URLSearchParams({ as, ...(conversation ? { conversation } : {}) });
    return (await (await fetch(`${base}/api/state?${query.toString()}`)).json()) as PageState;
  };
  const act = async (request: ActRequest) =>
    (await (
      await fetch(`${base}/api/act`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      })
    ).json()) as Record<string, unknown>;
  const api = (method: string, args: Record<string, unknown>) =>
    fetch(`${emu.apiUrl}${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emu.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    }).then((r) => r.json() as Promise<Record<string, unknown>>);

  it('serves the page and its assets beside the Web API', async () => {
    expect(await (await fetch(base)).text()).toBe('<p>page</p>');
    expect(await (await fetch(`${base}/assets/app.js`)).text()).toBe('run()');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    expect(await api('auth.test', {})).toMatchObject({ ok: true });
  });

  it('shows a person their channels, the app DM and unread counts, and marks a conversation read', async () => {
    emu.seedMessage({ channel: CHANNELS.general, user: USERS.ana, text: 'hello *all*' });
    const before = await state(USERS.owner, CHANNELS.general);
    expect(before.people.find((p) => p.id === USERS.owner)).toMatchObject({ realName: 'Morgan Reyes', title: 'Organizer' });
    expect(before.conversations.find((c) => c.id === CHANNELS.general)).toMatchObject({ name: 'general', unread: 1 });
    expect(before.conversations.find((c) => c.kind === 'app')).toMatchObject({
      id: emu.dmChannelOf(USERS.owner),
      name: 'Peer Circles',
    });
    // A private channel the person is not in is not there at all.
    expect((await state(USERS.ana)).conversations.map((c) => c.id)).not.toContain(CHANNELS.leadership);
    expect(before.current?.messages.map((m) => m.text)).toEqual(['hello *all*']);
    expect(await act({ type: 'read', as: USERS.owner, channel: CHANNELS.general })).toEqual({ ok: true });
    expect((await state(USERS.owner)).conversations.find((c) => c.id === CHANNELS.general)?.unread).toBe(0);
  });

  it("titles a group DM with the other people's names, as Slack does", async () => {
    const { channel } = await clientFor(emu).conversations.open({ users: `${USERS.ana},${USERS.ben}` });
    const group = (await state(USERS.ana)).conversations.find((c) => c.id === channel?.id);
    expect(group).toMatchObject({ kind: 'group', name: 'Ben Okafor' });
    expect((await state(USERS.ben)).conversations.find((c) => c.id === channel?.id)?.name).toBe('Ana Souza');
  });

  it('shows shared files: a CSV as a table preview, an image inline, both downloadable', async () => {
    const dm = emu.dmChannelOf(USERS.owner);
    const rows = ['member,sessions', ...Array.from({ length: 12 }, (_, i) => `"Member, ${i}",${i}`)].join('\n');
    await clientFor(emu).files.uploadV2({ channel_id: dm, content: rows, filename: 'attendance.csv', title: 'Attendance' });
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    await clientFor(emu).files.uploadV2({ channel_id: dm, file: png, filename: 'chart.png', title: 'Chart' });
    const messages = (await state(USERS.owner, dm)).current?.messages ?? [];
    const files = messages.flatMap((m) => m.files ?? []);
    const csv = files.find((f) => f.kind === 'csv');
    expect(csv).toMatchObject({ title: 'Attendance', filename: 'attendance.csv' });
    expect(csv?.preview?.rows[0]).toEqual(['member', 'sessions']);
    expect(csv?.preview?.rows[1]).toEqual(['Member, 0', '0']);
    expect(csv?.preview?.rows).toHaveLength(8);
    expect(csv?.preview?.total).toBe(13);
    const image = files.find((f) => f.kind === 'image');
    expect(image).toMatchObject({ title: 'Chart', filename: 'chart.png' });

    const inline = await fetch(`${base}/api/files/${image?.id ?? ''}`);
    expect(inline.headers.get('content-type')).toBe('image/png');
    expect(inline.headers.get('content-disposition')).toBe('inline; filename="chart.png"');
    expect(Buffer.from(await inline.arrayBuffer()).equals(png)).toBe(true);
    const download = await fetch(`${base}/api/files/${csv?.id ?? ''}?download`);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="attendance.csv"');
    expect(await download.text()).toBe(rows);
    expect((await fetch(`${base}/api/files/F0NOSUCHFILE`)).status).toBe(404);
  });

  it('nests thread replies under their parent', async () => {
    const parent = emu.seedMessage({ channel: CHANNELS.general, user: USERS.ana, text: 'agenda' });
    emu.seedMessage({ channel: CHANNELS.general, user: USERS.ben, text: 'minutes', thread_ts: parent.ts });
    const { current } = await state(USERS.owner, CHANNELS.general);
    expect(current?.messages).toHaveLength(1);
    expect(current?.messages[0]?.replies.map((r) => r.text)).toEqual(['minutes']);
  });

  it('types a command through the signed driver and shows the ack only to that person', async () => {
    app.reply = () => ({ body: { response_type: 'ephemeral', text: 'You are in' } });
    expect(await act({ type: 'command', as: USERS.ana, channel: CHANNELS.general, text: '/circle join Rhythm' })).toEqual({
      ok: true,
    });
    expect(app.received[0]?.signatureValid).toBe(true);
    expect(app.received[0]?.body).toMatchObject({ command: '/circle', text: 'join Rhythm', user_id: USERS.ana });
    expect((await state(USERS.ana, CHANNELS.general)).current?.messages).toMatchObject([{ text: 'You are in', ephemeral: true }]);
    expect((await state(USERS.ben, CHANNELS.general)).current?.messages).toEqual([]);
  });

  it('refuses commands the app does not have, and what a person could not do, with a reason', async () => {
    expect(await act({ type: 'command', as: USERS.ana, channel: CHANNELS.general, text: '/giphy cats' })).toMatchObject({
      ok: false,
    });
    const refused = await act({ type: 'command', as: USERS.ana, channel: CHANNELS.leadership, text: '/circle list' });
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining('not a member') });
    expect(app.received).toHaveLength(0);
  });

  it('submits a modal and keeps the field errors the app answered until the view changes', async () => {
    const opened = await api('views.open', {
      trigger_id: emu.issueTriggerId(USERS.owner),
      view: {
        type: 'modal',
        callback_id: 'settings',
        title: { type: 'plain_text', text: 'New circle' },
        submit: { type: 'plain_text', text: 'Create' },
        blocks: [
          {
            type: 'input',
            block_id: 'name',
            label: { type: 'plain_text', text: 'Name' },
            element: { type: 'plain_text_input', action_id: 'name' },
          },
        ],
      },
    });
    const viewId = (opened.view as { id: string }).id;
    app.reply = () => ({ body: { response_action: 'errors', errors: { name: 'Taken' } } });
    expect(await act({ type: 'submit', as: USERS.owner, viewId, values: { name: 'Rhythm' } })).toEqual({
      ok: true,
      errors: { name: 'Taken' },
    });
    expect((await state(USERS.owner)).modals).toMatchObject([{ id: viewId, errors: { name: 'Taken' } }]);
    app.reply = () => ({ body: '' });
    expect(await act({ type: 'submit', as: USERS.owner, viewId, values: { name: 'Fresh' } })).toEqual({ ok: true });
    expect((await state(USERS.owner)).modals).toEqual([]);
  });

  it('tells listeners over server-sent events when something changed', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/api/events`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    const next = async () => new TextDecoder().decode((await reader.read()).value);
    expect(await next()).toContain('event: change');
    await api('chat.postMessage', { channel: CHANNELS.random, text: 'news' });
    expect(await next()).toMatch(/event: change\ndata: \{"version":\d+\}/);
    controller.abort();
  });
});
