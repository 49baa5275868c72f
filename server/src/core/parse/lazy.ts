/**
 * Values of the model built when something first reads them, not during the parse: a block's
 * normalised text is read by extraction and hover, not by the parse or most rules.
 *
 * Such a value is an own enumerable accessor, so copies, JSON, structured clones and deep
 * equality see it like any other property; its getter builds the value and `settle`s it, after
 * which it is a plain data property. The accessor functions are shared by every object with a
 * lazy property of that name (objects built alike keep one shape, which the engine reads fast);
 * the function that builds the value is kept under a symbol that is not enumerable, and dropped
 * once the value is built (it holds the text the value is read from).
 */

/** Makes `o[key]` the data property `value` (replacing its lazy accessor) and returns the value. */
export function settle<T>(o: object, key: string, value: T): T {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  return value;
}

interface Lazy {
  readonly accessor: PropertyDescriptor;
  readonly build: symbol;
}

const LAZY = new Map<string, Lazy>();

function lazyFor(key: string): Lazy {
  let lazy = LAZY.get(key);
  if (!lazy) {
    const build = Symbol(`build ${key}`);
    const accessor: PropertyDescriptor = {
      configurable: true,
      enumerable: true,
      get(this: Record<symbol, () => unknown>) {
        const value = this[build]();
        delete this[build]; // what it read (the text, its lines) is no longer held
        return settle(this, key, value);
      },
      set(this: Record<symbol, () => unknown>, value: unknown) {
        delete this[build];
        settle(this, key, value);
      },
    };
    LAZY.set(key, (lazy = { accessor, build }));
  }
  return lazy;
}

/** Adds to `o` (next in its key order) the property `key` that `build` makes on first read. */
export function addLazy(o: object, key: string, build: () => unknown): void {
  const lazy = lazyFor(key);
  Object.defineProperty(o, key, lazy.accessor);
  Object.defineProperty(o, lazy.build, { value: build, enumerable: false, writable: false, configurable: true });
}

/**
 * The function that will build `o[key]` when it is first read, or undefined when the value is
 * built (or was never lazy). It is dropped with everything it holds once the value is built.
 */
export function pendingBuild(o: object, key: string): (() => unknown) | undefined {
  const lazy = LAZY.get(key);
  return lazy ? (o as Record<symbol, (() => unknown) | undefined>)[lazy.build] : undefined;
}
