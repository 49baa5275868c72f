/**
 * Mojibake: UTF-8 bytes shown as Latin-1 or Windows-1252 characters (`Â§` for `§`, `â€™` for
 * `’`), as some tools print them. The normaliser (text.ts) repairs them; a rule reports them.
 */
import type { Span } from './types';

/** Windows-1252 characters in 0x80..0x9F and the byte each stands for. */
const CP1252: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
  0x02c6: 0x88, 0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91,
  0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98,
  0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b, 0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

function byteOf(c: number): number {
  if (c >= 0x80 && c <= 0xff) return c;
  const b = CP1252[c];
  return b === undefined ? -1 : b;
}

/**
 * If a mojibake sequence (UTF-8 bytes shown as Latin-1/Windows-1252 characters, e.g. `Â§` for `§`
 * or `â€™` for `’`) starts at `i`, returns the repaired text and the length it replaces.
 */
export function mojibakeAt(text: string, i: number): { repaired: string; length: number } | null {
  const lead = text.charCodeAt(i);
  let need: number;
  if (lead >= 0xc2 && lead <= 0xdf) need = 1;
  else if (lead >= 0xe0 && lead <= 0xef) need = 2;
  else if (lead >= 0xf0 && lead <= 0xf4) need = 3;
  else return null;
  let cp = lead & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
  for (let k = 1; k <= need; k++) {
    const b = byteOf(text.charCodeAt(i + k));
    if (b < 0x80 || b > 0xbf) return null;
    cp = (cp << 6) | (b & 0x3f);
  }
  if (need === 2 && cp < 0x800) return null;
  if (need === 3 && (cp < 0x10000 || cp > 0x10ffff)) return null;
  if (cp >= 0xd800 && cp <= 0xdfff) return null;
  return { repaired: String.fromCodePoint(cp), length: need + 1 };
}

/** Characters that can start a mojibake sequence (UTF-8 lead bytes read as Latin-1). */
const MOJIBAKE_LEAD = /[\u00c2-\u00f4]/g;

/** Every mojibake sequence in [from, to) with its repair. Linear; the search itself is native. */
export function findMojibake(text: string, from = 0, to = text.length): { span: Span; repaired: string }[] {
  const out: { span: Span; repaired: string }[] = [];
  // Most letters are plain ASCII, which holds no lead character.
  if (isAscii(text, from, to)) return out;
  // Searching a slice bounds the regular expression to [from, to).
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  MOJIBAKE_LEAD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MOJIBAKE_LEAD.exec(slice))) {
    const i = from + m.index;
    const found = mojibakeAt(text, i);
    if (found && i + found.length <= to) {
      out.push({ span: { start: i, end: i + found.length }, repaired: found.repaired });
      MOJIBAKE_LEAD.lastIndex = m.index + found.length;
    }
  }
  return out;
}

const ENCODER = new TextEncoder();
/** Characters encoded at a time by `isAscii`; a UTF-16 unit takes at most three bytes. */
const PIECE = 1 << 14;
const BYTES = new Uint8Array(PIECE * 3);

/**
 * True when text[from, to) holds ASCII characters only. Encoding it to UTF-8 (a piece at a time,
 * into one reused buffer) makes one byte per character exactly then; the encoder is native and
 * reads a text several times faster than a regular expression's search for a character class.
 */
export function isAscii(text: string, from: number, to: number): boolean {
  for (let a = from; a < to; a += PIECE) {
    const piece = text.slice(a, Math.min(to, a + PIECE));
    if (ENCODER.encodeInto(piece, BYTES).written !== piece.length) return false;
  }
  return true;
}
