/**
 * Arrays of objects that are often empty, made with one hidden class.
 *
 * The engine gives `[]` the class of an array of small integers and moves an array to the class of
 * an array of objects when the first object goes in; `map` of an empty array gives the first class
 * too. A hot function that reads arrays of both classes (a line with no label, a line with two)
 * has its optimised code thrown away when it meets the class it had not seen, and is compiled
 * again: in a bulk worker, a few extra compilations of the largest functions, each as long as
 * reading dozens of letters. Arrays made here start in the class of an array of objects, full or
 * empty.
 */

const AN_OBJECT = {};

/** A new, empty array with the hidden class of an array of objects (strings count as objects here). */
export function objectList<T>(): T[] {
  return [AN_OBJECT].slice(0, 0) as unknown as T[];
}
