/**
 * Values of the model built when something first reads them, not during the parse: a block's
 * normalised text is read by extraction and hover, not by the parse or most rules.
 *
 * Such a value is an own enumerable accessor, so copies, JSON, structured clones and deep
 * equality see it like any other property; its getter builds the value and `settle`s it, after
 * which it is a plain data property. The accessor functions are shared by every object with a
 * lazy property of that name (objects built alike keep one shape, which the engine reads fast);
 * the function that builds the value is kept in a private field of the object (`Pending`), which
 * nothing that reads the object's properties sees, and dropped once the value is built (it holds
 * the text the value is read from). An object has at most one lazy property.
 */

/** Makes `o[key]` the data property `value` (replacing its lazy accessor) and returns the value. */
export function settle<T>(o: object, key: string, value: T): T {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  return value;
}

/** A class whose constructor gives back the object it is passed: `Pending`, built on it, adds its
 *  private field to that object (a plain object keeps its prototype). */
class Stamp {
  constructor(o: object) {
    return o;
  }
}

/**
 * The pending build of an object's lazy property, in a private field added to the object (one
 * stored field, where a property of its own took a second property definition and a descriptor
 * object per object).
 */
class Pending extends Stamp {
  #build: (() => unknown) | undefined;

  private constructor(o: object, build: () => unknown) {
    super(o);
    this.#build = build;
  }

  static add(o: object, build: () => unknown): void {
    new Pending(o, build);
  }

  /** The build of `o`, or undefined when it was built (or never was lazy). */
  static of(o: object): (() => unknown) | undefined {
    return #build in o ? (o as Pending).#build : undefined;
  }

  /** Takes the build of `o` (what it reads is no longer held by `o`). */
  static take(o: object): (() => unknown) | undefined {
    if (!(#build in o)) return undefined;
    const build = (o as Pending).#build;
    (o as Pending).#build = undefined;
    return build;
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
        const build = Pending.take(this);
        return settle(this, key, build ? build() : undefined);
      },
      set(this: object, value: unknown) {
        Pending.take(this);
        settle(this, key, value);
      },
    };
    ACCESSORS.set(key, accessor);
  }
  return accessor;
}

/** Adds to `o` (next in its key order) the property `key` that `build` makes on first read; `o`
 *  has no other lazy property. */
export function addLazy(o: object, key: string, build: () => unknown): void {
  Object.defineProperty(o, key, accessorFor(key));
  Pending.add(o, build);
}

/**
 * The function that will build `o[key]` when it is first read, or undefined when the value is
 * built (or was never lazy). It is dropped with everything it holds once the value is built.
 */
export function pendingBuild(o: object, key: string): (() => unknown) | undefined {
  return ACCESSORS.has(key) ? Pending.of(o) : undefined;
}
