/**
 * Where a JSON file the user gave (the knowledge file, the vocabulary file) stops being valid, for
 * messages that say where, never what the file says (JSON.parse's own message quotes the text).
 */

/**
 * Where a JSON text stops being valid, as "line L, column C" (or "it ends too early"): found by a
 * small scanner of the JSON grammar, since V8's error names the place only sometimes and quotes
 * the text around it. Null when the scanner finds no error (JSON.parse's rules are the same).
 */
export function jsonErrorPlace(text: string): string | null {
  const at = jsonErrorOffset(text);
  if (at === null) return null;
  if (at >= text.length) return 'it ends too early';
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${at - lineStart + 1}`;
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** Offset of the first character that makes `text` invalid JSON (text.length: it ends early), or null. */
function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const match = (re: RegExp): boolean => {
    re.lastIndex = i;
    if (!re.test(text)) return false;
    i = re.lastIndex;
    return true;
  };
  // What may come next: a value, or what follows a value inside the containers on the stack.
  const stack: ('{' | '[')[] = [];
  let expect: 'value' | 'after' | 'key' | 'value-or-end' | 'key-or-end' = 'value';
  for (;;) {
    space();
    if (expect === 'after') {
      const top = stack[stack.length - 1];
      if (!top) return i < text.length ? i : null;
      if (i >= text.length) return i;
      if (text[i] === ',') {
        i++;
        expect = top === '{' ? 'key' : 'value';
      } else if (text[i] === (top === '{' ? '}' : ']')) {
        i++;
        stack.pop();
      } else return i;
      continue;
    }
    if (i >= text.length) return i;
    const c = text[i];
    if (expect === 'key' || expect === 'key-or-end') {
      if (expect === 'key-or-end' && c === '}') {
        i++;
        stack.pop();
        expect = 'after';
        continue;
      }
      if (!match(STRING)) return i;
      space();
      if (text[i] !== ':') return i;
      i++;
      expect = 'value';
      continue;
    }
    if (expect === 'value-or-end' && c === ']') {
      i++;
      stack.pop();
      expect = 'after';
      continue;
    }
    if (c === '{') {
      i++;
      stack.push('{');
      expect = 'key-or-end';
    } else if (c === '[') {
      i++;
      stack.push('[');
      expect = 'value-or-end';
    } else if (match(STRING) || match(NUMBER) || ['true', 'false', 'null'].some((w) => text.startsWith(w, i) && ((i += w.length), true))) {
      expect = 'after';
    } else return i;
  }
}
