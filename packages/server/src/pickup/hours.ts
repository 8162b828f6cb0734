import { TZDate } from '@date-fns/tz';
import Holidays from 'date-holidays';
import type { Country, OpenState, OpeningException, OpeningHours, StoreType } from '@omnikit/contract';

// Opening hours as instants: weekly hours in the location's own time zone, the country's public
// holidays (date-holidays, maintained upstream) and the location's own exceptions, which win.
// Pure functions with `now` passed in; wall-clock <-> instant goes through @date-fns/tz (the IANA
// zone database), never hand-written offsets, so the days a clock jumps are right.

/** What the hours of a location are made of. */
export interface HoursSource {
  type: StoreType;
  country: Country;
  /** IANA time zone. */
  timeZone: string;
  openingHours: OpeningHours[];
  /** The location's own exceptions (dated; they win over holidays and the week). */
  overrides: OpeningException[];
}

/** One opening as instants, `[start, end)`. */
export interface OpenInterval {
  start: Date;
  end: Date;
}

/** Days ahead searched for an opening before a location counts as closed for good. */
export const OPENING_HORIZON_DAYS = 30;

const holidaysByCountry = new Map<Country, Holidays>();
const holidaysByYear = new Map<string, Map<string, { name: string; type: string }>>();

/**
 * The public holidays (`public`: shops closed) and bank days (`bank`: midsummer eve, Christmas
 * eve, New Year's eve; shops keep their weekly hours unless an exception of their own says
 * otherwise) of a country's year, by local date.
 */
export function holidaysOf(country: Country, year: number): Map<string, { name: string; type: string }> {
  const key = `${country}:${year}`;
  let days = holidaysByYear.get(key);
  if (!days) {
    let hd = holidaysByCountry.get(country);
    if (!hd) holidaysByCountry.set(country, (hd = new Holidays(country)));
    days = new Map();
    for (const h of hd.getHolidays(year)) {
      if (h.type !== 'public' && h.type !== 'bank') continue;
      const date = h.date.slice(0, 10);
      // Two on one day (Norway's 17 May on Whit Monday): a public one decides.
      if (!days.has(date) || h.type === 'public') days.set(date, { name: h.name, type: h.type });
    }
    holidaysByYear.set(key, days);
  }
  return days;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar date (`YYYY-MM-DD`) of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  const d = new TZDate(at.getTime(), timeZone);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The wall-clock time (`HH:MM`) of an instant in a time zone. */
export function localTime(at: Date, timeZone: string): string {
  const d = new TZDate(at.getTime(), timeZone);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A calendar date `n` days later (calendar arithmetic on the date alone, no zone involved). */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
}

// Instants of wall-clock times, remembered (the last 20 000): every store answer and ready time
// asks for the same few openings again and again, and one TZDate costs tens of microseconds.
const instants = new Map<string, number>();

/**
 * The instant a wall-clock time happens on a date in a time zone. In the hour a spring change
 * skips, @date-fns/tz moves forward to the first time that exists.
 */
export function instantAt(date: string, time: string, timeZone: string): Date {
  const key = `${timeZone} ${date} ${time}`;
  let ms = instants.get(key);
  if (ms === undefined) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const [hh, mm] = time.split(':').map(Number) as [number, number];
    ms = new TZDate(y, m - 1, d, hh, mm, timeZone).getTime();
    if (instants.size >= 20_000) instants.clear();
    instants.set(key, ms);
  }
  return new Date(ms);
}

/**
 * The exception that decides a date, if any: the location's own first, then a public holiday
 * of its country (closed). A bank day without an exception of the location's own keeps the week's hours.
 */
export function exceptionOn(src: HoursSource, date: string): OpeningException | undefined {
  const own = src.overrides.find((e) => e.date === date);
  if (own) return own;
  const h = holidaysOf(src.country, Number(date.slice(0, 4))).get(date);
  if (h?.type === 'public') return { date, closed: true, note: h.name };
  return undefined;
}

/** The hours of a local date, or `null` when closed all day. */
export function hoursOn(src: HoursSource, date: string): { opens: string; closes: string } | null {
  const e = exceptionOn(src, date);
  if (e) return e.closed || !e.opens || !e.closes ? null : { opens: e.opens, closes: e.closes };
  const week = src.openingHours.find((h) => h.day === isoWeekday(date));
  return week ? { opens: week.opens, closes: week.closes } : null;
}

/** The opening of a local date as instants, or `null` when closed (or the hours make no interval). */
export function intervalOn(src: HoursSource, date: string): OpenInterval | null {
  const h = hoursOn(src, date);
  if (!h) return null;
  const start = instantAt(date, h.opens, src.timeZone);
  const end = instantAt(date, h.closes, src.timeZone);
  return end > start ? { start, end } : null;
}

/** Lockers are open at all hours. */
const alwaysOpen = (src: HoursSource) => src.type === 'locker';

/** Openings that end after `from`, day by day from `from`'s local date, for `days` days. */
export function* openingsFrom(src: HoursSource, from: Date, days = OPENING_HORIZON_DAYS): Generator<OpenInterval> {
  // From the day before: an opening of the previous local date never runs past midnight here,
  // but starting a day early costs nothing and keeps that true if it ever does.
  let date = addDays(localDate(from, src.timeZone), -1);
  for (let i = 0; i <= days; i++, date = addDays(date, 1)) {
    const iv = intervalOn(src, date);
    if (iv && iv.end > from) yield iv;
  }
}

/** Open now (until when) or closed (opening next when), in the location's zone. */
export function openState(src: HoursSource, now: Date): OpenState {
  if (alwaysOpen(src)) return { open: true };
  for (const iv of openingsFrom(src, now)) {
    if (iv.start <= now) return { open: true, closesAt: iv.end.toISOString() };
    return { open: false, opensAt: iv.start.toISOString() };
  }
  return { open: false };
}

/**
 * The earliest instant by which `minutes` of work started no earlier than `from` is done inside
 * one opening: `from + minutes` when it fits before closing, else the next opening that has room
 * plus `minutes` (work that would run past closing starts again at the next opening). Undefined
 * when no opening within the horizon has room.
 */
export function doneWithinOpening(src: HoursSource, from: Date, minutes: number, days = OPENING_HORIZON_DAYS): Date | undefined {
  const ms = minutes * 60_000;
  if (alwaysOpen(src)) return new Date(from.getTime() + ms);
  for (const iv of openingsFrom(src, from, days)) {
    const start = Math.max(from.getTime(), iv.start.getTime());
    if (start + ms <= iv.end.getTime()) return new Date(start + ms);
  }
  return undefined;
}

/**
 * The days from `now`'s local date (inclusive) for `days` days that have other hours than the
 * week's: the location's own exceptions and its country's public holidays (closed).
 */
export function comingExceptions(src: HoursSource, now: Date, days = 60): OpeningException[] {
  if (alwaysOpen(src)) return [];
  const out: OpeningException[] = [];
  let date = localDate(now, src.timeZone);
  for (let i = 0; i < days; i++, date = addDays(date, 1)) {
    const e = exceptionOn(src, date);
    if (e) out.push(e);
  }
  return out;
}
