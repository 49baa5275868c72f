/**
 * Runs before every other test file (see index.ts): the extension host is as VS Code started it and
 * nothing has activated the extension yet, as when a user opens a letter in a fresh window.
 */
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { closeAllEditors, EXTENSION_ID, LANGUAGE_ID, openLetter, seed } from '../helpers';

suite('Language detection (fresh window)', () => {
  teardown(closeAllEditors);

  test('opening a plain-text seed letter (.txt) ends with language "imr"', async () => {
    const expected = seed('002_bb4913a5b984f6c8.txt');
    const file = expected.texts[0];
    assert.strictEqual(path.extname(file), '.txt');
    const activeBefore = vscode.extensions.getExtension(EXTENSION_ID)?.isActive;
    console.log(`[imr-integration] ${EXTENSION_ID} active before opening the letter: ${activeBefore}`);
    const doc = await openLetter(file);
    assert.strictEqual(doc.languageId, LANGUAGE_ID);
    assert.strictEqual(doc.uri.fsPath, file);
    assert.strictEqual(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true, 'the letter activated the extension');
  });
});
