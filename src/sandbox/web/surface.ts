import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { SlackDriver } from '../driver';
import type { SlackEmulator } from '../emulator';
import type { HttpMount } from '../state';
import { isObject } from '../types';
import { readJsonBody, RefusedBody } from './jsonBody';
import { contentTypeOf } from './files';
import { canRead, contentFor, conversationsFor, modalViews, personView, ReadMarks } from './readModel';
import type { ActRequest, ActResponse, PageState } from './types';

export interface PageAsset {
  contentType: string;
  body: string;
}

/** What the demo plugs into the page besides the workspace: its clock controls and tour. */
export interface DemoHooks {
  /** Shown to the page under `demo` in every state read. */
  state(): unknown;
  /** POST <base>/api/control/<name>: answers JSON, or throws an Error whose message the page shows. */
  control(name: string, body: unknown): Promise<unknown>;
  /** Why what a person does is refused right now, if it is: answered at once, never queued. */
  refuseAct?(request: ActRequest): string | undefined;
}

export interface WebSurfaceOptions {
  emulator: SlackEmulator;
  /** Acts "as user X" exactly as the tests do: signed requests to the app. */
  driver: SlackDriver;
  /** Resolves when the app has finished the work it does after an ack. */
  settle?: () => Promise<void>;
  /** The page: index.html plus named assets served under <base>/assets/. */
  page: { html: string; assets: Record<string, PageAsset> };
  /** Where the page lives; default /demo. */
  base?: string;
  /** Roles shown next to people's names. */
  titles?: Record<string, string>;
  /** Slash commands the app has; others get the answer Slack gives for an unknown command. */
  commands?: string[];
  demo?: DemoHooks;
}

const formValue = z.union([z.string(), z.array(z.string()), z.null()]);
const actSchema: z.ZodType<ActRequest> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('command'), as: z.string(), channel: z.string(), text: z.string() }),
  z.object({
    type: z.literal('message'),
    as: z.string(),
    channel: z.string(),
    text: z.string(),
    threadTs: z.string().optional(),
  }),
  z.object({
    type: z.literal('action'),
    as: z.string(),
    target: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('message'), channel: z.string(), ts: z.string() }),
      z.object({ kind: z.literal('ephemeral'), ts: z.string() }),
      z.object({ kind: z.literal('view'), viewId: z.string() }),
    ]),
    actionId: z.string(),
    blockId: z.string().optional(),
    value: z.string().optional(),
    selectedOption: z.string().optional(),
    values: z.record(z.string(), formValue).optional(),
  }),
  z.object({ type: z.literal('submit'), as: z.string(), viewId: z.string(), values: z.record(z.string(), formValue) }),
  z.object({ type: z.literal('close'), as: z.string(), viewId: z.string() }),
  z.object({ type: z.literal('openHome'), as: z.string() }),
  z.object({ type: z.literal('read'), as: z.string(), channel: z.string() }),
]);

/**
 * The emulated workspace over HTTP for the demo page: one JSON read of what a person sees, one
 * endpoint for what they do (through the same SlackDriver the tests use), and server-sent events
 * that say when to read again.
 */
export function webSurface(options: WebSurfaceOptions): HttpMount {
  const { emulator, driver } = options;
  const base = options.base ?? '/demo';
  const titles = options.titles ?? {};
  const commands = options.commands ?? ['/circle'];
  const marks = new ReadMarks();
  const viewErrors = new Map<string, { hash: string; errors: Record<string, string> }>();
  const settle = options.settle ?? (() => Promise.resolve());
  let changeVersion = 0;

  function readState(viewer: string, conversation: string | null): PageState {
    const workspace = emulator.workspace;
    const me = workspace.user(viewer) ? viewer : (firstHuman() ?? viewer);
    const channel = conversation ? workspace.channel(conversation) : undefined;
    const home = emulator.homeOf(me);
    const homeId = home && typeof home.id === 'string' ? home.id : undefined;
    return {
      version: changeVersion,
      now: emulator.now(),
      team: { id: workspace.team.id, name: workspace.team.name },
      app: {
        userId: emulator.botUserId,
        name: workspace.user(emulator.botUserId)?.real_name ?? 'App',
        dmChannel: workspace.dmChannelOf(me),
      },
      viewer: me,
      people: [...workspace.users.values()].map((u) => personView(u, titles)),
      conversations: conversationsFor(emulator, me, marks),
      ...(channel && canRead(channel, me) ? { current: contentFor(emulator, channel.id, me, emulator.botUserId) } : {}),
      ...(home && homeId ? { home: { id: homeId, view: home } } : {}),
      modals: modalViews(emulator.openViewsOf(me), viewErrors),
      ...(options.demo ? { demo: options.demo.state() } : {}),
    };
  }

  function firstHuman(): string | undefined {
    for (const user of emulator.workspace.users.values()) if (!user.is_bot && !user.deleted) return user.id;
    return undefined;
  }

  async function act(request: ActRequest): Promise<ActResponse> {
    switch (request.type) {
      case 'command': {
        const [command = '', ...rest] = request.text.trim().split(/\s+/);
        if (!commands.includes(command)) {
          return { ok: false, error: `${command} is not a valid command. Commands here: ${commands.join(', ')}.` };
        }
        await driver.command(request.as, rest.join(' '), { channelId: request.channel, command });
        return { ok: true };
      }
      case 'message':
        await driver.userMessage(
          request.as,
          request.channel,
          request.text,
          request.threadTs ? { threadTs: request.threadTs } : {},
        );
        return { ok: true };
      case 'action': {
        const clickOptions = {
          ...(request.blockId !== undefined ? { blockId: request.blockId } : {}),
          ...(request.value !== undefined ? { value: request.value } : {}),
          ...(request.selectedOption !== undefined ? { selectedOption: request.selectedOption } : {}),
          ...(request.values ? { values: request.values } : {}),
        };
        const target = request.target;
        if (target.kind === 'view')
          await driver.clickButton(request.as, { viewId: target.viewId }, request.actionId, clickOptions);
        else if (target.kind === 'message')
          await driver.clickButton(request.as, { channelId: target.channel, ts: target.ts }, request.actionId, clickOptions);
        else {
          const ephemeral = emulator.ephemeralsTo(request.as).find((e) => e.ts === target.ts);
          if (!ephemeral) return { ok: false, error: 'That message is gone.' };
          await driver.clickButton(request.as, { ephemeral }, request.actionId, clickOptions);
        }
        return { ok: true };
      }
      case 'submit': {
        const result = await driver.submitView(request.as, request.viewId, request.values);
        const body: unknown = result.body;
        if (result.timedOut)
          return { ok: false, error: 'The app did not answer within 3 seconds, so Slack would show an error.' };
        if (isObject(body) && body.response_action === 'errors' && isObject(body.errors)) {
          const errors = Object.fromEntries(Object.entries(body.errors).map(([k, v]) => [k, String(v)]));
          const stored = emulator.view(request.viewId);
          viewErrors.set(request.viewId, { hash: stored?.hash ?? '', errors });
          return { ok: true, errors };
        }
        viewErrors.delete(request.viewId);
        return { ok: true };
      }
      case 'close':
        await driver.closeView(request.as, request.viewId);
        return { ok: true };
      case 'openHome':
        await driver.appHomeOpened(request.as);
        return { ok: true };
      case 'read': {
        const content = emulator.workspace.channel(request.channel)
          ? contentFor(emulator, request.channel, request.as, emulator.botUserId)
          : undefined;
        const last = content?.messages[content.messages.length - 1];
        if (last) marks.markRead(request.as, request.channel, last.ts);
        return { ok: true };
      }
    }
  }

  // Every request the emulator serves may change something; a burst of Web API calls becomes one event.
  const streams = new Set<ServerResponse>();
  let pending: NodeJS.Timeout | undefined;
  emulator.onChange(() => {
    changeVersion += 1;
    pending ??= setTimeout(() => {
      pending = undefined;
      for (const res of streams) res.write(`event: change\ndata: ${JSON.stringify({ version: changeVersion })}\n\n`);
    }, 50);
  });

  function events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(`event: change\ndata: ${JSON.stringify({ version: changeVersion })}\n\n`);
    streams.add(res);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      streams.delete(res);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.slice(base.length) || '/';
    if (req.method === 'GET' && (path === '/' || path === ''))
      return send(res, 200, 'text/html; charset=utf-8', options.page.html);
    if (req.method === 'GET' && path.startsWith('/assets/')) {
      const asset = options.page.assets[path.slice('/assets/'.length)];
      return asset ? send(res, 200, asset.contentType, asset.body) : send(res, 404, 'text/plain', 'not found');
    }
    if (req.method === 'GET' && path === '/api/events') return events(req, res);
    const fileId = /^\/api\/files\/([A-Z0-9]+)$/.exec(path)?.[1];
    if (req.method === 'GET' && fileId) return sendFile(res, fileId, url.searchParams.has('download'));
    if (req.method === 'GET' && path === '/api/state') {
      return json(res, 200, readState(url.searchParams.get('as') ?? '', url.searchParams.get('conversation')));
    }
    if (req.method === 'POST' && path === '/api/act') {
      const parsed = actSchema.safeParse(await readJsonBody(req));
      if (!parsed.success) return json(res, 400, { ok: false, error: `bad request: ${parsed.error.issues[0]?.message ?? ''}` });
      const refusal = options.demo?.refuseAct?.(parsed.data);
      if (refusal) return json(res, 200, { ok: false, error: refusal } satisfies ActResponse);
      let answer: ActResponse;
      try {
        answer = await act(parsed.data);
        await settle();
      } catch (error) {
        // The driver refuses what a real person could not do; the page shows why.
        answer = { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      emulator.notifyChange();
      return json(res, 200, answer);
    }
    const control = /^\/api\/control\/([a-z-]+)$/.exec(path);
    if (req.method === 'POST' && control?.[1] && options.demo) {
      const body = await readJsonBody(req);
      try {
        const result = await options.demo.control(control[1], body);
        emulator.notifyChange();
        return json(res, 200, { ok: true, result });
      } catch (error) {
        emulator.notifyChange();
        return json(res, 200, { ok: false, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return send(res, 404, 'text/plain', 'not found');
  }

  /** A shared file's bytes: inline for the page, or as a download under its own name. */
  function sendFile(res: ServerResponse, id: string, download: boolean): void {
    const file = emulator.files().find((f) => f.id === id);
    if (!file) return send(res, 404, 'text/plain', 'not found');
    const name = file.filename.replace(/[^\w.-]/g, '_');
    res.writeHead(200, {
      'content-type': contentTypeOf(file.filename),
      'content-length': file.bytes.length,
      'content-disposition': `${download ? 'attachment' : 'inline'}; filename="${name}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    res.end(file.bytes);
  }

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://demo.local');
    if (url.pathname === '/' && req.method === 'GET') {
      res.writeHead(302, { location: base });
      res.end();
      return true;
    }
    if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) return false;
    handle(req, res, url).catch((error: unknown) => {
      if (res.headersSent) res.end();
      else if (error instanceof RefusedBody) {
        // Not kept alive: what is left of a refused body is not read.
        res.setHeader('connection', 'close');
        json(res, error.status, { ok: false, error: error.message });
      } else json(res, 500, { ok: false, error: error instanceof Error ? error.message : String(error) });
    });
    return true;
  };
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}
