import { absenceStreak, attendanceMark, lapse, type Mark, type MarkedSession } from '../../../src/checkins/model';

const records = (...marks: Mark[]): MarkedSession[] => marks.map((mark, i) => ({ sessionId: i + 1, mark }));

describe('attendance: what counts', () => {
  it('the facilitator’s record wins over the member’s check-in', () => {
    expect(attendanceMark(true, false, 'yes')).toBe('absent');
    expect(attendanceMark(true, true, 'no')).toBe('present');
  });
  it('a check-in counts when nobody recorded otherwise; part of it is being there', () => {
    expect(attendanceMark(true, undefined, 'no')).toBe('absent');
    expect(attendanceMark(true, undefined, 'part')).toBe('present');
  });
  it('silence is not absence, and someone not expected (paused, not yet a member) is away', () => {
    expect(attendanceMark(true, undefined, undefined)).toBe('unknown');
    expect(attendanceMark(false, false, 'no')).toBe('away');
  });
});

describe('the lapse streak', () => {
  it('counts the run of recorded absences up to the latest', () => {
    expect(absenceStreak(records('present', 'absent', 'absent'))).toEqual({ length: 2, firstSessionId: 2, lastSessionId: 3 });
  });
  it('reaches the threshold or not', () => {
    expect(lapse(records('absent', 'absent'), 2)).not.toBeNull();
    expect(lapse(records('absent', 'absent'), 3)).toBeNull();
    expect(lapse(records('present', 'absent'), 2)).toBeNull();
  });
  it('a session nobody recorded ends the run: silence alone never makes a lapse', () => {
    expect(lapse(records('absent', 'unknown', 'absent'), 2)).toBeNull();
    expect(lapse(records('unknown', 'unknown', 'unknown'), 1)).toBeNull();
  });
  it('the latest sessions nobody has recorded yet are passed over, since news may still come', () => {
    expect(absenceStreak(records('absent', 'absent', 'unknown'))).toEqual({ length: 2, firstSessionId: 1, lastSessionId: 2 });
  });
  it('a pause ends the run, and a paused member is never lapsed', () => {
    expect(lapse(records('absent', 'away', 'absent'), 2)).toBeNull();
    expect(lapse(records('absent', 'absent', 'away'), 2)).toBeNull();
    expect(lapse(records('away', 'away', 'away'), 1)).toBeNull();
  });
  it('keeps its first session as the run grows, so one run is nudged about once', () => {
    const two = lapse(records('present', 'absent', 'absent'), 2);
    const three = lapse(records('present', 'absent', 'absent', 'absent'), 2);
    expect(three?.firstSessionId).toBe(two?.firstSessionId);
    expect(three?.length).toBe(3);
  });
  it('a new run after being there is a new streak', () => {
    const first = lapse(records('absent', 'absent'), 2);
    const second = lapse(records('absent', 'absent', 'present', 'absent', 'absent'), 2);
    expect(second?.firstSessionId).not.toBe(first?.firstSessionId);
  });
  it('no records, no streak', () => {
    expect(absenceStreak([])).toBeNull();
  });
});
