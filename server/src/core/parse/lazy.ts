/**
 * Values of the model built when something first reads them, not during the parse: a block's
 * normalised text is read by extraction and hover, not by the parse or most rules.
 *
 * Such a value is an own enumerable accessor written in the object literal (`get text() {...}`,
 * with a setter), so copies, JSON and structured clones see it like any other property; its getter
 * builds the value and `settle`s it, after which it is a plain data property.
 */

/** Makes `o[key]` the data property `value` (replacing its lazy accessor) and returns the value. */
export function settle<T>(o: object, key: string, value: T): T {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  return value;
}
