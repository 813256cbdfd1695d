import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { CHANNELS, type SlackEmulator, startSlackEmulator, USERS } from '../../src/sandbox';

/** End-to-end proof that a real Bolt app accepts the driver's requests and talks to the emulator. */
describe('real Bolt app against the emulator', () => {
  let emu: SlackEmulator;
  let app: App;
  let appUrl: string;

  beforeAll(async () => {
    emu = await startSlackEmulator();
    app = new App({
      token: emu.botToken,
      signingSecret: emu.signingSecret,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 } },
    });
    app.command('/circle', async ({ ack, body, client }) => {
      await ack();
      await client.views.open({
        trigger_id: body.trigger_id,
        view: {
          type: 'modal',
          callback_id: 'join',
          title: { type: 'plain_text', text: 'Join a circle' },
          submit: { type: 'plain_text', text: 'Join' },
          blocks: [
            {
              type: 'input',
              block_id: 'goal',
              label: { type: 'plain_text', text: 'Goal' },
              element: { type: 'plain_text_input', action_id: 'v' },
            },
          ],
        },
      });
    });
    app.view('join', async ({ ack, view, body, client }) => {
      const goal = view.state.values.goal?.v?.value ?? '';
      if (goal.length < 3) {
        await ack({ response_action: 'errors', errors: { goal: 'Say a bit more' } });
        return;
      }
      await ack();
      await client.chat.postMessage({
        channel: body.user.id,
        text: `Your goal: ${goal}`,
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: `Your goal: *${goal}*` } },
          {
            type: 'actions',
            elements: [{ type: 'button', action_id: 'done', text: { type: 'plain_text', text: 'Done' }, value: goal }],
          },
        ],
      });
    });
    app.action('done', async ({ ack, respond }) => {
      await ack();
      await respond({ replace_original: true, text: 'Nice work!' });
    });
    app.event('app_home_opened', async ({ event, client }) => {
      await client.views.publish({
        user_id: event.user,
        view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Your circles' } }] },
      });
    });
    const server = (await app.start(0)) as Server; // HTTPReceiver.start resolves with its http.Server
    appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });

  afterAll(async () => {
    await app.stop();
    await emu.close();
  });

  it('runs command → modal → submission → DM → button → respond', async () => {
    const driver = emu.driver(appUrl);
    const command = await driver.command(USERS.ana, '');
    expect(command.status).toBe(200);
    const [modal] = await emu.waitFor(() => (emu.openViewsOf(USERS.ana).length ? emu.openViewsOf(USERS.ana) : undefined));
    const viewId = modal?.id ?? '';

    const rejected = await driver.submitView(USERS.ana, viewId, { goal: 'no' });
    expect(rejected.body).toEqual({ response_action: 'errors', errors: { goal: 'Say a bit more' } });
    expect(emu.openViewsOf(USERS.ana)).toHaveLength(1);

    await driver.submitView(USERS.ana, viewId, { goal: 'ship the MVP' });
    expect(emu.openViewsOf(USERS.ana)).toEqual([]);
    const [dm] = await emu.waitFor(() => (emu.dmsTo(USERS.ana).length ? emu.dmsTo(USERS.ana) : undefined));
    expect(dm?.text).toBe('Your goal: ship the MVP');

    const click = await driver.clickButton(USERS.ana, { channelId: USERS.ana, ts: dm?.ts ?? '' }, 'done');
    await emu.waitFor(() => emu.responsesFor(click.responseUrl ?? '').length > 0);
    expect(emu.dmsTo(USERS.ana)[0]).toMatchObject({ text: 'Nice work!', blocks: [] });
  });

  it('publishes the home tab on app_home_opened', async () => {
    await emu.driver(appUrl).appHomeOpened(USERS.ben);
    const home = await emu.waitFor(() => emu.homeOf(USERS.ben));
    expect(home).toMatchObject({ type: 'home' });
  });

  it('rejects a bad signature with 401 and ignores stale requests', async () => {
    const driver = emu.driver(appUrl);
    expect((await driver.command(USERS.ana, '', { signature: 'v0=bad' })).status).toBe(401);
    expect((await driver.command(USERS.ana, '', { timestamp: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
    const opensBefore = emu.callsTo('views.open').length;
    expect((await driver.command(USERS.ana, '', { channelId: CHANNELS.random })).status).toBe(200);
    // Let the listener's post-ack views.open finish before the emulator shuts down.
    await emu.waitFor(() => emu.callsTo('views.open').length > opensBefore);
  });
});
