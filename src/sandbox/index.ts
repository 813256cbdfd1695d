export {
  type BlockKitIssue,
  describeIssue,
  describeIssues,
  LIMITS,
  type Surface,
  validateBlocks,
  validateView,
} from './blockKit';
export {
  ACK_TIMEOUT_MS,
  type ClickOptions,
  type ClickResult,
  type ClickTarget,
  type CloseResult,
  type CommandOptions,
  type CommandResult,
  type DriverResult,
  type SignOptions,
  SlackDriver,
} from './driver';
export { type SeedMessage, type SlackEmulator, type SlackEmulatorOptions, startSlackEmulator } from './emulator';
export type { HttpResult } from './httpClient';
export { RESPONSE_URL_MAX_USES, RESPONSE_URL_TTL_MS } from './responseUrls';
export { computeSignature, signatureHeaders, verifySignature } from './signing';
export type { HttpMount, ResponseUrlContext } from './state';
export { TRIGGER_TTL_MS } from './triggers';
export type {
  EphemeralSource,
  InjectedFailure,
  JsonObject,
  Reaction,
  RecordedCall,
  RecordedResponse,
  StoredEphemeral,
  StoredFile,
  StoredMessage,
  StoredView,
} from './types';
export { SlackWouldRejectError } from './viewResponse';
export type { StateOptions } from './viewState';
export { MAX_MODAL_STACK } from './viewStore';
export {
  BOT,
  CHANNELS,
  type Channel,
  MEMBERS,
  type NewChannel,
  type NewUser,
  TEAM,
  USERS,
  type User,
  Workspace,
} from './workspace';
