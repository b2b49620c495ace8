/**
 * The catalog's time zone for luxon, with its UTC offsets remembered. luxon's own IANA zone asks
 * Intl.DateTimeFormat#formatToParts for the offset every time a DateTime is made or moved, which
 * was the dearest step of understanding a question ("next Friday" makes a dozen of them).
 *
 * Offsets are kept per UTC hour. An hour is only kept when the offset is the same at its first and
 * last second, so an hour in which the clocks change (at 01:00 UTC in London, at odd minutes in a
 * few zones) is always asked afresh: answers are exactly those of luxon's own zone.
 */
import { IANAZone } from 'luxon';

const HOUR = 3_600_000;
/** About a year of hours per zone; cleared when full, so a long-running process stays bounded. */
const MAX_HOURS = 10_000;

export class CachedZone extends IANAZone {
  private readonly hours = new Map<number, number>();

  override offset(ts: number): number {
    const hour = Math.floor(ts / HOUR);
    const known = this.hours.get(hour);
    if (known !== undefined) return known;
    const first = super.offset(hour * HOUR);
    if (Number.isNaN(first) || first !== super.offset(hour * HOUR + HOUR - 1000)) return super.offset(ts);
    if (this.hours.size >= MAX_HOURS) this.hours.clear();
    this.hours.set(hour, first);
    return first;
  }
}

const zones = new Map<string, CachedZone>();

/** One shared zone object per IANA name ("Europe/London"). */
export function cachedZone(name: string): CachedZone {
  let zone = zones.get(name);
  if (!zone) {
    zone = new CachedZone(name);
    zones.set(name, zone);
  }
  return zone;
}
