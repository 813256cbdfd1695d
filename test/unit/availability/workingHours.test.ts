import fc from 'fast-check';
import { STRETCH_HOURS, hoursFit, outsideSpan } from '../../../src/availability/workingHours';

const at = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

describe('outsideSpan', () => {
  it.each([
    ['09:00', 60, 0, 'inside'],
    ['17:00', 60, 0, 'inside'],
    ['17:30', 60, 30, 'late'],
    ['08:30', 60, 30, 'early'],
    ['06:00', 60, 180, 'early'],
    ['22:00', 60, 300, 'late'], // it ends at 23:00, five hours after 18:00
    ['02:00', 60, 420, 'early'], // seven hours before 09:00 rather than nine after 18:00
    ['23:30', 60, 390, 'late'], // it ends at 00:30
    ['00:00', 60, 420, 'late'], // it ends at 01:00, seven hours after the evening before closed
    ['08:00', 660, 120, 'early'], // an 11-hour meeting sticks out an hour at each end
  ] as const)('puts a meeting at %s lasting %i min %i min outside (%s)', (start, length, minutes, side) => {
    expect(outsideSpan(at(start), length)).toEqual({ minutes, side });
  });

  it('measures against another span', () => {
    expect(outsideSpan(at('07:00'), 60, STRETCH_HOURS)).toEqual({ minutes: 0, side: 'inside' });
    expect(outsideSpan(at('20:30'), 60, STRETCH_HOURS)).toEqual({ minutes: 30, side: 'late' });
  });

  it('is zero exactly when the meeting fits, and at most half a day plus the meeting', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 15, max: 480 }), (start, length) => {
        const { minutes } = outsideSpan(start, length);
        expect(minutes === 0).toBe(start >= 540 && start + length <= 1080);
        expect(minutes).toBeLessThanOrEqual(720 + length);
      }),
    );
  });
});

describe('hoursFit', () => {
  it('sorts a meeting into working hours, a stretch, or neither', () => {
    expect(hoursFit('tuesday', at('09:00'), 60)).toBe('inside');
    expect(hoursFit('friday', at('17:00'), 60)).toBe('inside');
    expect(hoursFit('tuesday', at('07:00'), 60)).toBe('stretch');
    expect(hoursFit('tuesday', at('20:00'), 60)).toBe('stretch');
    expect(hoursFit('tuesday', at('06:30'), 60)).toBe('outside');
    expect(hoursFit('tuesday', at('20:30'), 60)).toBe('outside');
    expect(hoursFit('saturday', at('11:00'), 60)).toBe('outside');
    expect(hoursFit('sunday', at('11:00'), 60)).toBe('outside');
  });
});
