import type { DemoStatus, TravelJump } from '../../../src/demo/status';
import type { PersonView } from '../../../src/sandbox/web/types';
import { Avatar } from './Avatar';

const JUMPS: Array<{ jump: TravelJump; label: string }> = [
  { jump: 'hour', label: '+1 hour' },
  { jump: 'day', label: '+1 day' },
  { jump: 'week', label: '+1 week' },
  { jump: 'next-session', label: 'Next session' },
];

export const cityOf = (tz: string) => (tz.split('/').pop() ?? tz).replace(/_/g, ' ');

export function TopBar(props: {
  people: PersonView[];
  viewer: PersonView | undefined;
  now: number;
  demo: DemoStatus | undefined;
  onViewer(id: string): void;
  onTravel(jump: TravelJump): void;
  onTour(): void;
}) {
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
  const locked = touring || props.demo?.travelling === true;
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
            disabled={locked}
            onClick={() => props.onTravel(jump)}
          >
            {label}
          </button>
        ))}
      </div>
      <button type="button" class="tour-button" data-testid="tour" disabled={locked} onClick={props.onTour}>
        ▶ Guided tour
      </button>
    </header>
  );
}
