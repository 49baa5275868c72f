/** Dates as letters write them (`MM/DD/YYYY`, `M/D/YYYY`, `MM-DD-YYYY`), checked against the calendar. */

const DATE_RE = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})$/;

export function isDateShaped(s: string): boolean {
  return s.length <= 12 && DATE_RE.test(s);
}

/** ISO `YYYY-MM-DD` for a US-style date, or null when it is not a real calendar date. */
export function toIsoDate(s: string): string | null {
  if (s.length > 12) return null;
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const month = Number(m[1]);
  const day = Number(m[2]);
  let year = Number(m[3]);
  if (m[3].length === 2) year += 2000;
  if (month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whole days from ISO date `a` to ISO date `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / 86400000);
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
