import type { DemoStatus, TravelJump } from '../../../src/demo/status';
import type { PersonView } from '../../../src/sandbox/web/types';
import { useState } from 'preact/hooks';
import { Avatar } from './Avatar';

const JUMPS: Array<{ jump: TravelJump; label: string }> = [
  { jump: 'hour', label: '+1 hour' },
  { jump: 'day', label: '+1 day' },
  { jump: 'week', label: '+1 week' },
  { jump: 'next-session', label: 'Next session' },
  { jump: 'cycle-end', label: 'End of cycle' },
];

export const cityOf = (tz: string) => (tz.split('/').pop() ?? tz).replace(/_/g, ' ');

export function TopBar(props: {
  people: PersonView[];
  viewer: PersonView | undefined;
  now: number;
  demo: DemoStatus | undefined;
  onViewer(id: string): void;
  onTravel(jump: TravelJump, date?: string): void;
  onTour(): void;
}) {
  const [date, setDate] = useState('');
  const humans = props.people.filter((p) => !p.isBot && !p.deleted);
  const tz = props.viewer?.tz ?? 'UTC';
  const clock = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(props.now));
  const touring = props.demo?.tour.status === 'playing';
  const running = props.demo?.travel.running;
  const last = props.demo?.travel.last;
  return (
    <header class="topbar">
      <div class="brand">
        <span class="brand-mark">◎</span> Peer Circles <span class="brand-sub">demo workspace</span>
      </div>
      <label class="act-as">
        <Avatar person={props.viewer} size={26} />
        <span class="act-as-label">Acting as</span>
        <select
          data-testid="act-as"
          value={props.viewer?.id ?? ''}
          disabled={touring}
          onChange={(e) => props.onViewer((e.currentTarget as HTMLSelectElement).value)}
        >
          {humans.map((p) => (
            <option key={p.id} value={p.id}>
              {p.realName}
              {p.title ? ` · ${p.title}` : ''} · {cityOf(p.tz)}
            </option>
          ))}
        </select>
      </label>
      <div class="clock" data-testid="clock" title={`The demo clock, in ${props.viewer?.realName ?? 'your'}'s time zone`}>
        🕐 {clock} <span class="clock-zone">{cityOf(tz)}</span>
      </div>
      <div class="travel" role="group" aria-label="Move the clock forward">
        {JUMPS.map(({ jump, label }) => (
          <button
            key={jump}
            type="button"
            class="travel-button"
            data-jump={jump}
            aria-busy={running ? 'true' : 'false'}
            onClick={() => props.onTravel(jump)}
          >
            {label}
          </button>
        ))}
        <form
          class="travel-date"
          onSubmit={(e) => {
            e.preventDefault();
            props.onTravel('date', date);
          }}
        >
          <input
            type="date"
            aria-label="Jump to a date"
            data-testid="travel-date"
            value={date}
            onInput={(e) => setDate((e.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit" class="travel-button" data-jump="date">
            Go
          </button>
        </form>
      </div>
      {running ? (
        <div class="travel-status" data-testid="travel-progress" role="status">
          <span class="travel-bar">
            <span style={{ width: `${Math.round(running.progress * 100)}%` }} />
          </span>
          Moving the clock… {Math.round(running.progress * 100)}%
        </div>
      ) : (
        last && (
          <div class="travel-status" data-testid="travel-summary" role="status" title="What the last jump brought">
            Arrived: {last.summary}
          </div>
        )
      )}
      <button type="button" class="tour-button" data-testid="tour" disabled={touring} onClick={props.onTour}>
        ▶ Guided tour
      </button>
    </header>
  );
}
