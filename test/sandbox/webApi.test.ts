import type { UsersListResponse } from '@slack/web-api';
import { CHANNELS, MEMBERS, type SlackEmulator, startSlackEmulator, USERS } from '../../src/sandbox';
import { clientFor, section, slackError } from './helpers';

describe('Web API over the real WebClient', () => {
  let emu: SlackEmulator;
  beforeAll(async () => {
    emu = await startSlackEmulator();
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.reset());

  describe('auth', () => {
    it('answers auth.test for the bot token', async () => {
      const res = await clientFor(emu).auth.test();
      expect(res).toMatchObject({
        ok: true,
        team_id: 'T0PEERS01',
        user_id: emu.botUserId,
        bot_id: emu.botId,
        team: 'Peer Circles Test',
      });
    });

    it('rejects other tokens and missing tokens', async () => {
      expect((await slackError(clientFor(emu, 'xoxb-wrong').auth.test())).code).toBe('invalid_auth');
      expect((await slackError(clientFor(emu, '').auth.test())).code).toBe('not_authed');
    });

    it('answers unknown_method and records every call', async () => {
      expect((await slackError(clientFor(emu).apiCall('chat.frobnicate', {}))).code).toBe('unknown_method');
      expect(emu.calls.map((c) => c.method)).toEqual(['chat.frobnicate']);
    });
  });

  describe('chat.postMessage', () => {
    it('posting to a user id lands in their DM and returns the D channel', async () => {
      const res = await clientFor(emu).chat.postMessage({ channel: USERS.ana, text: 'Welcome!', blocks: [section('Welcome!')] });
      expect(res.channel).toBe(emu.dmChannelOf(USERS.ana));
      expect(res.ts).toMatch(/^\d{10}\.\d{6}$/);
      const dms = emu.dmsTo(USERS.ana);
      expect(dms).toHaveLength(1);
      expect(dms[0]).toMatchObject({ text: 'Welcome!', user: emu.botUserId, ts: res.ts });
      // Recorded args arrive form-encoded; blocks are parsed back into objects.
      const call = emu.callsTo('chat.postMessage')[0];
      expect(call?.args.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'Welcome!' } }]);
    });

    it('gives unique increasing ts values', async () => {
      const client = clientFor(emu);
      const a = await client.chat.postMessage({ channel: CHANNELS.random, text: 'a' });
      const b = await client.chat.postMessage({ channel: CHANNELS.random, text: 'b' });
      expect(Number(b.ts)).toBeGreaterThan(Number(a.ts));
    });

    it('is strict about channels', async () => {
      const client = clientFor(emu);
      expect((await slackError(client.chat.postMessage({ channel: CHANNELS.general, text: 'hi' }))).code).toBe('not_in_channel');
      // A private channel the bot isn't in is invisible to it.
      expect((await slackError(client.chat.postMessage({ channel: CHANNELS.confidential, text: 'hi' }))).code).toBe(
        'channel_not_found',
      );
      expect((await slackError(client.chat.postMessage({ channel: 'C0NOPE0000', text: 'hi' }))).code).toBe('channel_not_found');
      expect((await slackError(client.chat.postMessage({ channel: USERS.former, text: 'hi' }))).code).toBe('account_inactive');
      expect((await slackError(client.chat.postMessage({ channel: USERS.otherBot, text: 'hi' }))).code).toBe('cannot_dm_bot');
      expect((await client.chat.postMessage({ channel: CHANNELS.leadership, text: 'ok' })).ok).toBe(true);
    });

    it('rejects archived channels, empty and oversized messages', async () => {
      const client = clientFor(emu);
      const archived = emu.workspace.addChannel({ name: 'old-circle', is_archived: true, members: [emu.botUserId] });
      expect((await slackError(client.chat.postMessage({ channel: archived.id, text: 'hi' }))).code).toBe('is_archived');
      expect((await slackError(client.chat.postMessage({ channel: CHANNELS.random, text: '' }))).code).toBe('no_text');
      expect((await slackError(client.chat.postMessage({ channel: CHANNELS.random, text: 'x'.repeat(40_001) }))).code).toBe(
        'msg_too_long',
      );
    });

    it('rejects 51 blocks with invalid_blocks and no side effect', async () => {
      const blocks = Array.from({ length: 51 }, (_, i) => section(`row ${i}`));
      const err = await slackError(clientFor(emu).chat.postMessage({ channel: CHANNELS.random, text: 'big', blocks }));
      expect(err.code).toBe('invalid_blocks');
      expect(err.data.errors).toEqual(['no more than 50 items allowed [json-pointer:/blocks]']);
      expect(emu.messages(CHANNELS.random).some((m) => m.text === 'big')).toBe(false);
    });

    it('threads replies', async () => {
      const client = clientFor(emu);
      const parent = await client.chat.postMessage({ channel: CHANNELS.random, text: 'parent' });
      const reply = await client.chat.postMessage({ channel: CHANNELS.random, text: 'reply', thread_ts: parent.ts });
      expect(emu.messages(CHANNELS.random).find((m) => m.ts === reply.ts)?.thread_ts).toBe(parent.ts);
    });
  });

  describe('chat.postEphemeral / update / delete', () => {
    it('records ephemerals per user and needs the user in the channel', async () => {
      const client = clientFor(emu);
      const res = await client.chat.postEphemeral({ channel: CHANNELS.random, user: USERS.ana, text: 'only you' });
      expect(res.message_ts).toBeDefined();
      expect(emu.ephemeralsTo(USERS.ana).map((e) => e.text)).toContain('only you');
      expect((await slackError(client.chat.postEphemeral({ channel: CHANNELS.random, user: USERS.kofi, text: 'x' }))).code).toBe(
        'user_not_in_channel',
      );
    });

    it('updates and deletes only its own messages', async () => {
      const client = clientFor(emu);
      const posted = await client.chat.postMessage({ channel: CHANNELS.random, text: 'v1', blocks: [section('v1')] });
      const ts = posted.ts ?? '';
      await client.chat.update({ channel: CHANNELS.random, ts, text: 'v2' });
      const [stored] = emu.messages(CHANNELS.random).filter((m) => m.ts === ts);
      // Omitted blocks are kept, like Slack.
      expect(stored).toMatchObject({ text: 'v2', updatedCount: 1, blocks: [expect.objectContaining({ type: 'section' })] });
      expect((await slackError(client.chat.update({ channel: CHANNELS.random, ts: '1.000001', text: 'x' }))).code).toBe(
        'message_not_found',
      );
      const human = emu.seedMessage({ channel: CHANNELS.random, user: USERS.ana, text: 'mine' });
      expect((await slackError(client.chat.update({ channel: CHANNELS.random, ts: human.ts, text: 'x' }))).code).toBe(
        'cant_update_message',
      );
      expect((await slackError(client.chat.delete({ channel: CHANNELS.random, ts: human.ts }))).code).toBe('cant_delete_message');
      await client.chat.delete({ channel: CHANNELS.random, ts });
      expect(emu.messages(CHANNELS.random).some((m) => m.ts === ts)).toBe(false);
    });
  });

  describe('conversations', () => {
    it('opens a stable DM and refuses deactivated users and bots', async () => {
      const client = clientFor(emu);
      const first = await client.conversations.open({ users: USERS.ben });
      const second = await client.conversations.open({ users: USERS.ben });
      expect(first.channel?.id).toBe(emu.dmChannelOf(USERS.ben));
      expect(second.channel?.id).toBe(first.channel?.id);
      expect((await slackError(client.conversations.open({ users: 'U0NOBODY00' }))).code).toBe('user_not_found');
      expect((await slackError(client.conversations.open({ users: USERS.former }))).code).toBe('user_disabled');
      expect((await slackError(client.conversations.open({ users: USERS.otherBot }))).code).toBe('cannot_dm_bot');
    });

    it('creates channels with Slack naming rules', async () => {
      const client = clientFor(emu);
      const created = await client.conversations.create({ name: 'circle-ana_ben-1', is_private: true });
      expect(created.channel).toMatchObject({ name: 'circle-ana_ben-1', is_private: true, is_member: true });
      const code = async (name: string) => (await slackError(client.conversations.create({ name }))).code;
      expect(await code('Circle')).toBe('invalid_name_specials');
      expect(await code('circle one')).toBe('invalid_name_specials');
      expect(await code('x'.repeat(81))).toBe('invalid_name_maxlength');
      expect(await code('')).toBe('invalid_name_required');
      expect(await code('circle-ana_ben-1')).toBe('name_taken');
      expect(await code('general')).toBe('name_taken');
    });

    it('invites like Slack', async () => {
      const client = clientFor(emu);
      const { channel } = await client.conversations.create({ name: 'circle-invites' });
      const id = channel?.id ?? '';
      await client.conversations.invite({ channel: id, users: `${USERS.ana},${USERS.ben}` });
      expect(emu.workspace.channel(id)?.members).toEqual(new Set([emu.botUserId, USERS.ana, USERS.ben]));
      expect((await slackError(client.conversations.invite({ channel: id, users: `${USERS.ana},${USERS.ben}` }))).code).toBe(
        'already_in_channel',
      );
      // Partly new is fine: only the new one is added.
      await client.conversations.invite({ channel: id, users: `${USERS.ana},${USERS.dev}` });
      expect(emu.workspace.isMember(id, USERS.dev)).toBe(true);
      expect((await slackError(client.conversations.invite({ channel: id, users: 'U0NOBODY00' }))).code).toBe('user_not_found');
      expect((await slackError(client.conversations.invite({ channel: id, users: USERS.former }))).code).toBe('user_disabled');
      expect((await slackError(client.conversations.invite({ channel: id, users: emu.botUserId }))).code).toBe(
        'cant_invite_self',
      );
      expect((await slackError(client.conversations.invite({ channel: CHANNELS.general, users: USERS.ana }))).code).toBe(
        'not_in_channel',
      );
    });

    it('joins public channels only', async () => {
      const client = clientFor(emu);
      const channel = emu.workspace.addChannel({ name: 'join-me', members: [USERS.ana] });
      await client.conversations.join({ channel: channel.id });
      expect(emu.workspace.isMember(channel.id, emu.botUserId)).toBe(true);
      expect((await slackError(client.conversations.join({ channel: CHANNELS.confidential }))).code).toBe(
        'method_not_supported_for_channel_type',
      );
    });

    it('paginates members with cursors', async () => {
      const client = clientFor(emu);
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await client.conversations.members({ channel: CHANNELS.general, limit: 5, ...(cursor ? { cursor } : {}) });
        seen.push(...(page.members ?? []));
        cursor = page.response_metadata?.next_cursor || undefined;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(new Set(seen)).toEqual(new Set([USERS.owner, USERS.admin, ...MEMBERS]));
      expect((await slackError(client.conversations.members({ channel: CHANNELS.general, cursor: 'bogus' }))).code).toBe(
        'invalid_cursor',
      );
    });

    it('describes channels and hides private ones the bot is not in', async () => {
      const client = clientFor(emu);
      const info = await client.conversations.info({ channel: CHANNELS.general, include_num_members: true });
      expect(info.channel).toMatchObject({
        id: CHANNELS.general,
        name: 'general',
        is_member: false,
        is_general: true,
        num_members: 14,
      });
      expect((await slackError(client.conversations.info({ channel: CHANNELS.confidential }))).code).toBe('channel_not_found');
    });
  });

  describe('users', () => {
    it('returns full user objects', async () => {
      const { user } = await clientFor(emu).users.info({ user: USERS.dev });
      expect(user).toMatchObject({
        id: USERS.dev,
        tz: 'Asia/Kolkata',
        tz_offset: 19800,
        tz_label: 'India Standard Time',
        is_bot: false,
        deleted: false,
        profile: { real_name: 'Dev Patel', display_name: 'Dev' },
      });
      expect((await slackError(clientFor(emu).users.info({ user: 'U0NOBODY00' }))).code).toBe('user_not_found');
    });

    it('lists everyone, including added users, with pagination', async () => {
      for (let i = 0; i < 20; i++) emu.workspace.addUser({ real_name: `Extra Person ${i}`, tz: 'Europe/London' });
      const client = clientFor(emu);
      const ids: string[] = [];
      for await (const page of client.paginate('users.list', { limit: 15 })) {
        // paginate() is untyped per page; users.list pages are UsersListResponse.
        ids.push(...((page as UsersListResponse).members ?? []).map((m) => m.id ?? ''));
      }
      expect(ids).toHaveLength(emu.workspace.users.size);
      expect(ids).toEqual(expect.arrayContaining([USERS.former, USERS.otherBot, emu.botUserId]));
    });
  });

  describe('reactions.add', () => {
    it('adds once', async () => {
      const client = clientFor(emu);
      const { ts } = await client.chat.postMessage({ channel: CHANNELS.random, text: 'react' });
      await client.reactions.add({ channel: CHANNELS.random, timestamp: ts ?? '', name: 'tada' });
      expect(emu.messages(CHANNELS.random).find((m) => m.ts === ts)?.reactions).toEqual([
        { name: 'tada', users: [emu.botUserId], count: 1 },
      ]);
      expect((await slackError(client.reactions.add({ channel: CHANNELS.random, timestamp: ts ?? '', name: 'tada' }))).code).toBe(
        'already_reacted',
      );
    });
  });
});
