import { randomId, viewHash, withGeneratedIds } from './ids';
import type { JsonObject, StoredView } from './types';

/** Slack lets a user stack at most three modals. */
export const MAX_MODAL_STACK = 3;

export interface ViewIdentity {
  teamId: string;
  appId: string;
  botId: string;
}

/** Modal stacks per user plus published home tabs, with the ids/hashes Slack hands out. */
export class ViewStore {
  private readonly byId = new Map<string, StoredView>();
  private readonly stacks = new Map<string, string[]>();
  private readonly homes = new Map<string, string>();

  constructor(
    private readonly now: () => number,
    private readonly identity: ViewIdentity,
  ) {}

  get(id: string): StoredView | undefined {
    return this.byId.get(id);
  }

  /** Closed modals are gone from Slack, so their external_id is free again. */
  byExternalId(externalId: string): StoredView | undefined {
    for (const view of this.byId.values()) {
      if (view.externalId === externalId && (view.type === 'home' || view.isOpen)) return view;
    }
    return undefined;
  }

  stackOf(userId: string): StoredView[] {
    return (this.stacks.get(userId) ?? []).map((id) => this.byId.get(id)).filter((v): v is StoredView => v !== undefined);
  }

  homeOf(userId: string): StoredView | undefined {
    const id = this.homes.get(userId);
    return id ? this.byId.get(id) : undefined;
  }

  /** views.open starts a fresh stack: whatever the user had open is replaced. */
  open(userId: string, view: JsonObject): StoredView {
    this.clear(userId);
    const stored = this.create(userId, view, null, null);
    this.stacks.set(userId, [stored.id]);
    return stored;
  }

  push(userId: string, view: JsonObject): StoredView | 'push_limit_reached' | 'no_open_view' {
    const stack = this.stacks.get(userId) ?? [];
    const top = stack[stack.length - 1];
    const root = stack[0];
    if (!top || !root) return 'no_open_view';
    if (stack.length >= MAX_MODAL_STACK) return 'push_limit_reached';
    const stored = this.create(userId, view, root, top);
    stack.push(stored.id);
    this.stacks.set(userId, stack);
    return stored;
  }

  publish(userId: string, view: JsonObject): StoredView {
    const existing = this.homeOf(userId);
    if (existing) return this.update(existing, view);
    const stored = this.create(userId, view, null, null);
    this.homes.set(userId, stored.id);
    return stored;
  }

  /** Same id, new content and hash, as views.update / response_action: update do. */
  update(stored: StoredView, view: JsonObject): StoredView {
    const hash = viewHash(this.now());
    stored.hash = hash;
    stored.view = this.render(view, stored.id, hash, stored.rootViewId, stored.previousViewId);
    const externalId = typeof view.external_id === 'string' ? view.external_id : undefined;
    if (externalId) stored.externalId = externalId;
    return stored;
  }

  /** Closing a view also drops anything pushed on top of it. */
  close(userId: string, viewId: string): void {
    const stack = this.stacks.get(userId) ?? [];
    const index = stack.indexOf(viewId);
    if (index < 0) return;
    for (const id of stack.splice(index)) {
      const view = this.byId.get(id);
      if (view) view.isOpen = false;
    }
  }

  clear(userId: string): void {
    const root = this.stacks.get(userId)?.[0];
    if (root) this.close(userId, root);
  }

  private create(userId: string, view: JsonObject, rootViewId: string | null, previousViewId: string | null): StoredView {
    const id = randomId('V', 10);
    const hash = viewHash(this.now());
    const root = rootViewId ?? id;
    const type = view.type === 'home' ? 'home' : 'modal';
    const externalId = typeof view.external_id === 'string' ? view.external_id : undefined;
    const stored: StoredView = {
      id,
      view: this.render(view, id, hash, root, previousViewId),
      userId,
      rootViewId: root,
      previousViewId,
      hash,
      type,
      isOpen: type === 'modal',
      ...(externalId ? { externalId } : {}),
    };
    this.byId.set(id, stored);
    return stored;
  }

  private render(view: JsonObject, id: string, hash: string, rootViewId: string, previousViewId: string | null): JsonObject {
    const blocks = Array.isArray(view.blocks) ? withGeneratedIds(view.blocks) : [];
    return {
      id,
      team_id: this.identity.teamId,
      type: view.type,
      blocks,
      private_metadata: view.private_metadata ?? '',
      callback_id: view.callback_id ?? '',
      state: { values: {} },
      hash,
      title: view.title ?? null,
      clear_on_close: view.clear_on_close ?? false,
      notify_on_close: view.notify_on_close ?? false,
      close: view.close ?? null,
      submit: view.submit ?? null,
      previous_view_id: previousViewId,
      root_view_id: rootViewId,
      app_id: this.identity.appId,
      external_id: view.external_id ?? '',
      app_installed_team_id: this.identity.teamId,
      bot_id: this.identity.botId,
    };
  }
}
