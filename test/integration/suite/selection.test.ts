import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, letter, openLetter, waitFor } from './helpers';

const SENTENCE = "In this case, further clarification is needed as to the patient's course of conservative care, to include the actual amount of physical therapy visits previously attended and the efficacy of recent physical therapy.";

suite('Expand Selection', () => {
  teardown(closeAllEditors);

  test('DWC letter CM16-0238035: from a word of a rationale out to its sentence, block, item, section and the file', async () => {
    const doc = await openLetter(letter('2017_format1b_CM16-0238035.txt').texts[0]);
    const position = doc.positionAt(doc.getText().indexOf('further clarification') + 3);
    // The editor's own word step answers at once; the letter's steps come once the server is up.
    const steps = await waitFor('selection ranges with the sentence', async () => {
      const [chain] = (await vscode.commands.executeCommand<vscode.SelectionRange[]>('vscode.executeSelectionRangeProvider', doc.uri, [position])) ?? [];
      const out: string[] = [];
      for (let r: vscode.SelectionRange | undefined = chain; r; r = r.parent) out.push(doc.getText(r.range).replace(/\s+/g, ' '));
      return out.includes(SENTENCE) ? out : undefined;
    });
    const from = steps.indexOf(SENTENCE);
    assert.ok(steps.slice(0, from).every((s) => SENTENCE.includes(s)), `steps inside the sentence before it: ${JSON.stringify(steps.slice(0, from))}`);
    const rest = steps.slice(from + 1);
    const at = (re: RegExp) => rest.findIndex((s) => re.test(s));
    const order = [/^According to the ACOEM Guidelines/, /^Decision rationale:/, /^Right shoulder arthroscopy RCR/, /^IMR ISSUES, DECISIONS AND RATIONALES/].map(at);
    assert.ok(order.every((k, i) => k >= 0 && (i === 0 || k > order[i - 1])), `steps in order: ${JSON.stringify(rest.map((s) => s.slice(0, 40)))}`);
    assert.strictEqual(steps[steps.length - 1], doc.getText().replace(/\s+/g, ' '), 'the whole file last');
  });
});
