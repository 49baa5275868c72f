/** Dates as letters write them (`MM/DD/YYYY`, `M/D/YYYY`, `MM-DD-YYYY`), checked against the calendar. */
import { isAsciiLetter, isDigitCode } from './collapse';

/**
 * The numbers of a date shaped `M/D/YYYY` (one or two digits, "/" or "-", one or two digits, "/"
 * or "-", four or two digits, nothing more), as year * 10000 + month * 100 + day, a two-digit year
 * read as of this century; -1 for any other string. Read by character codes: no match array.
 */
function dateNumbers(s: string): number {
  const n = s.length;
  if (n > 12) return -1;
  let i = 0;
  let month = 0;
  let day = 0;
  for (let part = 0; part < 2; part++) {
    const from = i;
    let v = 0;
    while (i < n && i - from < 2 && isDigitCode(s.charCodeAt(i))) v = v * 10 + s.charCodeAt(i++) - 48;
    if (i === from || i >= n) return -1;
    const sep = s.charCodeAt(i++);
    if (sep !== 47 && sep !== 45) return -1;
    if (part === 0) month = v;
    else day = v;
  }
  const digits = n - i;
  if (digits !== 4 && digits !== 2) return -1;
  let year = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (!isDigitCode(c)) return -1;
    year = year * 10 + c - 48;
  }
  if (digits === 2) year += 2000;
  return year * 10000 + month * 100 + day;
}

export function isDateShaped(s: string): boolean {
  return dateNumbers(s) >= 0;
}

/** The digit OCR's look-alike letter `c` stands for ("O" or "o" for 0, "l" or "I" for 1); -1 for
 *  any other character. */
function lookAlikeDigit(c: number): number {
  return c === 79 || c === 111 ? 48 : c === 108 || c === 73 ? 49 : -1;
}

/** Whether `v` is date-shaped with look-alike letters for some of its digits (`lookAlikeDigit`),
 *  and no other letter: a loop over its codes, which most text leaves at its first. */
export function isOcrDate(v: string): boolean {
  if (v.length > 10) return false;
  let look = false;
  for (let k = 0; k < v.length; k++) {
    const c = v.charCodeAt(k);
    if (lookAlikeDigit(c) >= 0) look = true;
    else if (!(c >= 48 && c <= 57) && c !== 47 && c !== 45) return false;
  }
  if (!look) return false;
  let digits = '';
  for (let k = 0; k < v.length; k++) {
    const c = v.charCodeAt(k);
    const d = lookAlikeDigit(c);
    digits += String.fromCharCode(d >= 0 ? d : c);
  }
  return isDateShaped(digits);
}

/** Whether a date value has a letter among its digits (`isOcrDate`): not the letter's date as
 *  written, and not read. */
export function letterInDate(v: string): boolean {
  for (let k = 0; k < v.length; k++) if (isAsciiLetter(v.charCodeAt(k))) return true;
  return false;
}

/** ISO `YYYY-MM-DD` for a US-style date, or null when it is not a real calendar date. */
export function toIsoDate(s: string): string | null {
  const d = dateNumbers(s);
  if (d < 0) return null;
  const month = Math.floor(d / 100) % 100;
  const day = d % 100;
  const year = Math.floor(d / 10000);
  if (month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  // One flat string of its ten characters (the year has four digits at most; a template would make
  // a string for each piece it joins).
  return String.fromCharCode(
    48 + Math.floor(year / 1000),
    48 + (Math.floor(year / 100) % 10),
    48 + (Math.floor(year / 10) % 10),
    48 + (year % 10),
    45,
    48 + Math.floor(month / 10),
    48 + (month % 10),
    45,
    48 + Math.floor(day / 10),
    48 + (day % 10),
  );
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whole days from ISO date `a` to ISO date `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  const da = dayNumber(a);
  const db = dayNumber(b);
  if (da !== null && db !== null) return db - da;
  return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / 86400000);
}

/**
 * Days from 1970-01-01 to a `YYYY-MM-DD` date with a month of 1 to 12 and a day of 1 to 31, as
 * `Date.parse` reads it (a day past the month's end runs into the next month), counted without
 * making strings; null for any other text (`Date.parse` reads it).
 */
function dayNumber(iso: string): number | null {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return null;
  const y = digits(iso, 0, 4);
  const m = digits(iso, 5, 7);
  const d = digits(iso, 8, 10);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  // Days from civil (proleptic Gregorian), with years starting in March.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The number written in s[from, to) in decimal digits only, or -1. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];

/** ISO date for "August 30, 2013", or null. */
export function longDateToIso(s: string): string | null {
  const m = /^([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4})$/.exec(s.trim());
  if (!m) return null;
  const month = MONTHS.indexOf(m[1].toLowerCase()) + 1;
  if (month === 0) return null;
  return toIsoDate(`${month}/${m[2]}/${m[3]}`);
}
