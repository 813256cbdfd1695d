import { parsePauseArgs } from '../../../src/circles/membership/model';
import { channelNameFor, checkCircleName, closestNames, joinRefusal } from '../../../src/circles/model';

describe('circle names', () => {
  it('trims, single-spaces and bounds them', () => {
    expect(checkCircleName('  New   Managers ')).toEqual({ ok: true, name: 'New Managers' });
    expect(checkCircleName('ab')).toMatchObject({ ok: false, error: 'A circle name needs at least 3 characters.' });
    expect(checkCircleName('x'.repeat(61))).toMatchObject({
      ok: false,
      error: expect.stringContaining('at most 60 characters (this one has 61)'),
    });
    expect(checkCircleName('*bold*')).toMatchObject({ ok: false });
  });

  it('makes Slack-safe channel names', () => {
    expect(channelNameFor('New Managers')).toBe('circle-new-managers');
    expect(channelNameFor('Équipe Café & Co!')).toBe('circle-equipe-cafe-co');
    expect(channelNameFor('New Managers', 2)).toBe('circle-new-managers-2');
    expect(channelNameFor('x'.repeat(60)).length).toBeLessThanOrEqual(80);
  });

  it('suggests close names, closest first', () => {
    const names = ['New Managers', 'Senior Leaders', 'Engineering Managers'];
    expect(closestNames('new managrs', names)).toEqual(['New Managers']);
    expect(closestNames('managers', names)).toEqual(['New Managers', 'Engineering Managers']);
    expect(closestNames('zzzz', names)).toEqual([]);
  });

  it('turns away deactivated accounts and bots', () => {
    expect(joinRefusal({ isDeleted: true, isBot: false })).toBe('Deactivated accounts cannot join circles.');
    expect(joinRefusal({ isDeleted: false, isBot: true })).toBe('Bots cannot join circles: circles are for people.');
    expect(joinRefusal({ isDeleted: false, isBot: false })).toBeNull();
  });
});

describe('pause arguments', () => {
  const today = '2026-11-23';
  it('reads a name, an end date or a number of weeks', () => {
    expect(parsePauseArgs('', today)).toEqual({ ok: true, name: null, until: null });
    expect(parsePauseArgs('New Managers', today)).toEqual({ ok: true, name: 'New Managers', until: null });
    expect(parsePauseArgs('until 2026-12-24', today)).toEqual({ ok: true, name: null, until: '2026-12-24' });
    expect(parsePauseArgs('New Managers until 2026-12-24', today)).toEqual({
      ok: true,
      name: 'New Managers',
      until: '2026-12-24',
    });
    expect(parsePauseArgs('Leaders for Good for 2 weeks', today)).toEqual({
      ok: true,
      name: 'Leaders for Good',
      until: '2026-12-07',
    });
    expect(parsePauseArgs('for 1 week', today)).toEqual({ ok: true, name: null, until: '2026-11-30' });
  });

  it.each([
    ['for 0 weeks', 'at least 1 week'],
    ['for 53 weeks', 'at most 52 weeks'],
    ['for -1 weeks', 'not a number of weeks'],
    ['until 2026-11-23', 'not in the future'],
    ['until 23/12/2026', 'not a date I can read'],
    ['until 2027-02-29', 'not a date I can read'],
    ['until', 'Write the end of the pause as'],
    [`${'x'.repeat(61)} for 2 weeks`, 'longer than any circle name'],
  ])('rejects "%s"', (text, message) => {
    const parsed = parsePauseArgs(text, today);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });
});
