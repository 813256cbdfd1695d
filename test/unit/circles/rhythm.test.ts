import { DEFAULT_RHYTHM, parseRhythm } from '../../../src/circles/settings/rhythm';

describe('rhythm settings', () => {
  it('defaults what is missing', () => {
    expect(parseRhythm(undefined, undefined, undefined)).toEqual({ ok: true, rhythm: DEFAULT_RHYTHM });
  });

  it('orders reminder leads from the earliest and drops repeats', () => {
    expect(parseRhythm('case-clinic', ['60', '10080', '60'], '2880')).toEqual({
      ok: true,
      rhythm: { format: 'case-clinic', reminderLeads: [10080, 60], agendaLeadMinutes: 2880 },
    });
  });

  it.each([
    [['lecture', ['60'], '1440'], 'format', 'Choose one of the session formats.'],
    [['wol', ['7'], '1440'], 'reminders', 'Choose reminder times from the list.'],
    [['wol', ['60'], '5'], 'agendaLead', 'Choose when the agenda is posted from the list.'],
  ] as const)('refuses values the modal does not offer (%j)', (args, field, error) => {
    expect(parseRhythm(args[0], [...args[1]], args[2])).toEqual({ ok: false, field, error });
  });
});
