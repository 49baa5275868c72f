/**
 * Checks a JSON value against a JSON Schema (the draft-07 subset `knowledge.schema.json` uses), so
 * that the file format is written once: the schema users get in their editor is the one the
 * loader enforces. Supported: `$ref` to `#/definitions/...`, type, const, enum, required,
 * properties, additionalProperties (false, or the schema of the other properties), items, pattern, minLength, maxLength, minimum,
 * maximum, exclusiveMinimum, minProperties.
 *
 * Errors come back as data with a path in the form `documents[0].entries[3].limits[0].max`; the
 * checker never throws (a value it cannot read is an error like any other).
 */

export type JsonSchema = Readonly<Record<string, unknown>>;

export interface SchemaError {
  readonly path: string;
  readonly message: string;
  /** The schema keyword that failed (`type`, `required`, `pattern`, ...). */
  readonly keyword: string;
}

/** Every value the checker visits, with its resolved schema (`onValue` sees them all). */
export type ValueVisitor = (path: string, value: unknown, schema: JsonSchema, ref: string | null) => void;

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

const patterns = new Map<string, RegExp>();

function pattern(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) patterns.set(source, (re = new RegExp(source)));
  return re;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The schema a `$ref` points to (itself when it is not a reference); the name of the definition
 * (null when it is not a reference) is left in `resolvedRef` (one walk step reads it at once: no
 * object is made per value).
 */
let resolvedRef: string | null = null;

function resolve(root: JsonSchema, s: JsonSchema): JsonSchema {
  let ref: string | null = null;
  let cur = s;
  for (let guard = 0; guard < 16 && typeof cur.$ref === 'string'; guard++) {
    const r = cur.$ref as string;
    ref = r.startsWith('#/definitions/') ? r.slice('#/definitions/'.length) : r;
    const defs = root.definitions;
    const next = isRecord(defs) ? defs[ref] : undefined;
    if (!isRecord(next)) {
      resolvedRef = ref;
      return {};
    }
    cur = next;
  }
  resolvedRef = ref;
  return cur;
}

function name(path: string): string {
  const dot = path.lastIndexOf('.');
  const key = dot >= 0 ? path.slice(dot + 1) : path;
  return key || 'The file';
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/** Checks `value` against `root`; returns the errors in document order. */
export function checkAgainstSchema(root: JsonSchema, value: unknown, onValue?: ValueVisitor): SchemaError[] {
  const errors: SchemaError[] = [];
  walk(root, root, value, '', errors, onValue, 0);
  return errors;
}

/** An object with no properties, for a schema without `properties`. */
const NO_PROPERTIES: Readonly<Record<string, JsonSchema>> = Object.freeze({});

function walk(root: JsonSchema, schema: JsonSchema, v: unknown, path: string, errors: SchemaError[], onValue: ValueVisitor | undefined, depth: number): void {
  if (depth > 32) return;
  const s = resolve(root, schema);
  const ref = resolvedRef;
  const t = typeOf(v);
  if (typeof s.type === 'string') {
    const want = s.type;
    if (!(want === t || (want === 'number' && t === 'integer'))) {
      errors.push({ path, message: `${name(path)} must be ${TYPE_NAMES[want] ?? want}.`, keyword: 'type' });
      return;
    }
  }
  if ('const' in s && v !== s.const) errors.push({ path, message: `${name(path)} must be ${JSON.stringify(s.const)}.`, keyword: 'const' });
  if (Array.isArray(s.enum) && !s.enum.includes(v)) errors.push({ path, message: `${name(path)} must be one of ${s.enum.join(', ')}.`, keyword: 'enum' });
  if (t === 'string') {
    const str = v as string;
    if (typeof s.minLength === 'number' && str.length < s.minLength) errors.push({ path, message: `${name(path)} must not be empty.`, keyword: 'minLength' });
    if (typeof s.maxLength === 'number' && str.length > s.maxLength) {
      errors.push({ path, message: `${name(path)} is longer than ${s.maxLength} characters.`, keyword: 'maxLength' });
    }
    if (typeof s.pattern === 'string' && !pattern(s.pattern).test(str)) {
      errors.push({ path, message: `${name(path)} does not have the expected form (${s.pattern}).`, keyword: 'pattern' });
    }
  }
  if (t === 'number' || t === 'integer') {
    const n = v as number;
    if (typeof s.minimum === 'number' && n < s.minimum) errors.push({ path, message: `${name(path)} must be at least ${s.minimum}.`, keyword: 'minimum' });
    if (typeof s.maximum === 'number' && n > s.maximum) errors.push({ path, message: `${name(path)} must be at most ${s.maximum}.`, keyword: 'maximum' });
    if (typeof s.exclusiveMinimum === 'number' && n <= s.exclusiveMinimum) {
      errors.push({ path, message: `${name(path)} must be more than ${s.exclusiveMinimum}.`, keyword: 'exclusiveMinimum' });
    }
  }
  onValue?.(path, v, s, ref);
  if (t === 'array' && isRecord(s.items)) {
    const items = s.items;
    const a = v as unknown[];
    // Every index, holes included (as `forEach` would not): JSON has no holes.
    for (let i = 0; i < a.length; i++) walk(root, items, a[i], `${path}[${i}]`, errors, onValue, depth + 1);
  }
  if (t === 'object') {
    const o = v as Record<string, unknown>;
    const props = isRecord(s.properties) ? (s.properties as Record<string, JsonSchema>) : NO_PROPERTIES;
    if (Array.isArray(s.required)) {
      for (const r of s.required) if (typeof r === 'string' && !(r in o)) errors.push({ path: join(path, r), message: `${r} is required.`, keyword: 'required' });
    }
    const keys = Object.keys(o);
    if (typeof s.minProperties === 'number' && keys.length < s.minProperties) {
      errors.push({ path, message: `${name(path)} must name at least one of ${Object.keys(props).join(', ')}.`, keyword: 'minProperties' });
    }
    const other = s.additionalProperties;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const p = props[k];
      if (isRecord(p)) walk(root, p, o[k], join(path, k), errors, onValue, depth + 1);
      else if (isRecord(other)) walk(root, other, o[k], join(path, k), errors, onValue, depth + 1);
      else if (other === false) errors.push({ path: join(path, k), message: `Unknown key "${k}".`, keyword: 'additionalProperties' });
    }
  }
}
