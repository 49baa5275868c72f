/**
 * The appeal deadline and the re-request period an IMR letter sets running, per era: the rule
 * numbers come from the knowledge base's dated procedure entries (8 CCR §10957.1 and §10507 until
 * December 31, 2019; §10575 and §10605 from January 1, 2020), the five mail days from the WCAB's
 * en banc decision in Matute (2015). Expected dates are worked out by hand in the test names.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { addMonths, appealDeadline, nextBusinessDay, procedureAt, reRequestUntil, weekday } from '../../server/src/core/appeal';
import { bundledKnowledge } from '../../server/src/core/knowledge';

const kb = bundledKnowledge();

describe('appeal deadline', () => {
  test('2017-01-24 (a Tuesday): 35 days is Tuesday 2017-02-28; by hand 30 days is Thursday 2017-02-23', () => {
    const d = appealDeadline(kb, '2017-01-24');
    assert.equal(d.days, 30);
    assert.equal(d.mailDays, 5);
    assert.equal(d.byMail, '2017-02-28');
    assert.equal(weekday(d.byMail), 'Tuesday');
    assert.equal(d.byHand, '2017-02-23');
    assert.equal(d.byMailMovedFrom, null);
  });

  test('a last day on a Saturday or Sunday moves to the Monday', () => {
    assert.equal(nextBusinessDay('2017-02-11'), '2017-02-13'); // Saturday
    assert.equal(nextBusinessDay('2017-02-12'), '2017-02-13'); // Sunday
    assert.equal(nextBusinessDay('2017-02-13'), '2017-02-13'); // Monday
    const d = appealDeadline(kb, '2017-01-07'); // + 35 = Saturday 2017-02-11
    assert.equal(d.byMail, '2017-02-13');
    assert.equal(d.byMailMovedFrom, '2017-02-11');
  });

  test('letters of 2013 to 2019 get §10957.1 and §10507; from 2020, §10575 and §10605', () => {
    for (const [date, rule, mail] of [
      ['2013-09-26', '10957.1', '10507'],
      ['2017-01-24', '10957.1', '10507'],
      ['2019-12-31', '10957.1', '10507'],
      ['2020-01-01', '10575', '10605'],
      ['2024-05-01', '10575', '10605'],
    ]) {
      const d = appealDeadline(kb, date);
      assert.equal(d.rule?.section, rule, date);
      assert.equal(d.mailRule?.section, mail, date);
    }
  });

  test('the mail-service entry states the Matute holding with its sources', () => {
    const e = procedureAt(kb, 'mail-service', '2017-01-24');
    assert.ok(e);
    assert.match(e.summary, /Matute/);
    assert.match(e.summary, /en banc/);
    assert.match(e.summary, /§5316/);
    assert.match(e.summary, /§1013\(a\)/);
    assert.ok(e.sources.some((s) => s.tag === 'REG' && /Matute/.test(s.ref)));
  });
});

describe('repeat request within 12 months (Labor Code §4610(g)(6))', () => {
  test('a UR decision of 2016-12-09 stays in effect until 2017-12-09', () => {
    const r = reRequestUntil(kb, '2016-12-09');
    assert.ok(r);
    assert.equal(r.until, '2017-12-09');
    assert.equal(r.statute, 'Labor Code §4610(g)(6)');
    assert.ok(r.entry.sources.length > 0);
  });

  test('a UR decision of 2018 or later: §4610 was rewritten (SB 1160), so no date and no old subdivision', () => {
    const last = reRequestUntil(kb, '2017-12-31');
    assert.equal(last?.until, '2018-12-31');
    const r = reRequestUntil(kb, '2018-01-01');
    assert.ok(r);
    assert.equal(r.until, null);
    assert.equal(r.statute, 'Labor Code §4610');
    assert.match(r.entry.summary, /SB 1160/);
    assert.match(r.entry.summary, /not confirmed/);
    assert.ok(r.entry.sources.some((s) => s.tag === 'REG' && /SB 1160/.test(s.ref)));
  });

  test('calendar months: February 29 rolls into March', () => {
    assert.equal(addMonths('2016-02-29', 12), '2017-03-01');
    assert.equal(addMonths('2016-12-31', 12), '2017-12-31');
  });
});
