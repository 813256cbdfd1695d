import type { TourState } from '../../../src/demo/status';
import { parseMrkdwn, type RichContext } from '../model/mrkdwn';
import { Rich } from './Rich';

export function TourPanel({ tour, rich, onHide }: { tour: TourState; rich: RichContext; onHide(): void }) {
  const current = tour.steps[tour.index];
  return (
    <aside class="tour-panel" data-tour-status={tour.status} aria-label="Guided tour">
      <header>
        <h2>Guided tour</h2>
        {tour.status !== 'playing' && (
          <button type="button" class="modal-x" aria-label="Hide the tour" onClick={onHide}>
            ×
          </button>
        )}
      </header>
      {tour.status === 'done' && (
        <p class="tour-done">The tour is over: the workspace is yours. Act as anyone, type a command or move the clock.</p>
      )}
      {tour.status === 'failed' && <p class="tour-failed">The tour stopped: {tour.error}</p>}
      {current && tour.status === 'playing' && (
        <div class="tour-current">
          <div class="tour-step-count">
            Step {tour.index + 1} of {tour.steps.length}
          </div>
          <h3>{current.title}</h3>
          <Rich lines={parseMrkdwn(current.explain, rich)} />
        </div>
      )}
      <ol class="tour-steps">
        {tour.steps.map((s, i) => (
          <li
            key={s.id}
            class={
              i === tour.index && tour.status === 'playing' ? 'current' : i < tour.index || tour.status === 'done' ? 'past' : ''
            }
          >
            {s.title}
          </li>
        ))}
      </ol>
    </aside>
  );
}
