/**
 * Values kept across versions of a document must not keep the text of an old version alive. A
 * string cut out of a text (`slice`, `substring`, a regular expression match) may share the text's
 * characters instead of copying them, and so keeps the whole text in memory as long as the piece
 * lives: a diagnostic message quoting three words of a 10 MB merged file, carried over a hundred
 * keystrokes, would keep a hundred 10 MB texts. `detach` copies the strings of a value into strings
 * of their own.
 */

/** Shorter strings are always copied by the engine when cut out of a longer one. */
const SHARED_MIN = 13;

/** A copy of `s` that shares no characters with the text it was cut from. */
export function detachString(s: string): string {
  if (s.length < SHARED_MIN) return s;
  // Joining makes a new string from the pieces; slicing it flattens it, which copies their characters.
  return (' ' + s).slice(1);
}

/**
 * A deep copy of a value (plain objects and arrays of strings, numbers, booleans and null) whose
 * strings are detached. Class instances keep their prototype; their own fields are copied. An
 * object or array met several times (the one "fix all" list of edits every diagnostic of a rule
 * holds) is copied once and stays shared: copying it per holder would take time and memory
 * quadratic in its length.
 */
export function detach<T>(v: T): T {
  return walk(v, 0, new Map()) as T;
}

function walk(v: unknown, depth: number, copies: Map<object, unknown>): unknown {
  if (typeof v === 'string') return detachString(v);
  if (v === null || typeof v !== 'object' || depth > 64) return v;
  const done = copies.get(v);
  if (done !== undefined) return done;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    copies.set(v, out);
    for (let i = 0; i < v.length; i++) out[i] = walk(v[i], depth + 1, copies);
    return out;
  }
  const out = Object.create(Object.getPrototypeOf(v)) as Record<string, unknown>;
  copies.set(v, out);
  for (const k of Object.keys(v)) out[k] = walk((v as Record<string, unknown>)[k], depth + 1, copies);
  return out;
}

/**
 * Detaches the strings of a value made just now (nothing else holds its objects yet) in place:
 * only its strings are copied, its objects stay.
 */
export function detachInPlace<T>(v: T): T {
  fix(v, 0, new Set());
  return v;
}

function fix(v: unknown, depth: number, seen: Set<object>): void {
  if (v === null || typeof v !== 'object' || depth > 64 || seen.has(v)) return;
  seen.add(v);
  const o = v as Record<string, unknown>;
  if (Array.isArray(o)) {
    for (let i = 0; i < o.length; i++) {
      const x = o[i];
      if (typeof x === 'string') o[i] = detachString(x);
      else fix(x, depth + 1, seen);
    }
    return;
  }
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (typeof x === 'string') o[k] = detachString(x);
    else fix(x, depth + 1, seen);
  }
}
