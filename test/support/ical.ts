import ICAL from 'ical.js';

/** One event of a feed as a standard iCalendar parser reads it: its start as an instant. */
export interface ParsedEvent {
  uid: string;
  summary: string;
  start: Date;
  status: string | null;
}

/** Reads a whole feed with ical.js, resolving each event's TZID against the feed's own VTIMEZONEs. */
export function parseFeed(ics: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    const zone = new ICAL.Timezone(vtimezone);
    // Each feed describes its zones over its own span, so a zone registered by an earlier feed is replaced.
    ICAL.TimezoneService.remove(zone.tzid);
    ICAL.TimezoneService.register(zone);
  }
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate(),
      status: (vevent.getFirstPropertyValue('status') as string | null) ?? null,
    };
  });
}

/** An instant as a wall clock in a zone: "Tue 08:00". */
export function wallIn(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(at)
    .replace(',', '');
}
