import fc from 'fast-check';
import { activeAt, type MembershipEvent } from '../../../src/circles/history';

const at = (day: number) => new Date(Date.UTC(2026, 11, day, 12));
const ev = (userId: string, status: MembershipEvent['status'], day: number): MembershipEvent => ({ userId, status, at: at(day) });

describe('who held an active place at an instant', () => {
  const history = [
    ev('ana', 'active', 1),
    ev('ben', 'active', 1),
    ev('ben', 'paused', 7),
    ev('ben', 'active', 9),
    ev('cho', 'waitlisted', 2),
    ev('cho', 'active', 14),
    ev('dev', 'active', 1),
    ev('dev', 'left', 20),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());

  it('follows joins, pauses, resumes and leaves, whatever order the instants are asked in', () => {
    const out = activeAt(history, [at(21), at(8), at(15), at(1)]);
    expect(out.get(at(1).getTime())).toEqual(['ana', 'ben', 'dev']);
    expect(out.get(at(8).getTime())).toEqual(['ana', 'dev']);
    expect(out.get(at(15).getTime())).toEqual(['ana', 'ben', 'dev', 'cho']);
    expect(out.get(at(21).getTime())).toEqual(['ana', 'ben', 'cho']);
  });

  it('a change at the very instant a session begins counts', () => {
    expect(activeAt(history, [at(14)]).get(at(14).getTime())).toContain('cho');
  });

  it('agrees with asking one instant at a time', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 25 }), { maxLength: 8 }), (days) => {
        const together = activeAt(history, days.map(at));
        for (const d of days) expect(together.get(at(d).getTime())).toEqual(activeAt(history, [at(d)]).get(at(d).getTime()));
      }),
    );
  });
});
