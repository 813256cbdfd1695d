import { render } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TravelJump } from '../../src/demo/status';
import type { ActRequest, MessageView, PageState, PersonView } from '../../src/sandbox/web/types';
import { act, type ControlName, control, demoStatus, fetchState, subscribe } from './api';
import { type BlockEnv, Blocks } from './components/Blocks';
import { Composer } from './components/Composer';
import { type MessageEnv, MessageList } from './components/Message';
import { Modal } from './components/Modal';
import { type Selection, Sidebar } from './components/Sidebar';
import { TopBar } from './components/TopBar';
import { type TourControls, TourPanel } from './components/TourPanel';
import { useTourHighlight } from './highlight';
import { blocksVM, carryFormValues, type FormValue, type FormValues, missingRequired } from './model/blocks';
import type { RichContext } from './model/mrkdwn';
import './styles.css';

type Forms = Record<string, { hash: string; values: FormValues }>;

const REQUIRED = 'Please complete this required field.';

function App() {
  const [viewer, setViewer] = useState('');
  const [selection, setSelection] = useState<Selection | undefined>(undefined);
  const [state, setState] = useState<PageState | undefined>(undefined);
  const [forms, setForms] = useState<Forms>({});
  const [localErrors, setLocalErrors] = useState<Record<string, Record<string, string>>>({});
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [tourHidden, setTourHidden] = useState(false);
  // Re-renders now and then so the clock in the top bar moves with real time.
  const [, setTick] = useState(0);

  // The latest choice of person and place, for reads started by server-sent events.
  const wanted = useRef({ viewer, selection });
  wanted.current = { viewer, selection };
  const reading = useRef<{ running: boolean; again: boolean }>({ running: false, again: false });

  const refresh = useCallback(async () => {
    if (reading.current.running) {
      reading.current.again = true;
      return;
    }
    reading.current.running = true;
    try {
      do {
        reading.current.again = false;
        const { viewer: as, selection: where } = wanted.current;
        const next = await fetchState(as, where?.kind === 'conversation' ? where.id : undefined);
        setState(next);
      } while (reading.current.again);
    } catch (error) {
      setNotice(error instanceof Error ? error.message : String(error));
    } finally {
      reading.current.running = false;
    }
  }, []);

  useEffect(() => subscribe(() => void refresh()), [refresh]);
  useEffect(() => {
    void refresh();
  }, [viewer, selection, refresh]);
  useEffect(() => {
    const timer = setInterval(() => setTick(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);

  // First read: take the server's default person and open #general.
  useEffect(() => {
    if (!state) return;
    if (!viewer) setViewer(state.viewer);
    if (!selection) {
      const general = state.conversations.find((c) => c.name === 'general') ?? state.conversations[0];
      if (general) setSelection({ kind: 'conversation', id: general.id });
    }
  }, [state, viewer, selection]);

  const demo = demoStatus(state);
  const tour = demo?.tour;

  // While the tour plays, the page looks where the story is.
  const lastFocus = useRef('');
  useEffect(() => {
    const focus = tour?.status === 'playing' ? tour.focus : undefined;
    if (!focus) return;
    const key = JSON.stringify(focus);
    if (key === lastFocus.current) return;
    lastFocus.current = key;
    setViewer(focus.as);
    setSelection(
      focus.home ? { kind: 'home' } : focus.conversation ? { kind: 'conversation', id: focus.conversation } : selection,
    );
    setTourHidden(false);
    const fill = focus.fill;
    if (fill)
      setForms((f) => ({
        ...f,
        [fill.viewId]: { hash: f[fill.viewId]?.hash ?? '', values: { ...f[fill.viewId]?.values, ...fill.values } },
      }));
  }, [tour, selection]);

  useTourHighlight(tour?.status === 'playing' ? tour.focus?.highlight : undefined, state);

  const me = state?.people.find((p) => p.id === state.viewer);
  const displayNow = Date.now() + (demo?.clockOffsetMs ?? 0);
  const people = useMemo(() => new Map<string, PersonView>((state?.people ?? []).map((p) => [p.id, p])), [state?.people]);
  const rich: RichContext = useMemo(
    () => ({
      timeZone: me?.tz ?? 'UTC',
      now: state?.now ?? Date.now(),
      userName: (id) => people.get(id)?.realName,
      channelName: (id) => state?.conversations.find((c) => c.id === id)?.name,
    }),
    [me?.tz, state?.now, state?.conversations, people],
  );

  const send = useCallback(async (request: ActRequest) => {
    setBusy(true);
    try {
      const answer = await act(request);
      if (!answer.ok) setNotice(answer.error);
      return answer;
    } finally {
      setBusy(false);
    }
  }, []);

  // Opening the Home tab is an event the app answers by publishing the view. A jump of the clock
  // leaves Home tabs as they were (src/demo/clockJumps.ts), so the one shown is opened again after.
  const travelling = demo?.travelling ?? false;
  useEffect(() => {
    if (viewer && selection?.kind === 'home' && !travelling) void send({ type: 'openHome', as: viewer });
  }, [viewer, selection?.kind, travelling, send]);

  // What is on screen counts as read.
  const current = state?.current;
  const currentUnread = state?.conversations.find((c) => c.id === current?.id)?.unread ?? 0;
  useEffect(() => {
    if (current && currentUnread > 0 && viewer) void act({ type: 'read', as: viewer, channel: current.id });
  }, [current, currentUnread, viewer]);

  // Like a chat client: the newest message is in view when a conversation opens or grows.
  const paneRef = useRef<HTMLDivElement>(null);
  const lastMessage = current?.messages[current.messages.length - 1];
  const bottomKey = `${current?.id ?? ''}:${lastMessage?.ts ?? ''}:${lastMessage?.replies.length ?? 0}`;
  useEffect(() => {
    const pane = paneRef.current;
    if (pane) pane.scrollTop = pane.scrollHeight;
  }, [bottomKey]);

  // Modal form state follows the stack: new views start from their initial values, updated ones keep what was typed.
  const top = state?.modals[state.modals.length - 1];
  const topBlocks = useMemo(() => (top ? blocksVM(top.view.blocks, rich) : []), [top, rich]);
  useEffect(() => {
    if (!top) return;
    setForms((f) => {
      const known = f[top.id];
      if (known && known.hash === top.hash) return f;
      const carried = carryFormValues(known?.values ?? {}, topBlocks);
      return { ...f, [top.id]: { hash: top.hash, values: known && !known.hash ? { ...carried, ...known.values } : carried } };
    });
  }, [top, topBlocks]);

  if (!state || !selection) return <div class="loading">Opening the workspace…</div>;

  const actionEnv = (target: Extract<ActRequest, { type: 'action' }>['target'], values?: FormValues): BlockEnv => ({
    people: state.people,
    conversations: state.conversations,
    onAction: (input) => void send({ type: 'action', as: state.viewer, target, ...input, ...(values ? { values } : {}) }),
  });
  const messageEnv: MessageEnv = {
    people,
    rich,
    blockEnv: (m: MessageView) =>
      actionEnv(m.ephemeral ? { kind: 'ephemeral', ts: m.ts } : { kind: 'message', channel: state.current?.id ?? '', ts: m.ts }),
  };

  const conversation = selection.kind === 'conversation' ? state.conversations.find((c) => c.id === selection.id) : undefined;
  const isApp = selection.kind === 'home' || conversation?.kind === 'app';
  const touring = tour?.status === 'playing';

  const tourCall = (name: ControlName, body: { act?: number; paused?: boolean } = {}) =>
    void control(name, body).then((answer) => {
      if (!answer.ok) setNotice(answer.error);
    });
  const tourControls: TourControls = {
    play: (n) => tourCall('tour', { act: n }),
    pause: (paused) => tourCall('tour-pause', { paused }),
    next: () => tourCall('tour-next'),
    back: () => tourCall('tour-back'),
    close: () => (touring ? tourCall('tour-close') : setTourHidden(true)),
  };

  const setValue = (blockId: string, value: FormValue, dispatch?: { actionId: string }) => {
    if (!top) return;
    const values = { ...forms[top.id]?.values, [blockId]: value };
    setForms((f) => ({ ...f, [top.id]: { hash: top.hash, values } }));
    setLocalErrors((e) => ({ ...e, [top.id]: {} }));
    if (dispatch)
      void send({
        type: 'action',
        as: state.viewer,
        target: { kind: 'view', viewId: top.id },
        actionId: dispatch.actionId,
        blockId,
        values,
      });
  };
  const submit = () => {
    if (!top) return;
    const values = forms[top.id]?.values ?? {};
    const missing = missingRequired(topBlocks, values);
    if (missing.length > 0) {
      setLocalErrors((e) => ({ ...e, [top.id]: Object.fromEntries(missing.map((id) => [id, REQUIRED])) }));
      return;
    }
    void send({ type: 'submit', as: state.viewer, viewId: top.id, values });
  };

  const onSend = (text: string) => {
    const channel = selection.kind === 'conversation' ? selection.id : state.app.dmChannel;
    void send(
      text.startsWith('/')
        ? { type: 'command', as: state.viewer, channel, text }
        : { type: 'message', as: state.viewer, channel, text },
    );
  };

  // Until the read for the person or place just chosen arrives, the page still shows the last
  // one: typing then would act as the wrong person, so the composer waits for the read.
  const stale =
    (viewer !== '' && state.viewer !== viewer) ||
    (selection.kind === 'conversation' && state.current !== undefined && state.current.id !== selection.id);

  return (
    <div
      class={`workspace ${tour && !tourHidden ? 'with-tour' : ''}`}
      data-viewer={state.viewer}
      aria-busy={stale ? 'true' : 'false'}
    >
      <TopBar
        people={state.people}
        viewer={me}
        now={displayNow}
        demo={demo}
        onViewer={(id) => setViewer(id)}
        onTravel={async (jump: TravelJump, date?: string) => {
          const answer = await control('travel', {
            jump,
            ...(date !== undefined ? { date, timeZone: me?.tz ?? 'UTC' } : {}),
            ...(selection.kind === 'conversation' ? { channel: selection.id } : {}),
          });
          if (!answer.ok) setNotice(answer.error);
        }}
        onTour={() => setTourHidden(false)}
      />
      <Sidebar
        teamName={state.team.name}
        conversations={state.conversations}
        selection={selection}
        onSelect={(s) => setSelection(s)}
      />
      <main class="pane" aria-label="Messages">
        <div class="pane-header">
          {isApp ? (
            <>
              <h1>◎ {state.app.name}</h1>
              <div class="tabs" role="tablist">
                <button
                  type="button"
                  role="tab"
                  aria-selected={selection.kind === 'home'}
                  onClick={() => setSelection({ kind: 'home' })}
                >
                  Home
                </button>
                <button
                  type="button"
                  role="tab"
                  aria-selected={selection.kind === 'conversation'}
                  onClick={() => setSelection({ kind: 'conversation', id: state.app.dmChannel })}
                >
                  Messages
                </button>
              </div>
            </>
          ) : (
            <>
              <h1>
                {conversation?.kind === 'private' ? '🔒 ' : conversation?.kind === 'group' ? '' : '# '}
                {conversation?.name ?? ''}
              </h1>
              <span class="members">{conversation ? `${conversation.memberCount} members` : ''}</span>
              {conversation?.topic && <span class="topic">{conversation.topic}</span>}
            </>
          )}
        </div>
        <div class="pane-body" data-testid="pane" ref={paneRef}>
          {selection.kind === 'home' ? (
            state.home ? (
              <div class="home">
                <Blocks
                  blocks={blocksVM(state.home.view.blocks, rich)}
                  env={actionEnv({ kind: 'view', viewId: state.home.id })}
                />
              </div>
            ) : (
              <div class="empty">The app has not published a Home tab for {me?.realName} yet.</div>
            )
          ) : state.current ? (
            state.current.messages.length > 0 ? (
              <MessageList messages={state.current.messages} env={messageEnv} />
            ) : (
              <div class="empty">No messages here yet.</div>
            )
          ) : (
            <div class="empty">{me?.realName} cannot see this conversation.</div>
          )}
        </div>
        {selection.kind === 'conversation' && (
          <Composer
            placeholder={
              travelling
                ? 'The clock is moving: try again when the jump is over'
                : `Message ${isApp ? state.app.name : `#${conversation?.name ?? ''}`}`
            }
            disabled={touring || stale || travelling}
            onSend={onSend}
          />
        )}
      </main>
      {tour && !tourHidden && <TourPanel tour={tour} rich={rich} controls={tourControls} />}
      {top && (
        <Modal
          modal={top}
          depth={state.modals.length}
          blocks={topBlocks}
          values={forms[top.id]?.values ?? {}}
          errors={{ ...top.errors, ...localErrors[top.id] }}
          busy={busy || travelling}
          env={actionEnv({ kind: 'view', viewId: top.id }, forms[top.id]?.values)}
          setValue={setValue}
          onSubmit={submit}
          onClose={() => void send({ type: 'close', as: state.viewer, viewId: top.id })}
        />
      )}
      {notice && (
        <div class="notice" role="alert">
          <span>{notice}</span>
          <button type="button" aria-label="Dismiss" onClick={() => setNotice(undefined)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
