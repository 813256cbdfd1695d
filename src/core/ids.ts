/**
 * A row id carried by a button or a modal. Slack sends values as strings, so anything else (a
 * boolean, a number, an object) is a forged or broken payload, and only plain digits count:
 * `Number()` would read `true` as 1 and "0x1f" as 31, turning junk into someone's row.
 */
export function idFrom(value: unknown): number | null {
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,15}$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
}
