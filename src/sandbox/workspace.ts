import { tzInfo } from './timezones';

/** Fixed ids so tests can say `USERS.ana` instead of fishing ids out of a list. */
export const TEAM = { id: 'T0PEERS01', name: 'Peer Circles Test', domain: 'peercircles-test' } as const;

export const USERS = {
  owner: 'U0PCOWNER1',
  admin: 'U0PCADMIN1',
  ana: 'U0PCANA001',
  ben: 'U0PCBEN001',
  chloe: 'U0PCCHLOE1',
  dev: 'U0PCDEV001',
  elena: 'U0PCELENA1',
  farid: 'U0PCFARID1',
  grace: 'U0PCGRACE1',
  hiro: 'U0PCHIRO01',
  isha: 'U0PCISHA01',
  jonas: 'U0PCJONAS1',
  kofi: 'U0PCKOFI01',
  priya: 'U0PCPRIYA1',
  former: 'U0PCGONE01',
  otherBot: 'U0PCOBOT01',
  bot: 'U0PCBOT001',
} as const;

export const BOT = { userId: USERS.bot, botId: 'B0PCBOT001', appId: 'A0PCAPP001', name: 'peer-circles' } as const;

export const CHANNELS = {
  /** Public, everyone is in it, the bot is not. */
  general: 'C0PCGENERL',
  /** Public, the bot is a member. */
  random: 'C0PCRANDOM',
  /** Private, the bot is a member. */
  leadership: 'C0PCLEADRS',
  /** Private, the bot is NOT a member, so to the bot it does not exist. */
  confidential: 'C0PCSECRET',
} as const;

/** Ordinary members: the people circles get built from. */
export const MEMBERS = [
  USERS.ana,
  USERS.ben,
  USERS.chloe,
  USERS.dev,
  USERS.elena,
  USERS.farid,
  USERS.grace,
  USERS.hiro,
  USERS.isha,
  USERS.jonas,
  USERS.kofi,
  USERS.priya,
] as const;

export interface User {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  display_name: string;
  email: string;
  tz: string;
  tz_offset: number;
  tz_label: string;
  is_admin: boolean;
  is_owner: boolean;
  is_restricted: boolean;
  deleted: boolean;
  is_bot: boolean;
  bot_id?: string;
}

export interface Channel {
  id: string;
  name: string;
  is_private: boolean;
  is_im: boolean;
  is_mpim: boolean;
  is_archived: boolean;
  is_general: boolean;
  created: number;
  creator: string;
  members: Set<string>;
  topic: string;
  purpose: string;
  /** The human on the other side of an IM. */
  user?: string;
}

export type NewUser = Partial<Omit<User, 'tz_offset' | 'tz_label' | 'team_id'>> & {
  /** Channels to join; defaults to #general for active humans, as Slack does for new members. */
  channels?: string[];
};

export type NewChannel = Partial<Omit<Channel, 'members' | 'is_im' | 'is_mpim'>> & { name: string; members?: string[] };

interface Seed {
  id: string;
  name: string;
  real_name: string;
  tz: string;
  is_owner?: boolean;
  is_admin?: boolean;
  deleted?: boolean;
  is_bot?: boolean;
  bot_id?: string;
}

const SEED_USERS: Seed[] = [
  { id: USERS.owner, name: 'morgan.reyes', real_name: 'Morgan Reyes', tz: 'America/New_York', is_owner: true, is_admin: true },
  { id: USERS.admin, name: 'sam.whitaker', real_name: 'Sam Whitaker', tz: 'Europe/London', is_admin: true },
  { id: USERS.ana, name: 'ana.souza', real_name: 'Ana Souza', tz: 'America/Los_Angeles' },
  { id: USERS.ben, name: 'ben.okafor', real_name: 'Ben Okafor', tz: 'America/New_York' },
  { id: USERS.chloe, name: 'chloe.martin', real_name: 'Chloe Martin', tz: 'Europe/London' },
  { id: USERS.dev, name: 'dev.patel', real_name: 'Dev Patel', tz: 'Asia/Kolkata' },
  { id: USERS.elena, name: 'elena.petrova', real_name: 'Elena Petrova', tz: 'Europe/London' },
  { id: USERS.farid, name: 'farid.haddad', real_name: 'Farid Haddad', tz: 'America/Los_Angeles' },
  { id: USERS.grace, name: 'grace.kim', real_name: 'Grace Kim', tz: 'America/New_York' },
  { id: USERS.hiro, name: 'hiro.tanaka', real_name: 'Hiro Tanaka', tz: 'America/Los_Angeles' },
  { id: USERS.isha, name: 'isha.reddy', real_name: 'Isha Reddy', tz: 'Asia/Kolkata' },
  { id: USERS.jonas, name: 'jonas.berg', real_name: 'Jonas Berg', tz: 'Europe/London' },
  { id: USERS.kofi, name: 'kofi.mensah', real_name: 'Kofi Mensah', tz: 'America/New_York' },
  { id: USERS.priya, name: 'priya.nair', real_name: 'Priya Nair', tz: 'Asia/Kolkata' },
  { id: USERS.former, name: 'taylor.former', real_name: 'Taylor Former', tz: 'America/Los_Angeles', deleted: true },
  {
    id: USERS.otherBot,
    name: 'standup-bot',
    real_name: 'Standup Bot',
    tz: 'America/Los_Angeles',
    is_bot: true,
    bot_id: 'B0PCOBOT01',
  },
  { id: USERS.bot, name: BOT.name, real_name: 'Peer Circles', tz: 'America/Los_Angeles', is_bot: true, bot_id: BOT.botId },
];

export class Workspace {
  readonly team: { id: string; name: string; domain: string };
  readonly users = new Map<string, User>();
  readonly channels = new Map<string, Channel>();
  private readonly dmByUser = new Map<string, string>();
  private userSeq = 0;
  private channelSeq = 0;

  constructor(
    teamId: string,
    private readonly now: () => number,
  ) {
    this.team = { id: teamId, name: TEAM.name, domain: TEAM.domain };
    for (const seed of SEED_USERS) this.addUser({ ...seed, channels: [] });
    const created = Math.floor(now() / 1000) - 86_400 * 365;
    const humans = [USERS.owner, USERS.admin, ...MEMBERS];
    this.addChannel({ id: CHANNELS.general, name: 'general', is_general: true, created, creator: USERS.owner, members: humans });
    this.addChannel({
      id: CHANNELS.random,
      name: 'random',
      created,
      creator: USERS.owner,
      members: [USERS.owner, USERS.ana, USERS.ben, USERS.chloe, USERS.dev, USERS.bot],
    });
    this.addChannel({
      id: CHANNELS.leadership,
      name: 'leadership',
      is_private: true,
      created,
      creator: USERS.owner,
      members: [USERS.owner, USERS.admin, USERS.bot],
    });
    this.addChannel({
      id: CHANNELS.confidential,
      name: 'confidential',
      is_private: true,
      created,
      creator: USERS.admin,
      members: [USERS.owner, USERS.admin, USERS.priya],
    });
  }

  get botUserId(): string {
    return BOT.userId;
  }

  user(id: string): User | undefined {
    return this.users.get(id);
  }

  channel(id: string): Channel | undefined {
    return this.channels.get(id);
  }

  channelByName(name: string): Channel | undefined {
    for (const channel of this.channels.values()) if (channel.name === name) return channel;
    return undefined;
  }

  addUser(partial: NewUser = {}): User {
    const seq = ++this.userSeq;
    const id = partial.id ?? `U0GEN${seq.toString(36).toUpperCase().padStart(5, '0')}`;
    if (this.users.has(id)) throw new Error(`workspace.addUser: ${id} already exists`);
    const name = partial.name ?? `member${seq}`;
    const real_name = partial.real_name ?? `Member ${seq}`;
    const tz = partial.tz ?? 'America/New_York';
    const user: User = {
      id,
      team_id: this.team.id,
      name,
      real_name,
      display_name: partial.display_name ?? real_name.split(' ')[0] ?? name,
      email: partial.email ?? `${name}@peercircles.test`,
      tz,
      ...tzInfo(tz, new Date(this.now())),
      is_admin: partial.is_admin ?? false,
      is_owner: partial.is_owner ?? false,
      is_restricted: partial.is_restricted ?? false,
      deleted: partial.deleted ?? false,
      is_bot: partial.is_bot ?? false,
      ...(partial.bot_id ? { bot_id: partial.bot_id } : {}),
    };
    this.users.set(id, user);
    const joins = partial.channels ?? (user.is_bot || user.deleted ? [] : [CHANNELS.general]);
    for (const channelId of joins) if (this.channels.has(channelId)) this.addMember(channelId, id);
    return user;
  }

  /** Deactivating keeps memberships, like Slack, so the app has to cope with deleted members it still sees. */
  setUser(id: string, patch: Partial<Omit<User, 'id' | 'tz_offset' | 'tz_label'>>): User {
    const user = this.users.get(id);
    if (!user) throw new Error(`workspace.setUser: no user ${id}`);
    Object.assign(user, patch);
    if (patch.tz) Object.assign(user, tzInfo(patch.tz, new Date(this.now())));
    return user;
  }

  addChannel(partial: NewChannel): Channel {
    const seq = ++this.channelSeq;
    const id = partial.id ?? `C0GEN${seq.toString(36).toUpperCase().padStart(5, '0')}`;
    if (this.channels.has(id)) throw new Error(`workspace.addChannel: ${id} already exists`);
    const channel: Channel = {
      id,
      name: partial.name,
      is_private: partial.is_private ?? false,
      is_im: false,
      is_mpim: false,
      is_archived: partial.is_archived ?? false,
      is_general: partial.is_general ?? false,
      created: partial.created ?? Math.floor(this.now() / 1000),
      creator: partial.creator ?? USERS.owner,
      members: new Set(partial.members ?? []),
      topic: partial.topic ?? '',
      purpose: partial.purpose ?? '',
    };
    this.channels.set(id, channel);
    return channel;
  }

  addMember(channelId: string, userId: string): void {
    this.requireChannel(channelId).members.add(userId);
  }

  removeMember(channelId: string, userId: string): void {
    this.requireChannel(channelId).members.delete(userId);
  }

  isMember(channelId: string, userId: string): boolean {
    return this.channels.get(channelId)?.members.has(userId) ?? false;
  }

  /** Stable per user so tests can compute it before the app ever calls conversations.open. */
  dmChannelOf(userId: string): string {
    const existing = this.dmByUser.get(userId);
    if (existing) return existing;
    const id = `D${userId.slice(1)}`;
    this.channels.set(id, {
      id,
      name: id,
      is_private: true,
      is_im: true,
      is_mpim: false,
      is_archived: false,
      is_general: false,
      created: Math.floor(this.now() / 1000),
      creator: userId,
      members: new Set([userId, this.botUserId]),
      topic: '',
      purpose: '',
      user: userId,
    });
    this.dmByUser.set(userId, id);
    return id;
  }

  openMpim(userIds: string[]): string {
    const members = [...new Set([...userIds, this.botUserId])].sort();
    for (const channel of this.channels.values()) {
      if (channel.is_mpim && [...channel.members].sort().join() === members.join()) return channel.id;
    }
    const id = `G0MPIM${(++this.channelSeq).toString(36).toUpperCase().padStart(4, '0')}`;
    const names = members.map((m) => this.users.get(m)?.name ?? m);
    this.channels.set(id, {
      id,
      name: `mpdm-${names.join('--')}-1`,
      is_private: true,
      is_im: false,
      is_mpim: true,
      is_archived: false,
      is_general: false,
      created: Math.floor(this.now() / 1000),
      creator: this.botUserId,
      members: new Set(members),
      topic: '',
      purpose: '',
    });
    return id;
  }

  private requireChannel(id: string): Channel {
    const channel = this.channels.get(id);
    if (!channel) throw new Error(`workspace: no channel ${id}`);
    return channel;
  }
}
