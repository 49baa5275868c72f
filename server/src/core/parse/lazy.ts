/**
 * Values of the model built when something first reads them, not during the parse: a block's
 * normalised text is read by extraction and hover, not by the parse or most rules.
 *
 * Such a value is an own enumerable accessor, so copies, JSON, structured clones and deep
 * equality see it like any other property; its getter builds the value and `settle`s it, after
 * which it is a plain data property. The accessor functions are shared by every object with a
 * lazy property of that name (objects built alike keep one shape, which the engine reads fast).
 * What builds the value, a function shared by all such objects and the two values it reads, is
 * kept in private fields of the object (`Pending`), which nothing that reads the object's
 * properties sees, and dropped once the value is built (it holds the text the value is read
 * from). An object has at most one lazy property.
 */

/** Makes `o[key]` the data property `value` (replacing its lazy accessor) and returns the value. */
export function settle<T>(o: object, key: string, value: T): T {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  return value;
}

/**
 * What builds a lazy value of `o` from the two values given to `addLazy`, `a` and `b`: the value
 * itself when `ask` is undefined; otherwise what its caller asks for (see `askPending`).
 */
export type LazyBuild = (a: never, b: never, ask: number | undefined, o: never) => unknown;

/** A class whose constructor gives back the object it is passed: `Pending`, built on it, adds its
 *  private fields to that object (a plain object keeps its prototype). */
class Stamp {
  constructor(o: object) {
    return o;
  }
}

/**
 * The pending build of an object's lazy property, in private fields added to the object: three
 * stored fields, where a closure per object and a property defined with a descriptor object of
 * its own took more time and memory.
 */
class Pending extends Stamp {
  #build: LazyBuild | undefined;
  #a: unknown;
  #b: unknown;

  private constructor(o: object, build: LazyBuild, a: unknown, b: unknown) {
    super(o);
    this.#build = build;
    this.#a = a;
    this.#b = b;
  }

  static add(o: object, build: LazyBuild, a: unknown, b: unknown): void {
    new Pending(o, build, a, b);
  }

  /** The build of `o`, or undefined when it was built (or never was lazy). */
  static of(o: object): LazyBuild | undefined {
    return #build in o ? (o as Pending).#build : undefined;
  }

  /** Calls the build of `o` (which must be pending) with `ask`. */
  static call(o: object, ask: number | undefined): unknown {
    const p = o as Pending;
    return (p.#build as (a: unknown, b: unknown, ask: number | undefined, o: object) => unknown)(p.#a, p.#b, ask, o);
  }

  /** Drops the build of `o` and what it reads. */
  static drop(o: object): void {
    if (!(#build in o)) return;
    const p = o as Pending;
    p.#build = p.#a = p.#b = undefined;
  }
}

const ACCESSORS = new Map<string, PropertyDescriptor>();

function accessorFor(key: string): PropertyDescriptor {
  let accessor = ACCESSORS.get(key);
  if (!accessor) {
    accessor = {
      configurable: true,
      enumerable: true,
      get(this: object) {
        const value = Pending.of(this) ? Pending.call(this, undefined) : undefined;
        Pending.drop(this);
        return settle(this, key, value);
      },
      set(this: object, value: unknown) {
        Pending.drop(this);
        settle(this, key, value);
      },
    };
    ACCESSORS.set(key, accessor);
  }
  return accessor;
}

/** Adds to `o` (next in its key order) the property `key` that `build(a, b)` makes on first read;
 *  `o` has no other lazy property. */
export function addLazy(o: object, key: string, build: LazyBuild, a: unknown, b: unknown): void {
  Object.defineProperty(o, key, accessorFor(key));
  Pending.add(o, build, a, b);
}

/**
 * The function that will build `o[key]` when it is first read, or undefined when the value is
 * built (or was never lazy). It is dropped with everything it reads once the value is built.
 */
export function pendingBuild(o: object, key: string): LazyBuild | undefined {
  return ACCESSORS.has(key) ? Pending.of(o) : undefined;
}

/** What the pending build of `o[key]` gives when asked `ask` (without building the value), or
 *  `NOT_PENDING` when the value is built (or never was lazy). */
export function askPending(o: object, key: string, ask: number): unknown {
  return pendingBuild(o, key) ? Pending.call(o, ask) : NOT_PENDING;
}

export const NOT_PENDING: unique symbol = Symbol('not pending');
