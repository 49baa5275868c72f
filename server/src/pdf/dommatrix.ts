/**
 * A small 2D `DOMMatrix` for pdf.js in Node.
 *
 * pdfjs-dist 5.x builds a `DOMMatrix` while its module initialises (`new DOMMatrix()` at module
 * scope, pdf.js issue 21720), and its worker code builds one per glyph when it compiles the
 * image-mask glyphs of Type3 fonts, which text extraction reaches. Node has no `DOMMatrix`;
 * pdf.js would take one from the optional native package `@napi-rs/canvas`, which this extension
 * does not ship (and cannot load from a bundle). This pure 2D affine matrix covers what those
 * paths use: the `a`..`f` components, construction from six numbers, and the self-mutating and
 * copying multiply / translate / scale / invert. Rendering is never used by the extension.
 *
 * The matrix is [a c e; b d f; 0 0 1], as in the DOM specification.
 */
export class AffineMatrix {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;

  constructor(init?: ArrayLike<number> | string) {
    if (init === undefined || typeof init === 'string') return; // CSS transform strings: identity
    if (init.length === 6) {
      [this.a, this.b, this.c, this.d, this.e, this.f] = Array.from(init);
    } else if (init.length === 16) {
      // 4x4 column-major: keep the 2D part.
      this.a = init[0];
      this.b = init[1];
      this.c = init[4];
      this.d = init[5];
      this.e = init[12];
      this.f = init[13];
    } else {
      throw new TypeError(`DOMMatrix: expected 6 or 16 numbers, got ${init.length}`);
    }
  }

  get is2D(): boolean {
    return true;
  }

  get isIdentity(): boolean {
    return this.a === 1 && this.b === 0 && this.c === 0 && this.d === 1 && this.e === 0 && this.f === 0;
  }

  /** this = this x other */
  multiplySelf(other: MatrixLike = {}): this {
    return this.set(product(this, other));
  }

  /** this = other x this */
  preMultiplySelf(other: MatrixLike = {}): this {
    return this.set(product(other, this));
  }

  translateSelf(tx = 0, ty = 0): this {
    return this.multiplySelf({ e: tx, f: ty });
  }

  scaleSelf(sx = 1, sy = sx): this {
    return this.multiplySelf({ a: sx, d: sy });
  }

  invertSelf(): this {
    const { a, b, c, d, e, f } = this;
    const det = a * d - b * c;
    if (det === 0 || !Number.isFinite(det)) return this.set({ a: NaN, b: NaN, c: NaN, d: NaN, e: NaN, f: NaN });
    return this.set({ a: d / det, b: -b / det, c: -c / det, d: a / det, e: (c * f - d * e) / det, f: (b * e - a * f) / det });
  }

  multiply(other?: MatrixLike): AffineMatrix {
    return this.copy().multiplySelf(other);
  }

  translate(tx?: number, ty?: number): AffineMatrix {
    return this.copy().translateSelf(tx, ty);
  }

  scale(sx?: number, sy?: number): AffineMatrix {
    return this.copy().scaleSelf(sx, sy);
  }

  inverse(): AffineMatrix {
    return this.copy().invertSelf();
  }

  private copy(): AffineMatrix {
    return new AffineMatrix([this.a, this.b, this.c, this.d, this.e, this.f]);
  }

  private set(m: Required<MatrixLike>): this {
    ({ a: this.a, b: this.b, c: this.c, d: this.d, e: this.e, f: this.f } = m);
    return this;
  }
}

interface MatrixLike {
  a?: number;
  b?: number;
  c?: number;
  d?: number;
  e?: number;
  f?: number;
}

function product(l: MatrixLike, r: MatrixLike): Required<MatrixLike> {
  const [la, lb, lc, ld, le, lf] = [l.a ?? 1, l.b ?? 0, l.c ?? 0, l.d ?? 1, l.e ?? 0, l.f ?? 0];
  const [ra, rb, rc, rd, re, rf] = [r.a ?? 1, r.b ?? 0, r.c ?? 0, r.d ?? 1, r.e ?? 0, r.f ?? 0];
  return {
    a: la * ra + lc * rb,
    b: lb * ra + ld * rb,
    c: la * rc + lc * rd,
    d: lb * rc + ld * rd,
    e: la * re + lc * rf + le,
    f: lb * re + ld * rf + lf,
  };
}

/** Gives pdf.js a `DOMMatrix` when the host has none. Returns whether it installed one. */
export function ensureDomMatrix(): boolean {
  const g = globalThis as { DOMMatrix?: unknown };
  if (g.DOMMatrix !== undefined) return false;
  g.DOMMatrix = AffineMatrix;
  return true;
}
