// Numbers and dates as the business reads them: yuan with two decimals and thousands separators, shares as
// percentages, days and times in the business's zone (set from the API's businessCalendar at sign-in).
import { language } from './i18n.js';

let zone = 'Asia/Shanghai';
let today = null;

/** The business calendar from the API: its zone for dates and times, its today for default days. */
export function useCalendar(calendar) {
  zone = calendar.zone;
  today = calendar.today;
}

export function businessToday() {
  return today ?? new Date().toISOString().slice(0, 10);
}

export function businessZone() {
  return zone;
}

/** The instant a business day starts in the business's zone (as the API's calendar starts it), ISO in UTC. */
export function dayStart(isoDay) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  const wallClock = (instant) => Object.fromEntries(parts.formatToParts(new Date(instant))
    .map((part) => [part.type, part.value]));
  const offset = (instant) => {
    const w = wallClock(instant);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant / 1000) * 1000;
  };
  const inDay = (instant) => {
    const w = wallClock(instant);
    return `${w.year}-${w.month}-${w.day}` === isoDay;
  };
  // Midnight with the offset of around then, and with the offset in force at that guess (a change of offset in
  // between, summer time); where midnight does not exist (a change at midnight), the day starts at the change.
  const midnightUtc = Date.parse(`${isoDay}T00:00:00Z`);
  const guess = midnightUtc - offset(midnightUtc);
  const start = [midnightUtc - offset(guess), guess].filter(inDay).sort((a, b) => a - b)[0] ?? guess;
  return new Date(start).toISOString();
}

function locale() {
  return language() === 'zh' ? 'zh-CN' : 'en-US';
}

const missing = (value) => value === null || value === undefined;

// A missing figure is shown as a dash: not there, or withheld for the role (the page says when figures were withheld).
const NONE = '—';

/** Money arrives as a decimal string ("1280.50"): shown as ¥1,280.50. */
export function money(value) {
  if (missing(value)) return NONE;
  return '¥' + Number(value).toLocaleString(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function count(value) {
  if (missing(value)) return NONE;
  return Number(value).toLocaleString(locale(), { maximumFractionDigits: 0 });
}

export function decimal(value, digits = 2) {
  if (missing(value)) return NONE;
  return Number(value).toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A share given as a fraction (0.125) shown as 12.5%. */
export function percent(value) {
  if (missing(value)) return NONE;
  return (Number(value) * 100).toLocaleString(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + '%';
}

export function day(value) {
  return missing(value) ? '' : String(value);
}

/** An instant shown as a date and time in the business's zone. */
export function moment(value) {
  if (missing(value)) return '';
  return new Intl.DateTimeFormat(locale(), { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

/** The change from before to now as a signed percentage, or '' when there is nothing to compare. */
export function change(now, before) {
  if (missing(now) || missing(before) || Number(before) === 0) return '';
  const ratio = (Number(now) - Number(before)) / Math.abs(Number(before));
  return (ratio >= 0 ? '+' : '') + (ratio * 100).toFixed(1) + '%';
}

/**
 * The change of a rate (a share from 0 to 1) from before to now in percentage points: a refund rate from 1.0% to
 * 1.5% is +0.5 pp, where a relative change (+50.0%) would overstate it and says nothing when it was 0.
 */
export function pointsChange(now, before) {
  if (missing(now) || missing(before)) return '';
  const points = (Number(now) - Number(before)) * 100;
  return (points >= 0 ? '+' : '') + points.toFixed(1) + ' pp';
}

// Calendar arithmetic on ISO dates ("2026-11-25") in UTC, where no day is skipped: the business's days as the API
// writes them, not instants.

/** The ISO date so many days before. */
export function daysBefore(isoDay, days) {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/** The first day (ISO date) of the month so many months before the day's month. */
export function monthStartBefore(isoDay, months) {
  const date = new Date(`${isoDay.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.toISOString().slice(0, 10);
}
