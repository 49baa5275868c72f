/**
 * A small JSON Schema (draft-07 subset) checker for the knowledge tests: it reads
 * `server/knowledge/knowledge.schema.json` itself, so the schema users get in their editor and the
 * bundled data are checked against each other independently of the loader in knowledge.ts.
 * Supports: $ref to #/definitions, type, const, enum, required, properties, additionalProperties
 * (false, or a schema for the other properties), items, pattern, minLength, maxLength, minimum, maximum, exclusiveMinimum, minProperties.
 */
type Schema = Record<string, unknown>;

export function checkSchema(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  walk(root, root, value, '$', errors);
  return errors;
}

function resolve(root: Schema, s: Schema): Schema {
  const ref = s.$ref;
  if (typeof ref !== 'string') return s;
  if (!ref.startsWith('#/definitions/')) throw new Error(`unsupported $ref ${ref}`);
  const def = (root.definitions as Record<string, Schema>)[ref.slice('#/definitions/'.length)];
  if (!def) throw new Error(`missing definition ${ref}`);
  return resolve(root, def);
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function walk(root: Schema, schema: Schema, v: unknown, path: string, errors: string[]): void {
  const s = resolve(root, schema);
  const t = typeOf(v);
  if (s.type !== undefined) {
    const want = s.type as string;
    const ok = want === t || (want === 'number' && t === 'integer');
    if (!ok) {
      errors.push(`${path}: expected ${want}, got ${t}`);
      return;
    }
  }
  if ('const' in s && v !== s.const) errors.push(`${path}: must be ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.includes(v)) errors.push(`${path}: ${JSON.stringify(v)} not in enum`);
  if (t === 'string') {
    const str = v as string;
    if (typeof s.minLength === 'number' && str.length < s.minLength) errors.push(`${path}: shorter than ${s.minLength}`);
    if (typeof s.maxLength === 'number' && str.length > s.maxLength) errors.push(`${path}: longer than ${s.maxLength}`);
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern).test(str)) errors.push(`${path}: does not match ${s.pattern}`);
  }
  if (t === 'number' || t === 'integer') {
    const n = v as number;
    if (typeof s.minimum === 'number' && n < s.minimum) errors.push(`${path}: below ${s.minimum}`);
    if (typeof s.maximum === 'number' && n > s.maximum) errors.push(`${path}: above ${s.maximum}`);
    if (typeof s.exclusiveMinimum === 'number' && n <= s.exclusiveMinimum) errors.push(`${path}: not above ${s.exclusiveMinimum}`);
  }
  if (t === 'array' && s.items) {
    (v as unknown[]).forEach((x, i) => walk(root, s.items as Schema, x, `${path}[${i}]`, errors));
  }
  if (t === 'object') {
    const o = v as Record<string, unknown>;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const r of (s.required ?? []) as string[]) if (!(r in o)) errors.push(`${path}: missing ${r}`);
    if (typeof s.minProperties === 'number' && Object.keys(o).length < s.minProperties) errors.push(`${path}: fewer than ${s.minProperties} properties`);
    for (const [k, x] of Object.entries(o)) {
      if (props[k]) walk(root, props[k], x, `${path}.${k}`, errors);
      else if (s.additionalProperties === false) errors.push(`${path}: unexpected property ${k}`);
      else if (typeof s.additionalProperties === 'object' && s.additionalProperties !== null) walk(root, s.additionalProperties as Schema, x, `${path}.${k}`, errors);
    }
  }
}
