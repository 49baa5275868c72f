/**
 * The Insights webview page: a strict content security policy (nothing remote, no inline script or
 * style, the one script by nonce), and a webview bundle that opens no connection.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { contentSecurityPolicy, insightsPage } from '../../client/src/insights-html';
import { DIST } from '../paths';

const parts = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', script: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/insights-view.js', style: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/insights-view.css', nonce: 'abc123+/=' };

describe('Insights page', () => {
  const html = insightsPage(parts);
  const csp = contentSecurityPolicy(parts);

  test('the policy allows nothing by default, scripts by nonce only, styles and images from the extension only', () => {
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), ["'nonce-abc123+/='"]);
    assert.deepEqual(directives.get('style-src'), [parts.cspSource]);
    assert.deepEqual(directives.get('img-src'), [parts.cspSource, 'data:']);
    assert.deepEqual(directives.get('connect-src'), ["'none'"]);
    for (const v of directives.values()) {
      assert.ok(!v.includes("'unsafe-inline'") && !v.includes("'unsafe-eval'") && !v.includes('*') && !v.includes('https:') && !v.includes('http:'));
    }
  });

  test('the page carries the policy, one script with the nonce, no inline script or style', () => {
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${csp.replace(/'/g, "'")}">`));
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.equal(scripts.length, 1);
    assert.match(scripts[0], /nonce="abc123\+\/="/);
    assert.match(scripts[0], /src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/insights-view\.js"/);
    assert.doesNotMatch(html, /<script\b[^>]*>[^<\s]/, 'no inline script');
    assert.doesNotMatch(html, /<style\b|\sstyle=/, 'no inline style');
    assert.doesNotMatch(html, /\son[a-z]+=/, 'no inline event handler');
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(urls.sort(), [parts.script, parts.style].sort());
  });

  test('the webview bundle opens no connection and evaluates no code', () => {
    const js = fs.readFileSync(path.join(DIST, 'insights-view.js'), 'utf8');
    for (const bad of [/\bfetch\(/, /XMLHttpRequest/, /WebSocket/, /EventSource/, /importScripts/, /\beval\(/, /new Function\(/, /sendBeacon/]) assert.doesNotMatch(js, bad);
    // The only URLs in it are XML namespaces.
    const urls = new Set(js.match(/https?:\/\/[^\s"'`)]+/g) ?? []);
    for (const u of urls) assert.match(u, /^http:\/\/www\.w3\.org\//, u);
    const css = fs.readFileSync(path.join(DIST, 'insights-view.css'), 'utf8');
    assert.doesNotMatch(css, /url\(|@import/);
  });
});
