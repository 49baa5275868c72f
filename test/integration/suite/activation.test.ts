import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, waitFor } from './helpers';

suite('Extension', () => {
  test(`${EXTENSION_ID} is installed and activates`, async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} not found among ${vscode.extensions.all.length} extensions`);
    assert.strictEqual(ext.packageJSON.main, './dist/client.js');
    await activateExtension();
    assert.strictEqual(ext.isActive, true);
  });

  test('activation registers the IMR commands', async () => {
    await activateExtension();
    const commands = await waitFor('the imr.* commands', async () => {
      const all = await vscode.commands.getCommands(true);
      const ours = all.filter((c) => c.startsWith('imr.'));
      return ours.includes('imr.restartServer') && ours.includes('imr.showOutput') ? ours : undefined;
    }, 10_000);
    assert.ok(commands.includes('imr.restartServer'));
    assert.ok(commands.includes('imr.showOutput'));
  });
});
