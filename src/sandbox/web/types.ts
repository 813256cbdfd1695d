/**
 * The JSON the workspace page reads and sends. Shared by the server (src/sandbox/web) and the
 * page (web/demo), so neither side can drift from the other. Plain data only: no Node or DOM types.
 */

export interface PersonView {
  id: string;
  name: string;
  realName: string;
  displayName: string;
  tz: string;
  tzLabel: string;
  isBot: boolean;
  isAdmin: boolean;
  isOwner: boolean;
  deleted: boolean;
  /** A role the demo gives the person ("Organizer", "Facilitator"), shown in the switcher. */
  title?: string;
}

export type ConversationKind = 'channel' | 'private' | 'app' | 'group';

export interface ConversationView {
  id: string;
  kind: ConversationKind;
  name: string;
  memberCount: number;
  isMember: boolean;
  unread: number;
  topic: string;
}

/** A file shared in a message: an image is shown inline, a CSV as a table preview, both downloadable. */
export interface FileView {
  id: string;
  title: string;
  filename: string;
  /** The bytes are at the page's `api/files/<id>` (with `?download` to save them). */
  kind: 'image' | 'csv' | 'other';
  /** CSV only: the first rows, and how many rows the file has in all (header included). */
  preview?: { rows: string[][]; total: number };
}

export interface MessageView {
  ts: string;
  user: string;
  text: string;
  blocks: unknown[];
  edited: boolean;
  /** Only visible to the viewer (chat.postEphemeral, a response_url reply or a command's ack). */
  ephemeral: boolean;
  threadTs?: string;
  replies: MessageView[];
  files?: FileView[];
}

export interface ModalView {
  id: string;
  hash: string;
  view: Record<string, unknown>;
  /** Field errors from the last `response_action: errors`, by block id. */
  errors: Record<string, string>;
}

export interface ConversationContent {
  id: string;
  messages: MessageView[];
}

/** Everything the page shows for one viewer, in one read. */
export interface PageState {
  version: number;
  /** The workspace clock (the demo clock) in ms. */
  now: number;
  team: { id: string; name: string };
  app: { userId: string; name: string; dmChannel: string };
  viewer: string;
  people: PersonView[];
  conversations: ConversationView[];
  current?: ConversationContent;
  home?: { id: string; view: Record<string, unknown> };
  modals: ModalView[];
  /** What the demo adds (clock controls, tour); opaque to the emulator. */
  demo?: unknown;
}

export type ActTarget =
  { kind: 'message'; channel: string; ts: string } | { kind: 'ephemeral'; ts: string } | { kind: 'view'; viewId: string };

/** One thing a person does, as the page sends it. */
export type ActRequest =
  | { type: 'command'; as: string; channel: string; text: string }
  | { type: 'message'; as: string; channel: string; text: string; threadTs?: string }
  | {
      type: 'action';
      as: string;
      target: ActTarget;
      actionId: string;
      blockId?: string;
      value?: string;
      selectedOption?: string;
      values?: Record<string, string | string[] | null>;
    }
  | { type: 'submit'; as: string; viewId: string; values: Record<string, string | string[] | null> }
  | { type: 'close'; as: string; viewId: string }
  | { type: 'openHome'; as: string }
  | { type: 'read'; as: string; channel: string };

export type ActResponse = { ok: true; errors?: Record<string, string>; notice?: string } | { ok: false; error: string };
