/**
 * A 53-bit string hash (cyrb53) as base-36 text: identities compare fast and print short. The
 * reduced hash reads only ASCII letters (lower-cased) and digits, after Unicode compatibility
 * folding: text that differs only in blanks, punctuation, line breaks, ligatures or case hashes
 * the same (library/identity.ts).
 */

const NON_ASCII = /[^\x00-\x7f]/;

/** The reduced hash built piece by piece (see `reducedHash`). */
export class ReducedHash {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  /**
   * Adds the ASCII letters (lower-cased) and digits of text[from, to). With `asciiOnly`, stops at
   * the first non-ASCII character and answers false (the hash is then of no use): text to be
   * normalised first. True when every character was read.
   */
  add(text: string, from: number, to: number, asciiOnly = false): boolean {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = from; i < to; i++) {
      let c = text.charCodeAt(i);
      if (c >= 65 && c <= 90) c += 32;
      else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) {
        if (c >= 128 && asciiOnly) return false;
        continue;
      }
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
    return true;
  }

  finish(): string {
    return finish(this.h1, this.h2);
  }
}

/**
 * The hash of `s` reduced to ASCII lower-case letters and digits after NFKC (`reduce` in
 * library/identity.ts), without building the reduced string: one pass over the characters; only
 * text with non-ASCII characters is normalised first.
 */
export function reducedHash(s: string): string {
  const t = NON_ASCII.test(s) ? s.normalize('NFKC').toLowerCase() : s;
  const h = new ReducedHash();
  h.add(t, 0, t.length);
  return h.finish();
}

/** The hash of every character of `s`. */
export function hash(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  return finish(h1, h2);
}

function finish(h1: number, h2: number): string {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
