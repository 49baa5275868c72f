/**
 * What the grammar's scopes look like in VS Code's default themes (token colours copied into
 * test/fixtures/themes): block labels ("Claims Administrator guideline:") and citation words
 * ("Page(s):", "Section(s):", "MTUS") must read as labels, not take a red that reads as an error;
 * Upheld and Overturned must differ. The grammar cases (cases/*.imr) check which text gets which scope;
 * this checks how the themes colour those scopes.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, ROOT } from '../paths';

interface Rule {
  scope?: string | string[];
  settings: { foreground?: string; fontStyle?: string };
}
interface Theme {
  name: string;
  include?: string;
  tokenColors: Rule[];
}

const THEMES = path.join(FIXTURES, 'themes');
/** The default themes a user meets: VS Code's current defaults and the previous ones. */
const THEME_FILES = ['2026-light.json', '2026-dark.json', 'light_modern.json', 'dark_modern.json', 'light_vs.json', 'dark_vs.json'];

/** A theme's rules with those of the themes it includes first (later rules win ties). */
function rulesOf(file: string): Rule[] {
  const theme = JSON.parse(fs.readFileSync(path.join(THEMES, file), 'utf8')) as Theme;
  return [...(theme.include ? rulesOf(path.basename(theme.include)) : []), ...theme.tokenColors];
}

const prefixOf = (selector: string, scope: string) => scope === selector || scope.startsWith(selector + '.');

/**
 * How well a selector ("a.b", "a b.c") matches a token's scope stack (root first): null when it does
 * not; otherwise longer matches of the innermost scope win, then more ancestors named.
 */
function score(selector: string, stack: readonly string[]): number | null {
  const parts = selector.trim().split(/\s+/);
  const last = parts[parts.length - 1];
  if (!prefixOf(last, stack[stack.length - 1])) return null;
  let at = stack.length - 2;
  for (let k = parts.length - 2; k >= 0; k--) {
    while (at >= 0 && !prefixOf(parts[k], stack[at])) at--;
    if (at < 0) return null;
    at--;
  }
  return last.split('.').length * 100 + parts.length;
}

/** The foreground a theme gives a token with this scope stack; null for the editor's default. */
function foreground(rules: readonly Rule[], stack: readonly string[]): string | null {
  let best: { score: number; color: string } | null = null;
  for (const rule of rules) {
    if (!rule.settings.foreground || !rule.scope) continue;
    const selectors = Array.isArray(rule.scope) ? rule.scope : rule.scope.split(',');
    for (const sel of selectors) {
      const s = score(sel, stack);
      if (s !== null && (!best || s >= best.score)) best = { score: s, color: rule.settings.foreground.toLowerCase().slice(0, 7) };
    }
  }
  return best?.color ?? null;
}

/** Hue (degrees) and saturation (0..1) of #rrggbb. */
function hsl(hex: string): { hue: number; saturation: number } {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return { hue: 0, saturation: 0 };
  const saturation = d / (1 - Math.abs(2 * l - 1));
  const hue = max === r ? 60 * (((g - b) / d) % 6) : max === g ? 60 * ((b - r) / d + 2) : 60 * ((r - g) / d + 4);
  return { hue: (hue + 360) % 360, saturation };
}

/** A saturated red or crimson: what a reader takes for an error. */
function isRed(hex: string | null): boolean {
  if (!hex) return false;
  const { hue, saturation } = hsl(hex);
  return saturation > 0.35 && (hue <= 20 || hue >= 335);
}

const grammar = fs.readFileSync(path.join(ROOT, 'syntaxes', 'imr.tmLanguage.json'), 'utf8');
/** Every scope name the grammar gives to labels and citation words. */
const LABEL_SCOPES = [...new Set([...grammar.matchAll(/"name":\s*"([^"]+)"/g)].map((m) => m[1]))].filter((s) =>
  /^(markup\.bold\.label|support\.type\.(citation|mtus))\./.test(s),
);

describe('colours of the grammar scopes in the default themes', () => {
  test('the grammar names its labels and citation words with label scopes', () => {
    assert.ok(LABEL_SCOPES.includes('markup.bold.label.imr'), `label scopes: ${LABEL_SCOPES.join(', ')}`);
    assert.ok(LABEL_SCOPES.some((s) => s.startsWith('support.type.citation.page')), `label scopes: ${LABEL_SCOPES.join(', ')}`);
    assert.doesNotMatch(grammar, /"keyword\./, 'keyword scopes are red in the default 2026 themes');
  });

  for (const file of THEME_FILES) {
    test(`${file}: labels and citation words are not red; Upheld and Overturned differ`, () => {
      const rules = rulesOf(file);
      for (const scope of LABEL_SCOPES) {
        const stack = scope.startsWith('support.type.citation') ? ['text.imr', 'meta.citation.imr', scope] : ['text.imr', scope];
        const color = foreground(rules, stack);
        assert.ok(!isRed(color), `${scope} is ${color} in ${file}`);
      }
      const upheld = foreground(rules, ['text.imr', 'meta.item.heading.imr', 'markup.deleted.decision.upheld.imr']);
      const overturned = foreground(rules, ['text.imr', 'meta.item.heading.imr', 'markup.inserted.decision.overturned.imr']);
      assert.ok(upheld && overturned && upheld !== overturned, `Upheld ${upheld}, Overturned ${overturned} in ${file}`);
    });
  }

  test('the check itself: keyword scopes are red in the 2026 light theme', () => {
    assert.ok(isRed(foreground(rulesOf('2026-light.json'), ['text.imr', 'keyword.other.label.imr'])));
  });
});
