/**
 * The catalog's time zone: its UTC offset at any instant, and the two conversions the understanding
 * needs between instants and wall-clock time. It is luxon's IANA zone underneath, which works each
 * offset out with Intl.DateTimeFormat#formatToParts: dear enough that doing it for every date in a
 * question cost more than the rest of understanding it, so offsets are remembered.
 *
 * Offsets are kept per UTC hour. An hour is only kept when the offset is the same at its first and
 * last second, so an hour in which the clocks change (at 01:00 UTC in London, at odd minutes in a
 * few zones) is always asked afresh: answers are exactly those of luxon's own zone.
 */
import { IANAZone } from 'luxon';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;
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

  /** Wall-clock time in this zone at an instant, as milliseconds on a UTC-based scale. */
  wallClock(instant: number): number {
    return instant + this.offset(instant) * MINUTE;
  }

  /**
   * The instant a wall-clock time stands for, found as luxon finds it from a guessed offset (in
   * minutes; by default the one in force a day earlier): a time the clocks skip moves on by the
   * gap, and of a time they repeat, the first is meant.
   */
  instant(wallClock: number, guess = this.offset(wallClock - DAY)): number {
    let utc = wallClock - guess * MINUTE;
    const second = this.offset(utc);
    if (second === guess) return utc;
    utc -= (second - guess) * MINUTE;
    const third = this.offset(utc);
    if (third === second) return utc;
    return wallClock - Math.min(second, third) * MINUTE;
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
