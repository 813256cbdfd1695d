import { AGENDA_FORMAT_IDS, AGENDA_FORMATS, type AgendaFormatId } from './agendaFormats';
import { AGENDA_LEADS, REMINDER_LEADS } from './leads';

/** How a circle's sessions run and how far ahead people hear of them; facilitators choose. */
export interface RhythmSettings {
  format: AgendaFormatId;
  /** Minutes before a session each reminder DM goes out. */
  reminderLeads: number[];
  /** Minutes before a session the agenda is posted in the channel. */
  agendaLeadMinutes: number;
}

export const DEFAULT_RHYTHM: RhythmSettings = { format: 'open-checkin', reminderLeads: [10080, 60], agendaLeadMinutes: 1440 };

export const REMINDER_LEAD_OPTIONS = REMINDER_LEADS;
export const AGENDA_LEAD_OPTIONS = AGENDA_LEADS;

export const FORMAT_OPTIONS = AGENDA_FORMAT_IDS.map((id) => ({ id, label: AGENDA_FORMATS[id].name }));

export type RhythmParse =
  { ok: true; rhythm: RhythmSettings } | { ok: false; field: 'format' | 'reminders' | 'agendaLead'; error: string };

/** Reads the three rhythm fields; a field left out keeps the default (older modals lack them). */
export function parseRhythm(
  format: string | undefined,
  reminders: string[] | undefined,
  agendaLead: string | undefined,
): RhythmParse {
  const chosenFormat = format ?? DEFAULT_RHYTHM.format;
  if (!(AGENDA_FORMAT_IDS as readonly string[]).includes(chosenFormat)) {
    return { ok: false, field: 'format', error: 'Choose one of the session formats.' };
  }
  const leads = reminders === undefined ? DEFAULT_RHYTHM.reminderLeads : reminders.map(Number);
  if (!leads.every((m) => REMINDER_LEAD_OPTIONS.some((o) => o.minutes === m))) {
    return { ok: false, field: 'reminders', error: 'Choose reminder times from the list.' };
  }
  const agenda = agendaLead === undefined ? DEFAULT_RHYTHM.agendaLeadMinutes : Number(agendaLead);
  if (!AGENDA_LEAD_OPTIONS.some((o) => o.minutes === agenda)) {
    return { ok: false, field: 'agendaLead', error: 'Choose when the agenda is posted from the list.' };
  }
  return {
    ok: true,
    rhythm: {
      format: chosenFormat as AgendaFormatId,
      reminderLeads: [...new Set(leads)].sort((a, b) => b - a),
      agendaLeadMinutes: agenda,
    },
  };
}
