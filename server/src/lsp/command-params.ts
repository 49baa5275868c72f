/**
 * The arguments of the server's commands (`workspace/executeCommand`) as they arrive from the
 * wire: untyped. Each command's argument is checked here before its handler runs, so that a
 * missing or mistyped field is answered with a clear message (InvalidParams) instead of a failure
 * deep inside the handler, or, worse, work on a value of the wrong kind (a string where a list of
 * paths belongs is a list of one-character paths, the first of them "/").
 */
import { ServerCommands } from '../protocol';

/** What is wrong with a command's argument, in words; null when nothing is. */
export type ParamsCheck = (arg: unknown) => string | null;

type Fields = Record<string, unknown>;
type Field = (v: unknown) => boolean;

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString: Field = (v) => typeof v === 'string';
const isBoolean: Field = (v) => typeof v === 'boolean';
const isIndex: Field = (v) => typeof v === 'number' && Number.isInteger(v);
const isPosition: Field = (v) => isObject(v) && isIndex(v.line) && isIndex(v.character);
const isRange: Field = (v) => isObject(v) && isPosition(v.start) && isPosition(v.end);
const isStringList: Field = (v) => Array.isArray(v) && v.every(isString);
const oneOf = (values: readonly string[]): Field => (v) => typeof v === 'string' && values.includes(v);

/**
 * A check of an object's fields: `required` must be there and pass their test, `optional` must
 * pass it when there (null or undefined count as absent). `what` names each field's kind.
 */
function fields(
  required: Record<string, [Field, string]>,
  optional: Record<string, [Field, string]> = {},
): ParamsCheck {
  return (arg) => {
    if (!isObject(arg)) return `the argument must be an object with ${Object.keys(required).join(', ') || 'its fields'}`;
    for (const [name, [ok, what]] of Object.entries(required)) {
      if (arg[name] === undefined || arg[name] === null) return `"${name}" is missing (${what})`;
      if (!ok(arg[name])) return `"${name}" must be ${what}`;
    }
    for (const [name, [ok, what]] of Object.entries(optional)) {
      if (arg[name] !== undefined && arg[name] !== null && !ok(arg[name])) return `"${name}" must be ${what}`;
    }
    return null;
  };
}

const EXTRACT_KINDS = ['decisions', 'summary', 'citations', 'item'] as const;
const EXTRACT_FORMATS = ['md', 'csv', 'json', 'tsv'] as const;
const FILE_FORMATS = ['csv', 'jsonl', 'json', 'md', 'ics'] as const;
const words = (values: readonly string[]) => `one of ${values.map((v) => `"${v}"`).join(', ')}`;

const URI: [Field, string] = [isString, 'a document URI'];
const FLAG: [Field, string] = [isBoolean, 'true or false'];

/** The check of each server command's argument, by command. */
export const COMMAND_PARAMS: Readonly<Record<string, ParamsCheck>> = {
  [ServerCommands.extract]: fields(
    { uri: URI, kind: [oneOf(EXTRACT_KINDS), words(EXTRACT_KINDS)], format: [oneOf(EXTRACT_FORMATS), words(EXTRACT_FORMATS)] },
    { position: [isPosition, 'a position (line and character, whole numbers)'], index: [isIndex, 'a whole number'], bom: FLAG, compact: FLAG, emptyColumns: FLAG },
  ),
  [ServerCommands.deadlines]: fields({ uri: URI }),
  [ServerCommands.showSideBySide]: fields({ uri: URI, ranges: [(v) => Array.isArray(v) && v.length > 0 && v.every(isRange), 'a list of ranges, at least one'] }),
  [ServerCommands.extractFiles]: fields(
    { inputs: [isStringList, 'a list of paths'], format: [oneOf(FILE_FORMATS), words(FILE_FORMATS)], output: [isString, 'the path of the file to write'] },
    { overwrite: FLAG, bom: FLAG, everyFile: FLAG },
  ),
  [ServerCommands.insights]: fields({}, { inputs: [isStringList, 'a list of paths'], open: [isStringList, 'a list of document URIs'] }),
};

/**
 * What is wrong with the parameters of a request about a place in a document
 * (`textDocument/references`, `textDocument/definition`): a document's `uri` and a `position` of
 * whole numbers; null when nothing is.
 */
export function positionParamsProblem(p: unknown): string | null {
  if (!isObject(p)) return 'the parameters must be an object with textDocument and position';
  if (!isObject(p.textDocument) || !isString(p.textDocument.uri)) return '"textDocument.uri" must be a string';
  if (!isPosition(p.position)) return '"position" must have a whole-number line and character';
  return null;
}
