import { randomId } from './ids';
import type { EmulatorState } from './state';
import type { JsonObject } from './types';
import type { User } from './workspace';

/** The pieces every interactive payload repeats, shaped like Slack's. */
export function payloadBasics(state: EmulatorState, user: User): JsonObject {
  const team = state.workspace.team;
  return {
    team: { id: team.id, domain: team.domain },
    user: { id: user.id, username: user.name, name: user.name, team_id: team.id },
    api_app_id: state.appId,
    token: state.config.verificationToken,
    enterprise: null,
    is_enterprise_install: false,
  };
}

/** `1732350000.123456`-style action/event timestamps from the wall clock the app also sees. */
export function wallClockTs(): string {
  const micros = Date.now() * 1000 + Math.floor(Math.random() * 1000);
  return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
}

export function eventEnvelope(state: EmulatorState, event: JsonObject): JsonObject {
  const team = state.workspace.team;
  return {
    token: state.config.verificationToken,
    team_id: team.id,
    context_team_id: team.id,
    context_enterprise_id: null,
    api_app_id: state.appId,
    event: { ...event, event_ts: event.event_ts ?? wallClockTs() },
    type: 'event_callback',
    event_id: randomId('Ev', 10),
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: team.id, user_id: state.botUserId, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${randomId('', 40, 'abcdefghijklmnopqrstuvwxyz0123456789')}`,
  };
}

export function channelName(state: EmulatorState, channelId: string): string {
  const channel = state.workspace.channel(channelId);
  if (!channel || channel.is_im) return 'directmessage';
  return channel.name;
}
