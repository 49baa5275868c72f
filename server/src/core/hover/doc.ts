/**
 * The content model of a hover: headings, paragraphs, lists, sources and rules, rendered as
 * Markdown for clients that show it, plain text otherwise. Text pieces are plain strings; `**x**`
 * marks emphasis and is rendered or stripped.
 */
import type { SourceRef } from '../knowledge';

type Part =
  | { kind: 'heading'; text: string }
  | { kind: 'para'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'sources'; sources: readonly SourceRef[] }
  | { kind: 'rule' };

/** Text pieces are plain strings; `**x**` marks emphasis and is rendered or stripped. */
export class Doc {
  private readonly parts: Part[] = [];
  heading(text: string): void {
    this.parts.push({ kind: 'heading', text });
  }
  para(text: string): void {
    if (text.trim()) this.parts.push({ kind: 'para', text });
  }
  list(items: string[]): void {
    if (items.length) this.parts.push({ kind: 'list', items });
  }
  sources(sources: readonly SourceRef[]): void {
    if (sources.length) this.parts.push({ kind: 'sources', sources });
  }
  rule(): void {
    this.parts.push({ kind: 'rule' });
  }

  render(markdown: boolean): string {
    const out: string[] = [];
    for (const p of this.parts) {
      switch (p.kind) {
        case 'heading':
          out.push(markdown ? `**${md(p.text)}**` : p.text);
          break;
        case 'para':
          out.push(markdown ? mdInline(p.text) : plain(p.text));
          break;
        case 'list':
          out.push(p.items.map((i) => (markdown ? `- ${mdInline(i)}` : `  - ${plain(i)}`)).join('\n'));
          break;
        case 'sources':
          out.push(renderSources(p.sources, markdown));
          break;
        case 'rule':
          out.push(markdown ? '---' : '----');
          break;
      }
    }
    return out.join('\n\n');
  }
}

/** Escapes text for Markdown. */
export function md(s: string): string {
  return s.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`);
}

/** Escapes text but keeps our own `**bold**` markers. */
export function mdInline(s: string): string {
  return s
    .split('**')
    .map((piece, i) => (i % 2 === 1 ? `**${md(piece)}**` : md(piece)))
    .join('');
}

function plain(s: string): string {
  return s.replace(/\*\*/g, '');
}

const TAG_NAMES: Record<string, string> = {
  LETTER: 'IMR letter',
  REG: 'regulation or official DWC text',
  WEB: 'secondary web source',
  USER: 'your knowledge file',
  UNCONFIRMED: 'unconfirmed',
};

function renderSources(sources: readonly SourceRef[], markdown: boolean): string {
  const shown = sources.slice(0, 6);
  const items = shown.map((s) => {
    const tag = `[${s.tag}]`;
    if (markdown) return s.url ? `[${md(s.ref)}](${s.url.replace(/[()\s]/g, (c) => encodeURIComponent(c))}) ${md(tag)}` : `${md(s.ref)} ${md(tag)}`;
    return s.url ? `${s.ref} <${s.url}> ${tag}` : `${s.ref} ${tag}`;
  });
  const more = sources.length > shown.length ? ` (and ${sources.length - shown.length} more)` : '';
  const kinds = [...new Set(sources.map((s) => TAG_NAMES[s.tag] ?? s.tag))].join(', ');
  const head = markdown ? `*Sources (${md(kinds)}):*` : `Sources (${kinds}):`;
  return `${head} ${items.join('; ')}${more}`;
}
