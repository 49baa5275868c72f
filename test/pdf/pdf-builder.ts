/**
 * Writes small, valid PDFs in memory for tests: pages of text in Helvetica, empty pages, or many
 * pages sharing one content stream (so a document of thousands of pages stays small).
 */
import * as zlib from 'zlib';

export interface PageSpec {
  /** Lines of text drawn from the top of the page; none for an empty page. */
  lines?: string[];
}

/** Object bodies in order (object n is bodies[n - 1], object 1 the catalog) to PDF bytes. */
export function pdfFromObjects(bodies: string[]): Uint8Array {
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  bodies.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(out, (c) => c.charCodeAt(0) & 0xff);
}

function stream(data: string): string {
  return `<< /Length ${data.length} >>\nstream\n${data}\nendstream`;
}

function escapeText(s: string): string {
  return s.replace(/[\\()]/g, (c) => '\\' + c);
}

function content(lines: string[]): string {
  if (lines.length === 0) return '';
  return `BT /F1 12 Tf 72 720 Td 14 TL ${lines.map((l) => `(${escapeText(l)}) '`).join(' ')} ET`;
}

/** A PDF with one page per spec (ASCII text only). */
export function buildPdf(pages: PageSpec[]): Uint8Array {
  // 1 catalog, 2 page tree, 3 font, then a page and its content stream per page.
  const kids = pages.map((_, i) => `${4 + 2 * i} 0 R`).join(' ');
  const bodies = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  pages.forEach((page, i) => {
    bodies.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + 2 * i} 0 R >>`,
      stream(content(page.lines ?? [])),
    );
  });
  return pdfFromObjects(bodies);
}

/** A PDF of `count` pages that all show the same lines (one shared content stream). */
export function buildRepeatedPdf(count: number, lines: string[]): Uint8Array {
  const kids = Array.from({ length: count }, (_, i) => `${5 + i} 0 R`).join(' ');
  const bodies = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${count} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    stream(content(lines)),
  ];
  for (let i = 0; i < count; i++) {
    bodies.push('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>');
  }
  return pdfFromObjects(bodies);
}

/**
 * One page of text in a Type3 font whose glyph "a" is an 8 x 8 image mask: pdf.js compiles such
 * glyphs into paths with a DOMMatrix while it reads the font, also for text extraction.
 */
export function buildType3Pdf(text: string): Uint8Array {
  const mask = '\xff\x81\xbd\xa5\xa5\xbd\x81\xff';
  const glyph = `8 0 0 0 8 8 d1\nq 8 0 0 8 0 0 cm\nBI /IM true /W 8 /H 8 /BPC 1 ID ${mask}\nEI Q`;
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /T3 4 0 R >> >> /Contents 6 0 R >>',
    '<< /Type /Font /Subtype /Type3 /FontBBox [0 0 8 8] /FontMatrix [0.125 0 0 0.125 0 0] /CharProcs << /a 5 0 R >> ' +
      '/Encoding << /Type /Encoding /Differences [97 /a] >> /FirstChar 97 /LastChar 97 /Widths [8] /Resources << >> >>',
    stream(glyph),
    stream(`BT /T3 12 Tf 72 700 Td (${escapeText(text)}) Tj ET`),
  ]);
}

// ---- hostile PDFs: small files that cost a reader a great deal of time or memory. Each is built
// here, never committed; the sizes are parameters so a test can scale them.

/** A stream object whose data is Flate-compressed (zlib). */
function flateStream(data: Buffer, extra = ''): string {
  const packed = zlib.deflateSync(data, { level: 9, strategy: zlib.constants.Z_RLE });
  return `<< /Length ${packed.length} /Filter /FlateDecode${extra} >>\nstream\n${packed.toString('latin1')}\nendstream`;
}

const HELVETICA = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';

/**
 * Form XObjects nested `depth` deep, each drawing the next `fanout` times; the innermost draws a
 * word. One page draws the outermost: fanout^depth words (10^8 for 8 x 10) from a file of ~4 KB.
 * With `hidden`, the word is drawn off the page: a reader does all the work and finds no text.
 */
export function buildNestedFormsPdf(depth = 8, fanout = 10, hidden = false): Uint8Array {
  // 1 catalog, 2 pages, 3 page, 4 font, 5 page content, 6.. forms (6 outermost).
  const word = hidden ? 'BT /F1 1 Tf -5000 -5000 Td (Deep) Tj ET' : 'BT /F1 1 Tf 0 0 Td (Deep) Tj ET';
  const form = (k: number): string => {
    const last = k === depth - 1;
    const body = last ? word : Array.from({ length: fanout }, (_, i) => `q 1 0 0 1 ${i} 0 cm /X Do Q`).join(' ');
    const xobject = last ? '' : ` /XObject << /X ${7 + k} 0 R >>`;
    return `<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >>${xobject} >> /Length ${body.length} >>\nstream\n${body}\nendstream`;
  };
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> /XObject << /X 6 0 R >> >> /Contents 5 0 R >>',
    HELVETICA,
    stream('/X Do'),
    ...Array.from({ length: depth }, (_, k) => form(k)),
  ]);
}

/**
 * A Flate bomb: one page whose content is `streams` Flate streams of `bytesPerStream` spaces each
 * (spaces, so a reader's lexer reads them all): about 1 KB of file per 1 MB inflated. The default,
 * 64 x 16 MB, inflates to 1 GB from a file of about 1 MB.
 */
export function buildFlateBombPdf(streams = 64, bytesPerStream = 16 * 1024 * 1024): Uint8Array {
  const spaces = flateStream(Buffer.alloc(bytesPerStream, 0x20));
  const refs = Array.from({ length: streams }, (_, i) => `${5 + i} 0 R`).join(' ');
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents [${refs}] >>`,
    HELVETICA,
    ...Array.from({ length: streams }, () => spaces),
  ]);
}

/**
 * `pages` pages sharing one Flate content stream that draws `draws` short words: pages x draws
 * text items (999 x 20,000 by default) from a file of about 150 KB.
 */
export function buildHeavyPagesPdf(pages = 999, draws = 20_000): Uint8Array {
  // Each word at its own place on the page (absolute text matrices), so each is a text item.
  let content = 'BT /F1 4 Tf ';
  for (let i = 0; i < draws; i++) content += `1 0 0 1 ${20 + ((i * 37) % 570)} ${20 + ((i * 53) % 750)} Tm (w${i % 10}) Tj `;
  content += 'ET';
  const kids = Array.from({ length: pages }, (_, i) => `${5 + i} 0 R`).join(' ');
  const bodies = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    HELVETICA,
    flateStream(Buffer.from(content, 'latin1')),
  ];
  for (let i = 0; i < pages; i++) {
    bodies.push('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>');
  }
  return pdfFromObjects(bodies);
}

/** A text bomb: one page showing one string of `chars` letters (64 M by default), Flate-compressed to ~70 KB. */
export function buildTextBombPdf(chars = 64 * 1024 * 1024): Uint8Array {
  const head = 'BT /F1 1 Tf 0 700 Td (';
  const tail = ') Tj ET';
  const content = Buffer.alloc(head.length + chars + tail.length, 0x41);
  content.write(head, 0, 'latin1');
  content.write(tail, head.length + chars, 'latin1');
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    HELVETICA,
    flateStream(content),
  ]);
}
