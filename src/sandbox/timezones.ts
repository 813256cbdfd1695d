/**
 * Slack reports tz_offset/tz_label for the moment of the request, so they move with DST.
 * Deriving them from the IANA zone (instead of hard-coding) keeps seeded users honest year round.
 */
export interface TzInfo {
  tz_offset: number;
  tz_label: string;
}

export function tzInfo(tz: string, at: Date): TzInfo {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const localAsUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const wholeSecondsAt = Math.floor(at.getTime() / 1000) * 1000;
  const tz_offset = Math.round((localAsUtc - wholeSecondsAt) / 1000);
  const label = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  return { tz_offset, tz_label: label ?? tz };
}
