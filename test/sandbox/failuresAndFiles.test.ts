import { ErrorCode } from '@slack/web-api';
import { CHANNELS, type SlackEmulator, startSlackEmulator, USERS } from '../../src/sandbox';
import { clientFor, slackError } from './helpers';

describe('failure injection', () => {
  let emu: SlackEmulator;
  beforeAll(async () => {
    emu = await startSlackEmulator();
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.reset());

  it('answers 429 with Retry-After, which WebClient surfaces as rate limited', async () => {
    emu.fail('chat.postMessage', { status: 429, retryAfter: 2 });
    const client = clientFor(emu, emu.botToken, { rejectRateLimitedCalls: true });
    await expect(client.chat.postMessage({ channel: CHANNELS.random, text: 'hi' })).rejects.toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 2,
    });
    expect(emu.callsTo('chat.postMessage')).toEqual([
      expect.objectContaining({ status: 429, injected: true, response: { ok: false, error: 'ratelimited' } }),
    ]);
    expect(emu.messages(CHANNELS.random).some((m) => m.text === 'hi')).toBe(false);
    // Only the next call fails.
    expect((await client.chat.postMessage({ channel: CHANNELS.random, text: 'again' })).ok).toBe(true);
  });

  it('answers HTTP 5xx and Slack errors for the next N calls', async () => {
    const client = clientFor(emu);
    emu.fail('users.info', { status: 503 });
    await expect(client.users.info({ user: USERS.ana })).rejects.toMatchObject({ code: ErrorCode.HTTPError, statusCode: 503 });
    emu.fail('conversations.open', { error: 'channel_not_found' }, 2);
    expect((await slackError(client.conversations.open({ users: USERS.ana }))).code).toBe('channel_not_found');
    expect((await slackError(client.conversations.open({ users: USERS.ana }))).code).toBe('channel_not_found');
    expect((await client.conversations.open({ users: USERS.ana })).ok).toBe(true);
    expect(emu.callsTo('conversations.open').map((c) => c.injected)).toEqual([true, true, false]);
  });
});

describe('files.uploadV2 flow', () => {
  let emu: SlackEmulator;
  beforeAll(async () => {
    emu = await startSlackEmulator();
  });
  afterAll(() => emu.close());

  it('stores the uploaded file and shares it into the channel', async () => {
    const res = await clientFor(emu).files.uploadV2({
      channel_id: CHANNELS.random,
      content: 'name,circle\nAna,1\n',
      filename: 'circles.csv',
      title: 'Circles export',
      initial_comment: 'Here is the export',
    });
    expect(res.ok).toBe(true);
    expect(emu.files()).toEqual([
      expect.objectContaining({
        title: 'Circles export',
        filename: 'circles.csv',
        content: 'name,circle\nAna,1\n',
        channel: CHANNELS.random,
      }),
    ]);
    expect(emu.callsTo('files.getUploadURLExternal')[0]?.args).toMatchObject({ filename: 'circles.csv', length: '18' });
    expect(emu.callsTo('files.completeUploadExternal')[0]?.args.files).toEqual([
      expect.objectContaining({ title: 'Circles export' }),
    ]);
    const shared = emu.messages(CHANNELS.random).at(-1);
    expect(shared).toMatchObject({ text: 'Here is the export', files: [emu.files()[0]?.id] });
  });

  it('needs the bot in the channel to share', async () => {
    const err = await slackError(
      clientFor(emu).files.uploadV2({ channel_id: CHANNELS.general, content: 'x', filename: 'x.txt' }),
    );
    expect(err.code).toBe('not_in_channel');
  });
});

describe('scopes', () => {
  it('chatWritePublic lets chat.postMessage (only) reach public channels the bot has not joined', async () => {
    const emu = await startSlackEmulator({ chatWritePublic: true });
    try {
      const client = clientFor(emu);
      expect((await client.chat.postMessage({ channel: CHANNELS.general, text: 'hello all' })).ok).toBe(true);
      expect(emu.workspace.isMember(CHANNELS.general, emu.botUserId)).toBe(false);
      const ephemeral = client.chat.postEphemeral({ channel: CHANNELS.general, user: USERS.ana, text: 'psst' });
      expect((await slackError(ephemeral)).code).toBe('not_in_channel');
      expect((await slackError(client.chat.postMessage({ channel: CHANNELS.confidential, text: 'x' }))).code).toBe(
        'channel_not_found',
      );
    } finally {
      await emu.close();
    }
  });
});

describe('latency', () => {
  it('adds the set delay to every Web API answer, as a slow Slack would', async () => {
    const emu = await startSlackEmulator({ latencyMs: 250 });
    try {
      const client = clientFor(emu);
      let started = Date.now();
      await client.auth.test();
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      emu.setLatency(0);
      started = Date.now();
      await client.auth.test();
      expect(Date.now() - started).toBeLessThan(250);
    } finally {
      await emu.close();
    }
  });
});

describe('conversations.kick', () => {
  let emu: SlackEmulator;
  beforeAll(async () => {
    emu = await startSlackEmulator();
  });
  afterAll(() => emu.close());

  it("takes a member out of a channel the bot is in, with Slack's errors for everything else", async () => {
    const client = clientFor(emu);
    emu.workspace.addMember(CHANNELS.leadership, USERS.ana);
    expect((await client.conversations.kick({ channel: CHANNELS.leadership, user: USERS.ana })).ok).toBe(true);
    expect(emu.workspace.isMember(CHANNELS.leadership, USERS.ana)).toBe(false);
    expect((await slackError(client.conversations.kick({ channel: CHANNELS.leadership, user: USERS.ana }))).code).toBe(
      'not_in_channel',
    );
    expect((await slackError(client.conversations.kick({ channel: CHANNELS.leadership, user: emu.botUserId }))).code).toBe(
      'cant_kick_self',
    );
    expect((await slackError(client.conversations.kick({ channel: CHANNELS.leadership, user: 'U0NOBODY00' }))).code).toBe(
      'user_not_found',
    );
    expect((await slackError(client.conversations.kick({ channel: CHANNELS.confidential, user: USERS.ana }))).code).toBe(
      'channel_not_found',
    );
    // A public channel the bot is not in: Slack says the bot is not in it.
    expect((await slackError(client.conversations.kick({ channel: CHANNELS.general, user: USERS.ana }))).code).toBe(
      'not_in_channel',
    );
  });
});
