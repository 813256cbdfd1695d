import fc from 'fast-check';
import { candidateKey } from '../../../src/availability';
import { reminderDue } from '../../../src/programs/deliveries';
import { toFormationInput } from '../../../src/programs/formationInput';
import { IntakeFields as I, ProgramFields as F } from '../../../src/programs/ids';
import { parseIntake, timesFingerprint } from '../../../src/programs/intakeForm';
import { normaliseOrganization, topicTags } from '../../../src/programs/model';
import { toPairsInput } from '../../../src/programs/pairsInput';
import { matchPairs } from '../../../src/pairs/matching';
import { parseProgramForm, parseQuestion } from '../../../src/programs/settingsForm';
import { intakeAnswers, NEW_YORK_TIMES, programInput } from '../../support/programs';

/** Slack's view state for simple values, as the modal's elements would send them. */
function state(values: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [id, v] of Object.entries(values)) {
    let element: unknown;
    if (Array.isArray(v)) element = { selected_options: v.map((value) => ({ value })) };
    else if (typeof v === 'object' && v !== null) element = v;
    else element = { value: v, selected_option: { value: v }, selected_date: v };
    out[id] = { [id]: element };
  }
  return out;
}

describe('organizations compare normalised', () => {
  it.each([
    ['The Acme Co.', 'acme'],
    ['ACME, Inc', 'acme'],
    ['Acme Ltd', 'acme'],
    ['Société Générale SA', 'societe generale'],
    ['Ben & Jerry’s', 'ben and jerry s'],
    ['  City   of Boston ', 'city of boston'],
    ['The Company', 'company'],
    ['...', ''],
  ])('%s -> %s', (typed, key) => {
    expect(normaliseOrganization(typed)).toBe(key);
  });

  it('is idempotent and ignores case, for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const once = normaliseOrganization(s);
        expect(normaliseOrganization(once)).toBe(once);
        expect(normaliseOrganization(s.toUpperCase())).toBe(normaliseOrganization(s.toLowerCase()));
      }),
    );
  });

  it('reads topics as a set of tags', () => {
    expect(topicTags('Housing, transit;  HOUSING\nAI ')).toEqual(['housing', 'transit', 'ai']);
  });
});

describe('the settings form', () => {
  const now = new Date('2027-01-04T15:00:00Z');
  const good = {
    [F.name]: '  Fellows   2027 ',
    [F.timeZone]: 'America/New_York',
    [F.times]: 'Tue 09:00\n\nthursday 4pm',
    [F.deadline]: '2027-01-20',
    [F.questions]: 'Format? | Talk | Walk\nmultiple: Topics? | AI | Policy | AI',
  };

  it('reads a program with defaults for what the form leaves out', () => {
    const read = parseProgramForm(state(good), { now });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value).toMatchObject({
      name: 'Fellows 2027',
      kind: 'circles',
      minSize: 6,
      maxSize: 8,
      rhythm: 'weekly',
      cycleMonths: 6,
      durationMinutes: 60,
      candidates: NEW_YORK_TIMES,
      questions: [
        { id: 'q1', text: 'Format?', multiple: false, options: ['Talk', 'Walk'] },
        { id: 'q2', text: 'Topics?', multiple: true, options: ['AI', 'Policy'] },
      ],
    });
    expect(read.value.deadline.toISOString()).toBe('2027-01-21T05:00:00.000Z');
    expect(read.value.rules.separateOrganizations).toBe(false);
  });

  it('monthly circles take the week of the month', () => {
    const monthly = parseProgramForm(state({ ...good, [F.rhythm]: 'monthly' }), { now });
    expect(monthly).toMatchObject({ ok: false, errors: { [F.times]: expect.stringContaining('which week of the month') } });
    const read = parseProgramForm(state({ ...good, [F.rhythm]: 'monthly', [F.times]: '2nd Tue 09:00' }), { now });
    expect(read.ok && read.value.candidates[0]).toMatchObject({ kind: 'monthly', nth: 2 });
  });

  it('refuses sizes out of order, a repeated time, a passed deadline and a rule off the list', () => {
    const read = parseProgramForm(
      state({
        ...good,
        [F.minSize]: '8',
        [F.maxSize]: '6',
        [F.times]: 'Tue 09:00\ntue 9am',
        [F.deadline]: '2027-01-03',
        [`${F.rulePrefix}stage`]: 'alike:9',
      }),
      { now },
    );
    expect(read).toMatchObject({
      ok: false,
      errors: {
        [F.maxSize]: expect.stringContaining('at least the smallest'),
        [F.times]: expect.stringContaining('listed twice'),
        [F.deadline]: expect.stringContaining('has not passed'),
        [`${F.rulePrefix}stage`]: 'Choose from the list.',
      },
    });
  });

  it('keeps a passed deadline on edit when it is unchanged', () => {
    const previousDeadline = new Date('2027-01-21T05:00:00Z');
    const later = new Date('2027-02-01T00:00:00Z');
    expect(parseProgramForm(state(good), { now: later, previousDeadline }).ok).toBe(true);
    expect(parseProgramForm(state(good), { now: later }).ok).toBe(false);
  });

  it('reads rules for questions that exist only', () => {
    const read = parseProgramForm(
      state({ ...good, [`${F.rulePrefix}q1`]: 'mix:3', [`${F.rulePrefix}q5`]: 'alike:1', [`${F.rulePrefix}sector`]: 'off' }),
      { now },
    );
    expect(read.ok && read.value.rules.fields).toEqual({
      stage: { mode: 'alike', weight: 2 },
      role: { mode: 'mix', weight: 1 },
      topics: { mode: 'alike', weight: 1 },
      q1: { mode: 'mix', weight: 3 },
    });
  });

  it('questions need two to ten short choices', () => {
    expect(parseQuestion('Only? | one', 'q1')).toMatchObject({ ok: false });
    expect(parseQuestion('| a | b', 'q1')).toMatchObject({ ok: false });
    expect(parseQuestion(`Q? | ${Array.from({ length: 11 }, (_, i) => `o${i}`).join(' | ')}`, 'q1')).toMatchObject({ ok: false });
  });

  it('never throws, whatever the state holds', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        expect(parseProgramForm(raw, { now }).ok).toBe(false);
      }),
    );
  });
});

describe('the intake form', () => {
  const program = programInput();
  const [tue, thu] = NEW_YORK_TIMES.map(candidateKey) as [string, string];
  const ctx = { program, selfId: 'UME', others: new Set(['UA', 'UB']) };
  const good = {
    [I.stage]: '2',
    [I.sector]: 'academia',
    [I.organization]: 'MIT',
    [I.role]: 'Dean',
    [I.topics]: 'AI',
    [I.timeZone]: 'Europe/Paris',
    [`${I.timePrefix}0`]: 'yes',
    [`${I.timePrefix}1`]: 'ifneedbe',
    [I.wishes]: ['UA'],
    [`${I.questionPrefix}q1`]: '1',
  };

  it('reads the answers, times by candidate key and questions by their choice', () => {
    expect(parseIntake(state(good), ctx)).toEqual({
      ok: true,
      value: {
        stage: 2,
        sector: 'academia',
        organization: 'MIT',
        role: 'Dean',
        topics: 'AI',
        goals: '',
        timeZone: 'Europe/Paris',
        times: { [tue]: 'yes', [thu]: 'ifneedbe' },
        wishes: ['UA'],
        avoid: [],
        volunteer: false,
        answers: { q1: ['Walk'] },
      },
    });
  });

  it('refuses wishes outside the program, oneself, and a choice that is not offered', () => {
    const read = parseIntake(
      state({ ...good, [I.wishes]: ['UZ'], [I.avoid]: ['UME'], [`${I.questionPrefix}q1`]: '7', [I.stage]: '9' }),
      ctx,
    );
    expect(read).toMatchObject({
      ok: false,
      errors: {
        [I.wishes]: expect.stringContaining('joined this program'),
        [I.avoid]: expect.stringContaining('yourself'),
        [`${I.questionPrefix}q1`]: expect.stringContaining('changed'),
        [I.stage]: expect.stringContaining('career stage'),
      },
    });
    expect(parseIntake(state({ ...good, [I.wishes]: ['UA', 'UB', 'UC', 'UD'] }), ctx)).toMatchObject({ ok: false });
  });

  it('never throws, whatever the state holds', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        expect(typeof parseIntake(raw, ctx).ok).toBe('boolean');
      }),
    );
  });

  it('fingerprints the times in order', () => {
    expect(timesFingerprint(program)).toBe(timesFingerprint(programInput()));
    expect(timesFingerprint(program)).not.toBe(timesFingerprint({ candidates: [...NEW_YORK_TIMES].reverse() }));
  });
});

describe('the intake reminder', () => {
  const deadline = new Date('2027-01-21T05:00:00Z');
  it('goes two days before the deadline, or half a day after a late join, never in the last two hours', () => {
    expect(reminderDue(new Date('2027-01-04T00:00:00Z'), deadline)?.toISOString()).toBe('2027-01-19T05:00:00.000Z');
    expect(reminderDue(new Date('2027-01-20T00:00:00Z'), deadline)?.toISOString()).toBe('2027-01-20T12:00:00.000Z');
    expect(reminderDue(new Date('2027-01-20T16:00:00Z'), deadline)).toBeNull();
  });
});

describe('formation input', () => {
  it('maps the rules to fields, keeps wishes and avoid-lists inside the instance, and lists earlier rounds’ pairs', () => {
    const program = programInput({
      questions: [{ id: 'q1', text: 'Topics?', multiple: true, options: ['AI', 'Policy'] }],
      rules: {
        ...programInput().rules,
        fields: { ...programInput().rules.fields, q1: { mode: 'alike', weight: 1 }, role: { mode: 'mix', weight: 0 } },
      },
    });
    const [tue] = NEW_YORK_TIMES.map(candidateKey) as [string];
    const instance = toFormationInput(
      program,
      [
        {
          userId: 'UA',
          organizationKey: 'acme',
          answers: intakeAnswers({ wishes: ['UB', 'UX'], avoid: ['UA'], answers: { q1: ['AI', 'Nope'] } }),
        },
        { userId: 'UB', organizationKey: null, answers: intakeAnswers({ times: { [tue]: 'yes', 'weekly:gone': 'yes' } }) },
      ],
      [['UA', 'UB', 'UGONE']],
    );
    expect(instance.rules.fields).toEqual([
      { key: 'stage', kind: 'ordinal', mode: 'alike', weight: 2, levels: 5 },
      { key: 'sector', kind: 'category', mode: 'mix', weight: 2 },
      { key: 'topics', kind: 'set', mode: 'alike', weight: 1 },
      { key: 'q1', kind: 'set', mode: 'alike', weight: 1 },
    ]);
    const [a, b] = instance.people;
    expect(a).toMatchObject({ organization: 'acme', wishes: ['UB'], avoid: [], values: { q1: ['AI'] } });
    expect(b!.organization).toBeUndefined();
    expect(b!.times).toEqual({ [tue]: 'yes' });
    expect(instance.pastPairs).toEqual([['UA', 'UB']]);
  });
});

describe('coaching pairs from the intake', () => {
  it('feeds the pair matcher: slots of the day in each person’s zone, the zone’s offset, tags, lists within the program', () => {
    const program = { ...programInput({ kind: 'pairs', minSize: 2, maxSize: 3 }), round: 2 };
    const [tue, thu] = NEW_YORK_TIMES.map(candidateKey) as [string, string];
    const input = toPairsInput(
      program,
      [
        {
          userId: 'UNY',
          organizationKey: null,
          answers: intakeAnswers({ times: { [tue]: 'yes', [thu]: 'no' }, wishes: ['UPA', 'UX'], topics: 'AI, Policy' }),
        },
        {
          userId: 'UPA',
          organizationKey: null,
          answers: intakeAnswers({ timeZone: 'Europe/Paris', times: { [tue]: 'ifneedbe', [thu]: 'yes' }, avoid: ['UZ'] }),
        },
      ],
      [
        { round: 1, members: ['UNY', 'UPA', 'UGONE'] },
        { round: 2, members: ['UNY', 'UPA'] },
      ],
    );
    expect(input.participants).toEqual([
      { id: 'UNY', topics: ['ai', 'policy'], stage: 2, times: ['mornings'], utcOffsetMinutes: -300, wishes: ['UPA'], avoid: [] },
      // Tue 09:00 New York is 15:00 in Paris, Thu 16:00 is 22:00.
      {
        id: 'UPA',
        topics: ['housing', 'transit'],
        stage: 2,
        times: ['afternoons', 'evenings'],
        utcOffsetMinutes: 60,
        wishes: [],
        avoid: [],
      },
    ]);
    expect(input.history).toEqual({ currentCycle: 2, coolOff: null, groups: [{ cycle: 1, members: ['UNY', 'UPA'] }] });
    expect(matchPairs(input, { seed: 1 }).groups.map((g) => g.members.slice().sort())).toEqual([['UNY', 'UPA']]);
  });
});
