import type { TourState } from '../../../src/demo/status';
import { parseMrkdwn, type RichContext } from '../model/mrkdwn';
import { Rich } from './Rich';

export interface TourControls {
  play(act: number): void;
  pause(paused: boolean): void;
  next(): void;
  back(): void;
  close(): void;
}

const minutes = (seconds: number) =>
  seconds < 90 ? `about ${Math.max(1, Math.round(seconds / 10) * 10)} s` : `about ${Math.round(seconds / 60)} min`;

export function TourPanel({ tour, rich, controls }: { tour: TourState; rich: RichContext; controls: TourControls }) {
  const playing = tour.status === 'playing';
  const act = tour.acts[tour.act];
  const current = tour.steps[tour.index];
  return (
    <aside
      class="tour-panel"
      data-tour-status={tour.status}
      data-tour-act={tour.act}
      data-tour-step={tour.index}
      data-tour-paused={tour.paused ? 'yes' : 'no'}
      data-tour-running={tour.running ? 'yes' : 'no'}
      aria-label="Guided tour"
    >
      <header>
        <h2>{playing && act ? `Act ${tour.act + 1}: ${act.title}` : 'Guided tour'}</h2>
        <button
          type="button"
          class="modal-x"
          data-testid="tour-close"
          aria-label={playing ? 'Stop the tour' : 'Hide the tour'}
          onClick={controls.close}
        >
          ×
        </button>
      </header>
      {tour.status === 'done' && act && (
        <p class="tour-done">
          Act {tour.act + 1} is over: the workspace is yours. Act as anyone, type a command, move the clock, or play another act.
        </p>
      )}
      {tour.status === 'failed' && <p class="tour-failed">The tour stopped: {tour.error}</p>}
      {playing && (
        <div class="tour-current">
          <div class="tour-step-count">
            {tour.index < 0 ? 'Setting the scene…' : `Step ${tour.index + 1} of ${tour.steps.length}`}
            {tour.index >= 0 && tour.index < tour.reached ? ' · looking back' : ''}
            {tour.paused ? ' · paused' : ''}
          </div>
          {current ? (
            <>
              <h3>{current.title}</h3>
              <Rich lines={parseMrkdwn(current.explain, rich)} />
            </>
          ) : (
            <p>{act?.summary}</p>
          )}
          <div class="tour-controls">
            <button type="button" data-testid="tour-back" disabled={tour.index <= 0} onClick={controls.back}>
              ◀ Back
            </button>
            <button type="button" data-testid="tour-pause" onClick={() => controls.pause(!tour.paused)}>
              {tour.paused ? '▶ Resume' : '❚❚ Pause'}
            </button>
            <button type="button" data-testid="tour-next" disabled={tour.index < 0} onClick={controls.next}>
              Next ▶
            </button>
          </div>
        </div>
      )}
      {playing ? (
        <ol class="tour-steps">
          {tour.steps.map((s, i) => (
            <li key={s.id} class={i === tour.index ? 'current' : i <= tour.reached ? 'past' : ''}>
              {s.title}
            </li>
          ))}
        </ol>
      ) : (
        <ol class="tour-acts">
          {tour.acts.map((a, i) => (
            <li key={a.id} class={tour.status === 'done' && i === tour.act ? 'past' : ''}>
              <button type="button" class="tour-act" data-act={i} onClick={() => controls.play(i)}>
                <span class="tour-act-title">
                  ▶ Act {i + 1}: {a.title}
                </span>
                <span class="tour-act-length">{minutes(a.seconds)}</span>
                <span class="tour-act-summary">
                  <Rich lines={parseMrkdwn(a.summary, rich)} />
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
      {!playing && (
        <p class="tour-note">
          Each act starts from a workspace set up for it, so they can be played in any order. Everything they show can also be
          done by hand: act as anyone and type <code>/circle help</code>.
        </p>
      )}
    </aside>
  );
}
