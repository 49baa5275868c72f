/**
 * Writing answers over stdio. Every message is written as the LSP library writes it (JSON, UTF-8),
 * except answers marked `writtenByParts`: lists whose elements are kept from one version of a
 * document to the next (in a merged case file: each letter's outline node, and its folding ranges
 * and code lenses). Each element's encoded
 * bytes are kept with it, so writing the answer again after an edit encodes only the elements
 * made since. The outline of the 10 MB merged file is 1.4 MB of JSON: encoded whole, it took
 * about 12 ms a request (stringify, then UTF-8), as long as reading the edit itself.
 *
 * The bytes are those `JSON.stringify` gives for the whole message: a list's JSON is its elements'
 * JSON joined by commas. Elements are never changed once made (a moved letter's symbols are new
 * objects), which is what makes keeping their bytes safe.
 */
import { format } from 'node:util';
import type { ContentTypeEncoder, ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node';

const byParts = new WeakSet<object>();
const bytesOf = new WeakMap<object, Buffer>();

/** Marks a list answer to be written from its elements' kept bytes (see above). */
export function writtenByParts<T extends object[]>(list: T): T {
  byParts.add(list);
  return list;
}

/** Stands for the list in the rest of the message, which is encoded as usual. */
const MARK = '\u0000imr:parts\u0000';
const MARK_JSON = JSON.stringify(MARK);
const COMMA = Buffer.from(',');

function elementBytes(e: unknown): Buffer {
  if (e === null || typeof e !== 'object') return Buffer.from(JSON.stringify(e) ?? 'null', 'utf8');
  let b = bytesOf.get(e);
  if (!b) bytesOf.set(e, (b = Buffer.from(JSON.stringify(e) ?? 'null', 'utf8')));
  return b;
}

/** The encoded message: the bytes `JSON.stringify(msg)` would give, in UTF-8. */
export function encodeMessage(msg: Message): Buffer {
  const result = (msg as { result?: unknown }).result;
  if (!Array.isArray(result) || !byParts.has(result)) return Buffer.from(JSON.stringify(msg), 'utf8');
  const [head, tail] = JSON.stringify({ ...msg, result: MARK }).split(MARK_JSON);
  const parts: Buffer[] = [Buffer.from(`${head}[`, 'utf8')];
  result.forEach((e, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(elementBytes(e));
  });
  parts.push(Buffer.from(`]${tail}`, 'utf8'));
  return Buffer.concat(parts);
}

/** The encoder for `StreamMessageWriter`. */
export const partsEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode: (msg: Message, _options: ContentTypeEncoderOptions): Promise<Uint8Array> => {
    try {
      return Promise.resolve(encodeMessage(msg));
    } catch (e) {
      return Promise.reject(e);
    }
  },
};

/**
 * Over stdio, standard output is the protocol: what the process would print goes to the client's
 * log instead (the LSP library does this itself when it opens stdio; here the server opens it).
 */
export function consoleToLog(log: { log(m: string): void; info(m: string): void; warn(m: string): void; error(m: string): void }): void {
  console.log = (...args: unknown[]) => log.log(format(...args));
  console.debug = console.log;
  console.trace = console.log;
  console.dir = (v: unknown) => log.log(format(v));
  console.table = (v: unknown) => log.log(format(v));
  console.info = (...args: unknown[]) => log.info(format(...args));
  console.warn = (...args: unknown[]) => log.warn(format(...args));
  console.error = (...args: unknown[]) => log.error(format(...args));
}
