import type { Button, ModalView, PlainTextOption } from '@slack/web-api';
import { CHANNELS, type SlackEmulator, SlackWouldRejectError, startSlackEmulator, USERS } from '../../src/sandbox';
import { FakeApp } from './fakeApp';
import { clientFor } from './helpers';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (value: string): PlainTextOption => ({ text: plain(value), value });
const button = (actionId: string, value?: string): Button => ({
  type: 'button',
  action_id: actionId,
  text: plain(actionId),
  ...(value ? { value } : {}),
});

const joinModal: ModalView = {
  type: 'modal',
  callback_id: 'join',
  title: plain('Join a circle'),
  submit: plain('Save'),
  blocks: [
    {
      type: 'input',
      block_id: 'goal',
      label: plain('Goal'),
      element: { type: 'plain_text_input', action_id: 'v', max_length: 20 },
    },
    {
      type: 'input',
      block_id: 'topic',
      label: plain('Topic'),
      element: { type: 'static_select', action_id: 'v', options: [option('design'), option('eng')] },
    },
    {
      type: 'input',
      block_id: 'days',
      label: plain('Days'),
      element: { type: 'checkboxes', action_id: 'v', options: [option('mon'), option('tue')] },
    },
    {
      type: 'input',
      block_id: 'buddy',
      optional: true,
      label: plain('Buddy'),
      element: { type: 'users_select', action_id: 'v' },
    },
    {
      type: 'input',
      block_id: 'size',
      optional: true,
      label: plain('Size'),
      element: { type: 'number_input', action_id: 'v', is_decimal_allowed: false, initial_value: '4' },
    },
    { type: 'input', block_id: 'start', optional: true, label: plain('Start'), element: { type: 'datepicker', action_id: 'v' } },
    { type: 'actions', block_id: 'more', elements: [button('add_goal', 'g')] },
  ],
};

describe('driver', () => {
  let emu: SlackEmulator;
  let app: FakeApp;
  beforeAll(async () => {
    emu = await startSlackEmulator();
    app = await new FakeApp(emu.signingSecret).start();
  });
  afterAll(async () => {
    await app.stop();
    await emu.close();
  });
  beforeEach(() => {
    emu.reset();
    app.reply = () => ({ status: 200 });
  });

  const openJoinModal = async (userId: string) => {
    const res = await clientFor(emu).views.open({ trigger_id: emu.issueTriggerId(userId), view: joinModal });
    return res.view?.id ?? '';
  };

  describe('signing', () => {
    it('signs requests so an independent verifier accepts them', async () => {
      await emu.driver(app.url).command(USERS.ana, 'join');
      expect(app.last().signatureValid).toBe(true);
      expect(app.last().headers['content-type']).toBe('application/x-www-form-urlencoded');
    });

    it('can send stale, forged and retried requests', async () => {
      const driver = emu.driver(app.url);
      await driver.event(
        { type: 'app_mention', user: USERS.ana, text: 'hi' },
        { timestamp: Math.floor(Date.now() / 1000) - 600 },
      );
      expect(app.last().signatureValid).toBe(false);
      await driver.command(USERS.ana, 'join', { signature: 'v0=deadbeef' });
      expect(app.last().signatureValid).toBe(false);
      await driver.event({ type: 'app_mention', user: USERS.ana, text: 'hi' }, { retryNum: 1, retryReason: 'http_timeout' });
      expect(app.last()).toMatchObject({
        signatureValid: true,
        headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
      });
    });
  });

  describe('command', () => {
    it("sends Slack's slash command form and returns the ack", async () => {
      app.reply = () => ({ status: 200, body: { text: 'Working on it' } });
      const res = await emu.driver(app.url).command(USERS.ana, 'join design');
      expect(app.last().body).toMatchObject({
        team_id: emu.teamId,
        team_domain: 'peercircles-test',
        channel_id: CHANNELS.general,
        channel_name: 'general',
        user_id: USERS.ana,
        user_name: 'ana.souza',
        command: '/circle',
        text: 'join design',
        api_app_id: emu.appId,
        response_url: res.responseUrl,
        trigger_id: res.triggerId,
      });
      expect(res.body).toEqual({ text: 'Working on it' });
      // Slack shows the ack to the invoking user.
      expect(emu.ephemeralsTo(USERS.ana).at(-1)).toMatchObject({
        text: 'Working on it',
        source: 'command_ack',
        channel: CHANNELS.general,
      });
    });

    it('refuses to type in a channel the user is not in, and fails loudly on an invalid ack', async () => {
      await expect(emu.driver(app.url).command(USERS.ana, 'x', { channelId: CHANNELS.leadership })).rejects.toThrow(
        /not a member/,
      );
      app.reply = () => ({ status: 200, body: { blocks: [{ type: 'nonsense' }] } });
      await expect(emu.driver(app.url).command(USERS.ana, 'x')).rejects.toThrow(SlackWouldRejectError);
    });

    it('gives a trigger the app can use within 3 s', async () => {
      const res = await emu.driver(app.url).command(USERS.ben, 'join');
      const opened = await clientFor(emu).views.open({ trigger_id: res.triggerId, view: joinModal });
      expect(emu.openViewsOf(USERS.ben).map((v) => v.id)).toEqual([opened.view?.id]);
    });
  });

  describe('response_url', () => {
    const post = (url: string, body: unknown) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    it('records posts and allows five uses', async () => {
      const { responseUrl } = await emu.driver(app.url).command(USERS.ana, 'status');
      for (let i = 0; i < 5; i++) expect((await post(responseUrl, { text: `update ${i}` })).status).toBe(200);
      const sixth = await post(responseUrl, { text: 'too many' });
      expect(sixth.status).toBe(404);
      expect(await sixth.text()).toBe('used_url');
      expect(emu.responsesFor(responseUrl).map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 404]);
      expect(emu.responseUrlPosts[0]?.body).toEqual({ text: 'update 0' });
      expect(emu.ephemeralsTo(USERS.ana).filter((e) => e.source === 'response_url')).toHaveLength(5);
    });

    it('expires after 30 minutes', async () => {
      let clock = Date.now();
      const timed = await startSlackEmulator({ now: () => clock });
      try {
        const { responseUrl } = await timed.driver(app.url).command(USERS.ana, 'status');
        clock += 30 * 60 * 1000 + 1;
        const res = await post(responseUrl, { text: 'late' });
        expect(res.status).toBe(404);
        expect(await res.text()).toBe('expired_url');
      } finally {
        await timed.close();
      }
    });

    it('rejects invalid blocks', async () => {
      const { responseUrl } = await emu.driver(app.url).command(USERS.ana, 'status');
      const res = await post(responseUrl, { text: 'x', blocks: [{ type: 'section' }] });
      expect(res.status).toBe(400);
    });

    it('replace_original / delete_original act on the clicked bot message', async () => {
      const client = clientFor(emu);
      const posted = await client.chat.postMessage({
        channel: CHANNELS.random,
        text: 'Join?',
        blocks: [{ type: 'actions', block_id: 'rsvp', elements: [button('rsvp_yes', 'yes'), button('rsvp_no', 'no')] }],
      });
      const ts = posted.ts ?? '';
      const click = await emu.driver(app.url).clickButton(USERS.ana, { channelId: CHANNELS.random, ts }, 'rsvp_yes');
      expect((await post(click.responseUrl ?? '', { replace_original: true, text: 'Ana joined' })).status).toBe(200);
      expect(emu.messages(CHANNELS.random).find((m) => m.ts === ts)).toMatchObject({
        text: 'Ana joined',
        blocks: [],
        updatedCount: 1,
      });
      const again = await emu
        .driver(app.url)
        .clickButton(USERS.ana, { channelId: CHANNELS.random, ts }, 'rsvp_yes')
        .catch((e: Error) => e);
      expect(again).toBeInstanceOf(Error);
      const temp = await client.chat.postMessage({
        channel: CHANNELS.random,
        text: 'tmp',
        blocks: [{ type: 'actions', elements: [button('x')] }],
      });
      const click2 = await emu.driver(app.url).clickButton(USERS.ben, { channelId: CHANNELS.random, ts: temp.ts ?? '' }, 'x');
      await post(click2.responseUrl ?? '', { delete_original: true });
      expect(emu.messages(CHANNELS.random).some((m) => m.text === 'tmp')).toBe(false);
    });
  });

  describe('clickButton', () => {
    it("sends a block_actions payload shaped like Slack's", async () => {
      const posted = await clientFor(emu).chat.postMessage({
        channel: USERS.ana,
        text: 'Pick',
        blocks: [{ type: 'actions', block_id: 'pick', elements: [button('accept', 'circle-1'), button('decline')] }],
      });
      const res = await emu.driver(app.url).clickButton(USERS.ana, { channelId: USERS.ana, ts: posted.ts ?? '' }, 'accept');
      const payload = app.last().body;
      expect(payload).toMatchObject({
        type: 'block_actions',
        team: { id: emu.teamId, domain: 'peercircles-test' },
        user: { id: USERS.ana, username: 'ana.souza', team_id: emu.teamId },
        api_app_id: emu.appId,
        trigger_id: res.triggerId,
        container: { type: 'message', message_ts: posted.ts, channel_id: emu.dmChannelOf(USERS.ana), is_ephemeral: false },
        channel: { id: emu.dmChannelOf(USERS.ana) },
        message: { ts: posted.ts, bot_id: emu.botId, text: 'Pick' },
        response_url: res.responseUrl,
        actions: [{ type: 'button', action_id: 'accept', block_id: 'pick', value: 'circle-1', text: plain('accept') }],
      });
    });

    it('explains what is there when the action_id is wrong', async () => {
      const posted = await clientFor(emu).chat.postMessage({
        channel: CHANNELS.random,
        text: 'x',
        blocks: [{ type: 'actions', elements: [button('only_one')] }],
      });
      await expect(
        emu.driver(app.url).clickButton(USERS.ana, { channelId: CHANNELS.random, ts: posted.ts ?? '' }, 'missing'),
      ).rejects.toThrow(/no element with action_id "missing".*only_one \(button/);
    });

    it('supports selects, ephemeral messages and views', async () => {
      const driver = emu.driver(app.url);
      const ephemeralBlocks = [
        {
          type: 'section',
          text: plain('Size?'),
          accessory: { type: 'static_select', action_id: 'size', options: [option('3'), option('4')] },
        },
      ];
      await driver.clickButton(USERS.ana, { ephemeral: { blocks: ephemeralBlocks, channelId: CHANNELS.general } }, 'size', {
        selectedOption: '4',
      });
      expect(app.last().body).toMatchObject({
        container: { is_ephemeral: true },
        actions: [{ type: 'static_select', selected_option: option('4') }],
      });
      expect(app.last().body.message).toBeUndefined();
      const viewId = await openJoinModal(USERS.chloe);
      await driver.clickButton(USERS.chloe, { viewId }, 'add_goal', { values: { goal: 'ship it' } });
      expect(app.last().body).toMatchObject({
        container: { type: 'view', view_id: viewId },
        view: { id: viewId, state: { values: { goal: { v: { type: 'plain_text_input', value: 'ship it' } } } } },
        actions: [{ action_id: 'add_goal', block_id: 'more', value: 'g' }],
      });
      expect(app.last().body.response_url).toBeUndefined();
    });
  });

  describe('submitView', () => {
    it('builds Slack state values per element type', async () => {
      const viewId = await openJoinModal(USERS.dev);
      await emu
        .driver(app.url)
        .submitView(USERS.dev, viewId, { goal: 'mentor', topic: 'eng', days: ['mon', 'tue'], buddy: USERS.ana });
      expect(app.last().body).toMatchObject({
        type: 'view_submission',
        user: { id: USERS.dev },
        response_urls: [],
        view: {
          id: viewId,
          callback_id: 'join',
          state: {
            values: {
              goal: { v: { type: 'plain_text_input', value: 'mentor' } },
              topic: { v: { type: 'static_select', selected_option: option('eng') } },
              days: { v: { type: 'checkboxes', selected_options: [option('mon'), option('tue')] } },
              buddy: { v: { type: 'users_select', selected_user: USERS.ana } },
              size: { v: { type: 'number_input', value: '4' } },
              start: { v: { type: 'datepicker', selected_date: null } },
            },
          },
        },
      });
      // Empty ack closes the modal.
      expect(emu.openViewsOf(USERS.dev)).toEqual([]);
    });

    it('refuses submissions the Slack client would refuse', async () => {
      const viewId = await openJoinModal(USERS.elena);
      const driver = emu.driver(app.url);
      await expect(driver.submitView(USERS.elena, viewId, { goal: 'x', topic: 'eng' })).rejects.toThrow(/"days".*required/);
      await expect(driver.submitView(USERS.elena, viewId, { goal: 'x', topic: 'art', days: ['mon'] })).rejects.toThrow(
        /"art" is not an option/,
      );
      await expect(driver.submitView(USERS.elena, viewId, { goal: 'x'.repeat(21), topic: 'eng', days: ['mon'] })).rejects.toThrow(
        /max_length/,
      );
      await expect(driver.submitView(USERS.elena, viewId, { nope: 'x' })).rejects.toThrow(/"nope" is not an input block/);
      await expect(driver.submitView(USERS.ana, viewId, { goal: 'x' })).rejects.toThrow(/belongs to/);
      await driver.submitView(USERS.elena, viewId, {}, { allowMissingRequired: true });
      expect(app.last().body).toMatchObject({
        view: { state: { values: { goal: { v: { type: 'plain_text_input', value: null } } } } },
      });
    });

    it('applies response_action errors, update, push and clear', async () => {
      const driver = emu.driver(app.url);
      const full = { goal: 'g', topic: 'eng', days: ['mon'] };
      const viewId = await openJoinModal(USERS.farid);

      app.reply = () => ({ body: { response_action: 'errors', errors: { goal: 'Too vague' } } });
      const res = await driver.submitView(USERS.farid, viewId, full);
      expect(res.body).toEqual({ response_action: 'errors', errors: { goal: 'Too vague' } });
      expect(emu.openViewsOf(USERS.farid).map((v) => v.id)).toEqual([viewId]);

      app.reply = () => ({ body: { response_action: 'errors', errors: { more: 'not an input' } } });
      await expect(driver.submitView(USERS.farid, viewId, full)).rejects.toThrow(SlackWouldRejectError);

      app.reply = () => ({ body: { response_action: 'update', view: { type: 'modal', title: plain('Thanks'), blocks: [] } } });
      await driver.submitView(USERS.farid, viewId, full);
      expect(emu.view(viewId)?.view.title).toEqual(plain('Thanks'));

      const viewId2 = await openJoinModal(USERS.farid);
      const confirm: ModalView = { type: 'modal', title: plain('Confirm'), submit: plain('Yes'), blocks: [] };
      app.reply = () => ({ body: { response_action: 'push', view: confirm } });
      await driver.submitView(USERS.farid, viewId2, full);
      const stack = emu.openViewsOf(USERS.farid);
      expect(stack.map((v) => v.previousViewId)).toEqual([null, viewId2]);
      await expect(driver.submitView(USERS.farid, viewId2, full)).rejects.toThrow(/not the top/);

      app.reply = () => ({ body: { response_action: 'clear' } });
      await driver.submitView(USERS.farid, stack[1]?.id ?? '', {});
      expect(emu.openViewsOf(USERS.farid)).toEqual([]);
      await expect(driver.submitView(USERS.farid, viewId2, full)).rejects.toThrow(/closed/);
    });
  });

  describe('closeView and events', () => {
    it('only notifies when notify_on_close is set', async () => {
      const driver = emu.driver(app.url);
      const quiet = await openJoinModal(USERS.grace);
      const before = app.received.length;
      expect((await driver.closeView(USERS.grace, quiet)).sent).toBe(false);
      expect(app.received).toHaveLength(before);
      const loud = await clientFor(emu).views.open({
        trigger_id: emu.issueTriggerId(USERS.grace),
        view: { ...joinModal, notify_on_close: true },
      });
      const res = await driver.closeView(USERS.grace, loud.view?.id ?? '');
      expect(res.sent).toBe(true);
      expect(app.last().body).toMatchObject({ type: 'view_closed', is_cleared: false, view: { id: loud.view?.id } });
      expect(emu.openViewsOf(USERS.grace)).toEqual([]);
    });

    it('wraps events in an event_callback envelope', async () => {
      const driver = emu.driver(app.url);
      await driver.appHomeOpened(USERS.hiro);
      await driver.memberJoinedChannel(USERS.hiro, CHANNELS.random);
      const [home, joined] = app.received.slice(-2).map((r) => r.body);
      expect(home).toMatchObject({
        type: 'event_callback',
        team_id: emu.teamId,
        api_app_id: emu.appId,
        event: { type: 'app_home_opened', user: USERS.hiro, channel: emu.dmChannelOf(USERS.hiro), tab: 'home' },
        authorizations: [{ team_id: emu.teamId, user_id: emu.botUserId, is_bot: true }],
      });
      expect(joined?.event_id).not.toBe(home?.event_id);
      expect(joined).toMatchObject({
        event: { type: 'member_joined_channel', user: USERS.hiro, channel: CHANNELS.random, channel_type: 'C' },
      });
      expect(emu.workspace.isMember(CHANNELS.random, USERS.hiro)).toBe(true);
    });

    it('answers url_verification and sends raw bodies untouched', async () => {
      app.reply = (req) => ({ body: { challenge: req.body.challenge } });
      const res = await emu.driver(app.url).urlVerification('abc123');
      expect(res.body).toEqual({ challenge: 'abc123' });
      app.reply = () => ({ status: 401, body: 'nope' });
      const raw = await emu.driver(app.url).raw('{"type":"event_callback"}', { 'x-slack-signature': 'v0=00' });
      expect(raw).toMatchObject({ status: 401, body: 'nope' });
      expect(app.last().signatureValid).toBe(false);
    });
  });
});
