/**
 * Completion item documentation: a few paragraphs, rendered as Markdown or plain text. Our own
 * `**bold**` markers are kept; everything else from the knowledge base is escaped.
 */
import type { SourceRef } from '../index';
import { mdInline } from '../hover';

export class Doc {
  private readonly parts: string[] = [];

  para(text: string): this {
    if (text.trim()) this.parts.push(text);
    return this;
  }

  list(items: readonly string[]): this {
    if (items.length) this.parts.push(items.map((i) => `\u2022 ${i}`).join('\n'));
    return this;
  }

  sources(sources: readonly SourceRef[]): this {
    if (sources.length) this.parts.push(`Sources: ${sources.slice(0, 3).map((s) => `${s.ref} [${s.tag}]`).join('; ')}${sources.length > 3 ? '; ...' : ''}`);
    return this;
  }

  render(markdown: boolean): string {
    return this.parts.map((p) => (markdown ? mdInline(p) : p.replace(/\*\*/g, ''))).join('\n\n');
  }
}

