import { ApiError } from './apiArgs';
import { type HttpResult, postRaw } from './httpClient';
import { buildAction, findElement } from './interactions';
import { messageObject } from './methods/shared';
import { channelName, eventEnvelope, payloadBasics, wallClockTs } from './payloads';
import { applyResponseMessage, issueResponseUrl } from './responseUrls';
import { signatureHeaders } from './signing';
import type { EmulatorState } from './state';
import { isObject, type JsonObject, type StoredView } from './types';
import { applyViewSubmissionAck, SlackWouldRejectError } from './viewResponse';
import { buildStateValues, inputSlots, type StateOptions } from './viewState';
import type { User } from './workspace';

/** Slack gives up on an ack after 3 seconds and ignores what arrives later. */
export const ACK_TIMEOUT_MS = 3000;

export interface SignOptions {
  /** Unix seconds to sign with (e.g. 10 minutes ago for a stale request). */
  timestamp?: number;
  /** Send this X-Slack-Signature instead of the correct one. */
  signature?: string;
  retryNum?: number;
  retryReason?: string;
  /** Extra/overriding headers. */
  headers?: Record<string, string>;
}

export interface DriverResult extends HttpResult {
  /** True when the app took longer than Slack's 3 s to ack; Slack would have shown an error and ignored the body. */
  timedOut: boolean;
  /** What was sent, for assertions on the payload itself. */
  payload: JsonObject;
}

export interface CommandResult extends DriverResult {
  responseUrl: string;
  triggerId: string;
}

export interface ClickResult extends DriverResult {
  triggerId: string;
  responseUrl?: string;
}

export interface CloseResult extends DriverResult {
  /** Slack only sends view_closed when the view set notify_on_close: true. */
  sent: boolean;
}

export type ClickTarget =
  | { channelId: string; ts: string }
  | { viewId: string }
  /** An ephemeral message: pass a StoredEphemeral from emu.ephemeralsTo(), or blocks + channelId. */
  | { ephemeral: { blocks: unknown[]; channelId?: string; channel?: string; ts?: string } };

export interface ClickOptions extends SignOptions {
  value?: string;
  blockId?: string;
  selectedOption?: string;
  /** For clicks inside a modal: current input values, shaped like submitView's. */
  values?: Record<string, unknown>;
}

export interface CommandOptions extends SignOptions {
  channelId?: string;
  command?: string;
}

/** Sends requests to the app exactly as Slack would: same encodings, same payload shapes, signed. */
export class SlackDriver {
  constructor(
    private readonly state: EmulatorState,
    readonly appUrl: string,
  ) {}

  async command(userId: string, text: string, opts: CommandOptions = {}): Promise<CommandResult> {
    const user = this.activeUser(userId);
    const channelId = this.resolveChannel(opts.channelId ?? this.defaultChannel());
    this.assertCanSee(user, channelId, 'run a command in');
    const responseUrl = issueResponseUrl(this.state, { userId, channelId, isEphemeral: true });
    const triggerId = this.state.triggers.issue(userId);
    const team = this.state.workspace.team;
    const payload: Record<string, string> = {
      token: this.state.config.verificationToken,
      team_id: team.id,
      team_domain: team.domain,
      channel_id: channelId,
      channel_name: channelName(this.state, channelId),
      user_id: userId,
      user_name: user.name,
      command: opts.command ?? '/circle',
      text,
      api_app_id: this.state.appId,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: triggerId,
    };
    const result = await this.send(new URLSearchParams(payload).toString(), 'application/x-www-form-urlencoded', opts, payload);
    if (result.status === 200 && !result.timedOut) this.applyCommandAck(userId, channelId, result.body);
    return { ...result, responseUrl, triggerId };
  }

  async clickButton(userId: string, where: ClickTarget, actionId: string, opts: ClickOptions = {}): Promise<ClickResult> {
    const user = this.activeUser(userId);
    const triggerId = this.state.triggers.issue(userId);
    const actionInput = {
      ...(opts.value !== undefined ? { value: opts.value } : {}),
      ...(opts.selectedOption !== undefined ? { selectedOption: opts.selectedOption } : {}),
    };
    const basics = { type: 'block_actions', ...payloadBasics(this.state, user), trigger_id: triggerId };
    let payload: JsonObject;
    let responseUrl: string | undefined;
    if ('viewId' in where) {
      const stored = this.viewFor(user, where.viewId, 'click in');
      const blocks = Array.isArray(stored.view.blocks) ? stored.view.blocks : [];
      const action = buildAction(findElement(blocks, actionId, opts.blockId), actionInput, wallClockTs());
      const values =
        stored.type === 'modal' ? buildStateValues(stored.view, opts.values ?? {}, { allowMissingRequired: true }) : {};
      payload = {
        ...basics,
        container: { type: 'view', view_id: stored.id },
        view: { ...stored.view, state: { values } },
        actions: [action],
      };
    } else if ('ephemeral' in where) {
      const channelId = this.resolveChannel(where.ephemeral.channelId ?? where.ephemeral.channel ?? this.defaultChannel());
      const messageTs = where.ephemeral.ts ?? wallClockTs();
      const action = buildAction(findElement(where.ephemeral.blocks, actionId, opts.blockId), actionInput, wallClockTs());
      responseUrl = issueResponseUrl(this.state, { userId, channelId, messageTs, isEphemeral: true });
      payload = {
        ...basics,
        container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: true },
        channel: { id: channelId, name: channelName(this.state, channelId) },
        state: { values: {} },
        response_url: responseUrl,
        actions: [action],
      };
    } else {
      const channelId = this.resolveChannel(where.channelId);
      this.assertCanSee(user, channelId, 'click in', false);
      const message = this.state.messages.find(channelId, where.ts);
      if (!message) {
        const present = this.state.messages.list(channelId).map((m) => m.ts);
        throw new Error(`no message ${where.ts} in ${channelId}; messages there: ${present.join(', ') || '(none)'}`);
      }
      const action = buildAction(findElement(message.blocks, actionId, opts.blockId), actionInput, wallClockTs());
      responseUrl = issueResponseUrl(this.state, { userId, channelId, messageTs: message.ts, isEphemeral: false });
      payload = {
        ...basics,
        container: {
          type: 'message',
          message_ts: message.ts,
          channel_id: channelId,
          is_ephemeral: false,
          ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
        },
        channel: { id: channelId, name: channelName(this.state, channelId) },
        message: messageObject(this.state, message),
        state: { values: {} },
        response_url: responseUrl,
        actions: [action],
      };
    }
    const result = await this.sendPayload(payload, opts);
    return { ...result, triggerId, ...(responseUrl ? { responseUrl } : {}) };
  }

  async submitView(
    userId: string,
    viewId: string,
    values: Record<string, unknown>,
    opts: SignOptions & StateOptions = {},
  ): Promise<DriverResult> {
    const user = this.activeUser(userId);
    const stored = this.viewFor(user, viewId, 'submit');
    const stack = this.state.views.stackOf(userId);
    if (stack[stack.length - 1]?.id !== viewId)
      throw new Error(`view ${viewId} is not the top of ${userId}'s modal stack; only the visible modal can be submitted`);
    if (stored.view.submit === null) throw new Error(`view ${viewId} has no submit button`);
    const stateValues = buildStateValues(stored.view, values, opts);
    const payload = {
      type: 'view_submission',
      ...payloadBasics(this.state, user),
      trigger_id: this.state.triggers.issue(userId),
      view: { ...stored.view, state: { values: stateValues } },
      response_urls: this.modalResponseUrls(userId, stored, stateValues),
    };
    const result = await this.sendPayload(payload, opts);
    if (result.status === 200 && !result.timedOut) applyViewSubmissionAck(this.state, stored, result.body);
    return result;
  }

  async closeView(userId: string, viewId: string, opts: SignOptions = {}): Promise<CloseResult> {
    const user = this.activeUser(userId);
    const stored = this.viewFor(user, viewId, 'close');
    const isCleared = stored.view.clear_on_close === true;
    if (isCleared) this.state.views.clear(userId);
    else this.state.views.close(userId, viewId);
    const payload = { type: 'view_closed', ...payloadBasics(this.state, user), view: stored.view, is_cleared: isCleared };
    if (stored.view.notify_on_close !== true) {
      return { status: 0, body: '', headers: {}, rawBody: '', elapsedMs: 0, timedOut: false, payload, sent: false };
    }
    return { ...(await this.sendPayload(payload, opts)), sent: true };
  }

  event(event: JsonObject, opts: SignOptions = {}): Promise<DriverResult> {
    const envelope = eventEnvelope(this.state, event);
    return this.send(JSON.stringify(envelope), 'application/json', opts, envelope);
  }

  appHomeOpened(userId: string, tab: 'home' | 'messages' = 'home', opts: SignOptions = {}): Promise<DriverResult> {
    this.activeUser(userId);
    const home = this.state.views.homeOf(userId);
    return this.event(
      {
        type: 'app_home_opened',
        user: userId,
        channel: this.state.workspace.dmChannelOf(userId),
        tab,
        ...(tab === 'home' && home ? { view: home.view } : {}),
      },
      opts,
    );
  }

  /** Adds the membership (as the real join would have) and sends member_joined_channel. */
  memberJoinedChannel(userId: string, channelId: string, opts: SignOptions & { inviter?: string } = {}): Promise<DriverResult> {
    const channel = this.state.workspace.channel(channelId);
    if (!channel) throw new Error(`no channel ${channelId}`);
    this.state.workspace.addMember(channelId, userId);
    return this.event(
      {
        type: 'member_joined_channel',
        user: userId,
        channel: channelId,
        channel_type: channel.is_private ? 'G' : 'C',
        team: this.state.workspace.team.id,
        ...(opts.inviter ? { inviter: opts.inviter } : {}),
      },
      opts,
    );
  }

  /** A person posts a message (stored in the channel history) and the app receives the message event. */
  userMessage(
    userId: string,
    channelId: string,
    text: string,
    opts: SignOptions & { threadTs?: string } = {},
  ): Promise<DriverResult> {
    const user = this.activeUser(userId);
    const resolved = this.resolveChannel(channelId);
    this.assertCanSee(user, resolved, 'post in');
    const message = this.state.messages.post(resolved, userId, {
      text,
      blocks: [],
      ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
    });
    const channel = this.state.workspace.channel(resolved);
    const channelType = channel?.is_im ? 'im' : channel?.is_mpim ? 'mpim' : channel?.is_private ? 'group' : 'channel';
    return this.event(
      {
        type: 'message',
        channel: resolved,
        user: userId,
        text,
        ts: message.ts,
        channel_type: channelType,
        ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
      },
      opts,
    );
  }

  urlVerification(challenge: string, opts: SignOptions = {}): Promise<DriverResult> {
    const payload = { token: this.state.config.verificationToken, challenge, type: 'url_verification' };
    return this.send(JSON.stringify(payload), 'application/json', opts, payload);
  }

  /** Exactly these bytes and headers, unsigned unless you add signedHeaders(body). */
  async raw(body: string, headers: Record<string, string> = {}, contentType = 'application/json'): Promise<HttpResult> {
    return postRaw(this.appUrl, body, { 'content-type': contentType, ...headers });
  }

  signedHeaders(body: string, opts: SignOptions = {}): Record<string, string> {
    const headers = signatureHeaders(this.state.config.signingSecret, body, opts.timestamp);
    if (opts.signature !== undefined) headers['x-slack-signature'] = opts.signature;
    if (opts.retryNum !== undefined) headers['x-slack-retry-num'] = String(opts.retryNum);
    if (opts.retryNum !== undefined || opts.retryReason !== undefined)
      headers['x-slack-retry-reason'] = opts.retryReason ?? 'http_timeout';
    return { ...headers, ...opts.headers };
  }

  private async send(body: string, contentType: string, opts: SignOptions, payload: JsonObject): Promise<DriverResult> {
    const result = await postRaw(this.appUrl, body, {
      'content-type': contentType,
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...this.signedHeaders(body, opts),
    });
    return { ...result, timedOut: result.elapsedMs > ACK_TIMEOUT_MS, payload };
  }

  private sendPayload(payload: JsonObject, opts: SignOptions): Promise<DriverResult> {
    return this.send(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      'application/x-www-form-urlencoded',
      opts,
      payload,
    );
  }

  /** A command's ack body is shown to the invoking user like a response_url message; invalid content fails loudly. */
  private applyCommandAck(userId: string, channelId: string, body: unknown): void {
    if (body === '' || body === undefined) return;
    const message = isObject(body) ? body : { text: String(body) };
    try {
      applyResponseMessage(this.state, { userId, channelId, isEphemeral: true }, message, 'command_ack');
    } catch (error) {
      if (error instanceof ApiError)
        throw new SlackWouldRejectError(`Slack would reject the command ack: ${error.code} ${JSON.stringify(error.extra)}`);
      throw error;
    }
  }

  /** Conversation selects with response_url_enabled give the app response URLs for the chosen channel. */
  private modalResponseUrls(
    userId: string,
    stored: StoredView,
    values: Record<string, Record<string, JsonObject>>,
  ): JsonObject[] {
    return inputSlots(stored.view).flatMap((slot) => {
      if (slot.element.response_url_enabled !== true) return [];
      const state = values[slot.blockId]?.[slot.actionId];
      const channelId = state?.selected_conversation ?? state?.selected_channel;
      if (typeof channelId !== 'string') return [];
      const response_url = issueResponseUrl(this.state, { userId, channelId, isEphemeral: true });
      return [{ block_id: slot.blockId, action_id: slot.actionId, channel_id: channelId, response_url }];
    });
  }

  private activeUser(userId: string): User {
    const user = this.state.workspace.user(userId);
    if (!user) throw new Error(`no user ${userId} in the emulated workspace`);
    if (user.deleted || user.is_bot)
      throw new Error(`${userId} is ${user.deleted ? 'deactivated' : 'a bot'} and cannot interact`);
    return user;
  }

  private viewFor(user: User, viewId: string, verb: string): StoredView {
    const stored = this.state.views.get(viewId);
    if (!stored) throw new Error(`no view ${viewId}`);
    if (stored.userId && stored.userId !== user.id)
      throw new Error(`view ${viewId} belongs to ${stored.userId}, so ${user.id} cannot ${verb} it`);
    if (stored.type === 'modal' && !stored.isOpen) throw new Error(`view ${viewId} is closed; nobody can ${verb} it`);
    return stored;
  }

  private defaultChannel(): string {
    return this.state.workspace.channelByName('general')?.id ?? '';
  }

  private resolveChannel(id: string): string {
    return /^[UW]/.test(id) ? this.state.workspace.dmChannelOf(id) : id;
  }

  /** Public channels can be read (and clicked in) without joining; typing a command or message needs membership. */
  private assertCanSee(user: User, channelId: string, verb: string, requireMember = true): void {
    const channel = this.state.workspace.channel(channelId);
    if (!channel) {
      if (channelId.startsWith('D')) return;
      throw new Error(`no channel ${channelId} in the emulated workspace`);
    }
    if (channel.is_im) {
      if (channel.user !== user.id)
        throw new Error(`${channelId} is another user's DM with the bot; ${user.id} cannot ${verb} it`);
      return;
    }
    if (!requireMember && !channel.is_private) return;
    if (!channel.members.has(user.id)) throw new Error(`${user.id} is not a member of ${channelId}, so they cannot ${verb} it`);
  }
}
