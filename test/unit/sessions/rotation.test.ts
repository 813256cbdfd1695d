import { type LeaderCandidate, type MemberStatus, nextLeader } from '../../../src/sessions/model';

const day = (n: number): Date => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);

function member(userId: string, joinedDay: number, over: Partial<LeaderCandidate> = {}): LeaderCandidate {
  return { userId, joinedAt: day(joinedDay), status: 'active', lastLedAt: null, ...over };
}

describe('nextLeader', () => {
  it('picks whoever led least recently, never-led first', () => {
    const members = [
      member('U1', 0, { lastLedAt: day(20) }),
      member('U2', 1, { lastLedAt: day(10) }),
      member('U3', 2, { lastLedAt: null }),
    ];
    expect(nextLeader(members)).toBe('U3');
    expect(nextLeader(members.slice(0, 2))).toBe('U2');
  });

  it('breaks ties by join order, then user id', () => {
    expect(nextLeader([member('U2', 5), member('U1', 3), member('U3', 4)])).toBe('U1');
    expect(nextLeader([member('UB', 3), member('UA', 3)])).toBe('UA');
    const same = day(9);
    expect(nextLeader([member('U9', 1, { lastLedAt: same }), member('U8', 2, { lastLedAt: same })])).toBe('U9');
  });

  it.each<MemberStatus>(['paused', 'waitlisted', 'left'])('never picks a %s member', (status) => {
    expect(nextLeader([member('U1', 0, { status }), member('U2', 1, { lastLedAt: day(3) })])).toBe('U2');
    expect(nextLeader([member('U1', 0, { status })])).toBeNull();
  });

  it('passes to the next person when someone is excluded', () => {
    const members = [member('U1', 0), member('U2', 1), member('U3', 2)];
    expect(nextLeader(members, { exclude: ['U1'] })).toBe('U2');
    expect(nextLeader(members, { exclude: ['U1', 'U2'] })).toBe('U3');
    expect(nextLeader(members, { exclude: ['U1', 'U2', 'U3'] })).toBeNull();
  });

  it('returns null with nobody to choose from', () => {
    expect(nextLeader([])).toBeNull();
  });

  it('does not depend on input order', () => {
    const members = [member('U3', 2, { lastLedAt: day(4) }), member('U1', 0, { lastLedAt: day(4) }), member('U2', 0)];
    expect(nextLeader(members)).toBe('U2');
    expect(nextLeader([...members].reverse())).toBe('U2');
  });
});

/** A circle over time: members join, pause and resume; each session the chosen leader's lastLedAt moves on. */
class Circle {
  readonly members = new Map<string, LeaderCandidate>();
  readonly leaders: string[] = [];
  readonly activeAtSession: Array<Set<string>> = [];
  private clock = 0;

  join(userId: string): void {
    this.members.set(userId, member(userId, this.clock++));
  }

  setStatus(userId: string, status: MemberStatus): void {
    const m = this.members.get(userId);
    if (!m) throw new Error(`no member ${userId}`);
    m.status = status;
  }

  holdSession(exclude: string[] = []): string {
    const leader = nextLeader([...this.members.values()], { exclude });
    if (leader === null) throw new Error('no leader');
    const m = this.members.get(leader);
    if (!m) throw new Error('leader is not a member');
    m.lastLedAt = day(this.clock++);
    this.leaders.push(leader);
    this.activeAtSession.push(new Set([...this.members.values()].filter((x) => x.status === 'active').map((x) => x.userId)));
    return leader;
  }
}

/** Windows of sessions in which the active set was constant, as [start, end) indices. */
function stablePeriods(circle: Circle): Array<[number, number]> {
  const periods: Array<[number, number]> = [];
  let start = 0;
  const same = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));
  for (let i = 1; i <= circle.activeAtSession.length; i++) {
    const prev = circle.activeAtSession[i - 1];
    const cur = circle.activeAtSession[i];
    if (cur === undefined || prev === undefined || !same(prev, cur)) {
      periods.push([start, i]);
      start = i;
    }
  }
  return periods;
}

function expectFairWithinStablePeriods(circle: Circle): void {
  for (const [start, end] of stablePeriods(circle)) {
    const n = circle.activeAtSession[start]?.size ?? 0;
    for (let i = start; i + n <= end; i++) {
      const window = circle.leaders.slice(i, i + n);
      expect(new Set(window).size).toBe(n);
    }
  }
}

describe('rotation over 20 sessions', () => {
  it('is fair with joins and pauses', () => {
    const circle = new Circle();
    for (const id of ['ana', 'ben', 'cai', 'dee']) circle.join(id);

    // Sessions 1-8: four stable members; everyone leads once, in join order, twice over.
    for (let s = 0; s < 8; s++) circle.holdSession();
    expect(circle.leaders).toEqual(['ana', 'ben', 'cai', 'dee', 'ana', 'ben', 'cai', 'dee']);

    // Eve joins: she leads before anyone leads twice since she joined.
    circle.join('eve');
    const sinceJoin = circle.leaders.length;
    circle.holdSession();
    circle.holdSession();
    expect(circle.leaders[sinceJoin]).toBe('eve');

    // Ben pauses for five sessions and never leads meanwhile.
    circle.setStatus('ben', 'paused');
    const pauseStart = circle.leaders.length;
    for (let s = 0; s < 5; s++) circle.holdSession();
    expect(circle.leaders.slice(pauseStart)).not.toContain('ben');

    // Ben is back and, having waited longest, goes next; then everyone else keeps rotating.
    circle.setStatus('ben', 'active');
    circle.holdSession();
    expect(circle.leaders.at(-1)).toBe('ben');
    for (let s = 0; s < 4; s++) circle.holdSession();

    expect(circle.leaders).toHaveLength(20);
    expectFairWithinStablePeriods(circle);
  });

  it('keeps the fairness rules under random joins, pauses, passes and departures', () => {
    // Seeded LCG so failures reproduce.
    let state = 42;
    const rand = (n: number): number => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state % n;
    };

    for (let run = 0; run < 200; run++) {
      const circle = new Circle();
      let nextId = 0;
      const join = () => circle.join(`u${String(nextId++).padStart(2, '0')}`);
      for (let i = 0; i < 3 + rand(4); i++) join();
      const joinedAtSession = new Map<string, number>([...circle.members.keys()].map((id) => [id, 0]));
      const pausedDuring: Array<Set<string>> = [];

      for (let s = 0; s < 20; s++) {
        const roll = rand(10);
        if (roll === 0) {
          join();
          joinedAtSession.set(`u${String(nextId - 1).padStart(2, '0')}`, s);
        } else if (roll === 1 || roll === 2) {
          const ids = [...circle.members.keys()];
          const id = ids[rand(ids.length)] ?? '';
          const m = circle.members.get(id);
          const active = [...circle.members.values()].filter((x) => x.status === 'active').length;
          if (m && m.status === 'active' && active > 1) circle.setStatus(id, roll === 1 ? 'paused' : 'left');
          else if (m && m.status === 'paused') circle.setStatus(id, 'active');
        }
        pausedDuring.push(new Set([...circle.members.values()].filter((x) => x.status !== 'active').map((x) => x.userId)));
        circle.holdSession();
      }

      // Nobody leads while paused or gone.
      circle.leaders.forEach((leader, i) => {
        expect(pausedDuring[i]?.has(leader)).toBe(false);
      });

      // Each newcomer leads before anyone else leads twice after they joined
      // (unless they stopped being active before getting a turn).
      for (const [id, joined] of joinedAtSession) {
        if (joined === 0) continue;
        const after = circle.leaders.slice(joined);
        const firstTurn = after.indexOf(id);
        const counts = new Map<string, number>();
        for (const [i, leader] of after.entries()) {
          if (i === firstTurn) break;
          counts.set(leader, (counts.get(leader) ?? 0) + 1);
          const stillEligible = !pausedDuring[joined + i]?.has(id);
          if (stillEligible) expect(counts.get(leader)).toBeLessThan(2);
        }
      }

      expectFairWithinStablePeriods(circle);
    }
  });

  it('lets a member pass without losing their place', () => {
    const circle = new Circle();
    for (const id of ['ana', 'ben', 'cai']) circle.join(id);
    expect(circle.holdSession(['ana'])).toBe('ben'); // ana passes
    expect(circle.holdSession()).toBe('ana'); // and is first in line next time
    expect(circle.holdSession()).toBe('cai');
  });
});
