/**
 * The Insights webview's page: the extension's own script and stylesheet, under a content security
 * policy that allows nothing else (no remote content, no inline script or style, a nonce on the
 * script). Pure, so the policy is tested without VS Code.
 */

export interface PageParts {
  /** `webview.cspSource`. */
  cspSource: string;
  /** URIs of the script and the stylesheet (`webview.asWebviewUri`). */
  script: string;
  style: string;
  /** A fresh random value per page. */
  nonce: string;
}

/** The content security policy of the page. */
export function contentSecurityPolicy(p: Pick<PageParts, 'cspSource' | 'nonce'>): string {
  return [
    "default-src 'none'",
    `style-src ${p.cspSource}`,
    `script-src 'nonce-${p.nonce}'`,
    // Saving a chart as PNG draws its SVG through a data: image onto a canvas.
    `img-src ${p.cspSource} data:`,
    `font-src ${p.cspSource}`,
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
    "frame-src 'none'",
  ].join('; ');
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function insightsPage(p: PageParts): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(contentSecurityPolicy(p))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(p.style)}">
<title>IMR Insights</title>
</head>
<body>
<header>
<h1>IMR Insights</h1>
<p id="scope">Counting the letters…</p>
<p id="totals" role="status"></p>
<p id="days"></p>
<div class="top-tools"><button type="button" id="save-all">Save all tables as CSV</button></div>
</header>
<main id="charts" aria-label="Charts"></main>
<section id="items" aria-live="polite" hidden></section>
<script nonce="${escapeAttr(p.nonce)}" src="${escapeAttr(p.script)}"></script>
</body>
</html>
`;
}
