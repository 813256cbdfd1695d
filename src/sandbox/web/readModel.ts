import type { SlackEmulator } from '../emulator';
import type { StoredEphemeral, StoredFile, StoredMessage, StoredView } from '../types';
import type { Channel, User } from '../workspace';
import { fileView } from './files';
import type { ConversationContent, ConversationView, MessageView, ModalView, PersonView } from './types';

/** Per viewer, the ts of the last message they saw in each conversation. */
export class ReadMarks {
  private readonly marks = new Map<string, Map<string, string>>();

  markRead(viewer: string, channel: string, ts: string): void {
    const mine = this.marks.get(viewer) ?? new Map<string, string>();
    if (Number(ts) > Number(mine.get(channel) ?? '0')) mine.set(channel, ts);
    this.marks.set(viewer, mine);
  }

  lastRead(viewer: string, channel: string): string {
    return this.marks.get(viewer)?.get(channel) ?? '0';
  }
}

export function personView(user: User, titles: Record<string, string>): PersonView {
  const title = titles[user.id];
  return {
    id: user.id,
    name: user.name,
    realName: user.real_name,
    displayName: user.display_name,
    tz: user.tz,
    tzLabel: user.tz_label,
    isBot: user.is_bot,
    isAdmin: user.is_admin,
    isOwner: user.is_owner,
    deleted: user.deleted,
    ...(title ? { title } : {}),
  };
}

/** Whether the viewer may read a conversation at all, as Slack's client would let them. */
export function canRead(channel: Channel, viewer: string): boolean {
  if (channel.is_im) return channel.user === viewer;
  if (channel.is_private || channel.is_mpim) return channel.members.has(viewer);
  return true;
}

/** The sidebar: channels (joined first), the app's DM, group DMs, each with its unread count. */
export function conversationsFor(emulator: SlackEmulator, viewer: string, marks: ReadMarks): ConversationView[] {
  const workspace = emulator.workspace;
  const appDm = workspace.dmChannelOf(viewer);
  const out: ConversationView[] = [];
  for (const channel of workspace.channels.values()) {
    if (channel.is_archived || !canRead(channel, viewer)) continue;
    if (channel.is_im && channel.id !== appDm) continue;
    const kind = channel.is_im ? 'app' : channel.is_mpim ? 'group' : channel.is_private ? 'private' : 'channel';
    const isMember = channel.members.has(viewer) || channel.is_im;
    out.push({
      id: channel.id,
      kind,
      name:
        kind === 'app'
          ? (workspace.user(emulator.botUserId)?.real_name ?? 'App')
          : kind === 'group'
            ? groupTitle(emulator, channel, viewer)
            : channel.name,
      memberCount: channel.members.size,
      isMember,
      unread: isMember ? unreadIn(emulator, channel.id, viewer, marks) : 0,
      topic: channel.topic,
    });
  }
  return out.sort((a, b) => Number(b.isMember) - Number(a.isMember) || a.name.localeCompare(b.name));
}

/** As Slack titles a group DM: the other people's names, not the mpdm-… name the API gives it. */
function groupTitle(emulator: SlackEmulator, channel: Channel, viewer: string): string {
  const names = [...channel.members]
    .filter((id) => id !== viewer && id !== emulator.botUserId)
    .map((id) => emulator.workspace.user(id)?.real_name ?? id)
    .sort((a, b) => a.localeCompare(b));
  return names.length > 0 ? names.join(', ') : channel.name;
}

function unreadIn(emulator: SlackEmulator, channel: string, viewer: string, marks: ReadMarks): number {
  const since = Number(marks.lastRead(viewer, channel));
  const posted = emulator.messages(channel).filter((m) => isTopLevel(m) && m.user !== viewer && Number(m.ts) > since).length;
  const privately = emulator.ephemeralsTo(viewer).filter((e) => e.channel === channel && Number(e.ts) > since).length;
  return posted + privately;
}

const isTopLevel = (m: { ts: string; thread_ts?: string }) => !m.thread_ts || m.thread_ts === m.ts;

function messageView(m: StoredMessage, files: Map<string, StoredFile>): MessageView {
  const shared = (m.files ?? []).flatMap((id) => {
    const file = files.get(id);
    return file ? [fileView(file)] : [];
  });
  return {
    ts: m.ts,
    user: m.user,
    text: m.text,
    blocks: m.blocks,
    edited: m.updatedCount > 0,
    ephemeral: false,
    ...(m.thread_ts && m.thread_ts !== m.ts ? { threadTs: m.thread_ts } : {}),
    replies: [],
    ...(shared.length > 0 ? { files: shared } : {}),
  };
}

function ephemeralView(e: StoredEphemeral): MessageView {
  return {
    ts: e.ts,
    user: '',
    text: e.text,
    blocks: e.blocks,
    edited: false,
    ephemeral: true,
    ...(e.thread_ts ? { threadTs: e.thread_ts } : {}),
    replies: [],
  };
}

/** A conversation's history as the viewer sees it: their ephemerals mixed in, replies under their parent. */
export function contentFor(emulator: SlackEmulator, channelId: string, viewer: string, botUserId: string): ConversationContent {
  const files = new Map(emulator.files().map((f) => [f.id, f]));
  const all = [
    ...emulator.messages(channelId).map((m) => messageView(m, files)),
    ...emulator
      .ephemeralsTo(viewer)
      .filter((e) => e.channel === channelId)
      .map((e) => ({ ...ephemeralView(e), user: botUserId })),
  ].sort((a, b) => Number(a.ts) - Number(b.ts));
  const byTs = new Map(all.filter((m) => !m.threadTs).map((m) => [m.ts, m]));
  const top: MessageView[] = [];
  for (const m of all) {
    const parent = m.threadTs ? byTs.get(m.threadTs) : undefined;
    if (parent) parent.replies.push(m);
    else top.push(m);
  }
  return { id: channelId, messages: top };
}

export function modalViews(
  stack: StoredView[],
  errors: Map<string, { hash: string; errors: Record<string, string> }>,
): ModalView[] {
  return stack.map((v) => {
    const known = errors.get(v.id);
    return { id: v.id, hash: v.hash, view: v.view, errors: known && known.hash === v.hash ? known.errors : {} };
  });
}
