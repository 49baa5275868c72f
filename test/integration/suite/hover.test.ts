/**
 * Hover in a real VS Code (vscode.executeHoverProvider): a cited guideline page explained from the
 * knowledge base with its limits and source, and a decision word with the appeal route and the
 * deadline estimated from the letter's own Decision Date for service by mail.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, headerValue, hoversAt, hoverText, letter, openLetter, positionOf, seed } from './helpers';

/** MM/DD/YYYY plus `days`, as YYYY-MM-DD and as MM/DD/YYYY. */
function addDays(mdy: string, days: number): { iso: string; mdy: string } {
  const m = /^(\d\d)\/(\d\d)\/(\d{4})$/.exec(mdy);
  assert.ok(m, `"${mdy}" is not MM/DD/YYYY`);
  const d = new Date(Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]) + days));
  const pad = (n: number) => String(n).padStart(2, '0');
  const [y, mo, da] = [d.getUTCFullYear(), pad(d.getUTCMonth() + 1), pad(d.getUTCDate())];
  return { iso: `${y}-${mo}-${da}`, mdy: `${mo}/${da}/${y}` };
}

suite('Hover', () => {
  teardown(closeAllEditors);

  test('seed 000: the page of "Page(s): 23" explains Behavioral interventions with its limits and source', async () => {
    const expected = seed('000_b6b425ba94267f2e.txt');
    const doc = await openLetter(expected.texts[0]);
    const citation = 'Page(s): 23';
    const at = positionOf(doc, citation, 'Page(s): '.length);
    const hovers = await hoversAt(doc, at);
    const text = hoverText(hovers);
    assert.ok(hovers.every((h) => h.contents.every((c) => c instanceof vscode.MarkdownString)), 'Markdown contents');
    assert.match(text, /Behavioral interventions/);
    assert.match(text, /\b3-4\b/, 'the initial trial limit');
    assert.match(text, /\b6-10\b/, 'the total visit limit');
    assert.match(text, /Sources?\b/, 'a source line');
    assert.match(text, /LETTER/, 'the source tag');
    // The hover covers the page number itself.
    const range = hovers.find((h) => h.range)?.range;
    assert.ok(range, 'the hover has a range');
    assert.strictEqual(doc.getText(range), '23');
  });

  test('DWC letter CM16-0238035: a decision word gives the appeal route and the deadline estimated for mail service', async () => {
    const expected = letter('2017_format1b_CM16-0238035.txt');
    const doc = await openLetter(expected.texts[0]);
    // The deadline comes from the header the letter shows, which must agree with the manifest.
    const decisionDate = headerValue(doc.getText(), 'Decision Date:');
    assert.ok(decisionDate, 'the header has a Decision Date');
    assert.strictEqual(decisionDate, expected.decisionDate);
    // 30 days after service plus 5 for service by mail in California (WCAB en banc, Matute, 2015),
    // a Saturday or Sunday moved to the Monday.
    let due = addDays(decisionDate, 35);
    const dow = new Date(`${due.iso}T00:00:00Z`).getUTCDay();
    if (dow === 6 || dow === 0) due = addDays(decisionDate, 35 + (dow === 6 ? 2 : 1));

    // The first item heading whose request and decision share a line: "<request>: <decision>".
    const item = expected.items.find((i) => doc.getText().includes(`\n${i.request}: ${i.decision}\n`) || doc.getText().includes(`\f${i.request}: ${i.decision}\n`));
    assert.ok(item, 'an item heading on one line');
    const heading = `${item.request}: ${item.decision}`;
    const at = positionOf(doc, heading, item.request.length + 2 + 1);
    const hovers = await hoversAt(doc, at);
    const text = hoverText(hovers);
    assert.match(text, new RegExp(`\\b${item.decision}\\b`));
    assert.match(text, /Appeal/i);
    assert.match(text, /Workers' Compensation Appeals Board|WCAB/);
    assert.match(text, /10957\.1/, 'the appeal rule in force when the letter was decided');
    assert.match(text, /10575/, 'and its number since 2020');
    assert.match(text, /estimated/);
    assert.ok(text.includes(decisionDate), `the hover names the Decision Date ${decisionDate}`);
    assert.ok(text.includes(due.iso) || text.includes(due.mdy), `the hover gives the deadline ${due.iso}:\n${text}`);
    const range = hovers.find((h) => h.range)?.range;
    assert.ok(range);
    assert.strictEqual(doc.getText(range), item.decision, 'the hover covers the decision word');
  });
});
