/**
 * An independent reading of a wall-clock time in a zone, through Node's own ICU time-zone data
 * rather than luxon (which the code under test uses): every instant that shows that time there.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function shownIn(instant: number, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  const part = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}`;
}

/**
 * The instants (ISO, UTC) whose local time in timeZone is dateTime ("yyyy-mm-ddThh:mm:ss"): one
 * for an ordinary time, two in a repeated hour, none in a skipped one. Every UTC offset from
 * -14:00 to +14:00 in quarter hours is tried, so nothing about the zone is assumed.
 */
export function instantsShowing(dateTime: string, timeZone: string): string[] {
  const asUtc = Date.parse(`${dateTime}Z`);
  if (Number.isNaN(asUtc)) throw new Error(`not a local date-time: ${dateTime}`);
  const found = new Set<string>();
  for (let offset = -14 * 60; offset <= 14 * 60; offset += 15) {
    const candidate = asUtc - offset * 60_000;
    if (shownIn(candidate, timeZone) === dateTime) found.add(new Date(candidate).toISOString());
  }
  return [...found].sort();
}
