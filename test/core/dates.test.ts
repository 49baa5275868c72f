/**
 * Dates as letters write them, read into ISO `YYYY-MM-DD` (core/dates.ts `toIsoDate`): every day of
 * several years, in every shape a letter writes a date, against the calendar of `Date`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toIsoDate } from '../../server/src/core';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

test('every real day reads as its ISO date, whatever the shape it is written in', () => {
  let days = 0;
  for (const year of [1, 999, 1999, 2000, 2016, 2020, 2024, 9999]) {
    for (let month = 1; month <= 12; month++) {
      for (let day = 1; day <= 31; day++) {
        const real = new Date(Date.UTC(2000, month - 1, day));
        real.setUTCFullYear(year);
        const exists = real.getUTCMonth() === month - 1;
        const want = exists ? `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` : null;
        for (const written of [`${month}/${day}/${pad(year, 4)}`, `${pad(month, 2)}-${pad(day, 2)}-${pad(year, 4)}`]) {
          assert.equal(toIsoDate(written), want, written);
        }
        days++;
      }
    }
  }
  assert.equal(days, 8 * 12 * 31);
});

test('a two-digit year is of this century; what is not a date reads as null', () => {
  assert.equal(toIsoDate('2/29/16'), '2016-02-29');
  assert.equal(toIsoDate('2/29/17'), null);
  assert.equal(toIsoDate('07-04-99'), '2099-07-04');
  for (const s of ['', '1/2', '13/01/2016', '0/10/2016', '1/0/2016', '1/2/123', '1/2/20166', 'a/b/cdef', '1//2016', '1/2/2016 ']) {
    assert.equal(toIsoDate(s), null, JSON.stringify(s));
  }
});
