// Extension activation, in a fresh process: dist/client.js is required with a stub `vscode`
// module (a Module._load hook) and activate() is awaited; the time from before the require to
// activate() returning is printed as JSON, with what was loaded or started meanwhile. The language
// client (dist/lsp.js, vscode-languageclient) is loaded on first use; with no letter open,
// activation must not load it nor start a server, and the output says whether it did.
//   node scripts/bench/activation-child.cjs ROOT
'use strict';
const Module = require('module');
const childProcess = require('child_process');
const path = require('path');

const root = process.argv[2];
const loaded = [];
const spawned = [];

const disposable = () => ({ dispose() {} });
const event = () => () => disposable();
/** Anything the client touches that the stub does not spell out: callable, and returns itself. */
function anything(name) {
  const fn = function () {
    return proxy;
  };
  const proxy = new Proxy(fn, {
    get(_t, key) {
      if (key === 'then') return undefined;
      if (key === Symbol.toPrimitive) return () => name;
      if (key === 'dispose') return () => undefined;
      return anything(`${name}.${String(key)}`);
    },
    apply() {
      return proxy;
    },
    construct() {
      return proxy;
    },
  });
  return proxy;
}

class Uri {
  constructor(scheme, p) {
    this.scheme = scheme;
    this.path = p;
    this.fsPath = p;
  }
  static file(p) {
    return new Uri('file', p);
  }
  static parse(s) {
    return new Uri(s.split(':')[0], s.replace(/^[a-z-]+:/, ''));
  }
  static from(c) {
    return new Uri(c.scheme, c.path);
  }
  toString() {
    return `${this.scheme}:${this.path}`;
  }
}

const base = {
  Uri,
  Range: class {
    constructor(...a) {
      this.args = a;
    }
  },
  Position: class {
    constructor(line, character) {
      this.line = line;
      this.character = character;
    }
  },
  Disposable: class {
    constructor(f) {
      this.dispose = f;
    }
  },
  EventEmitter: class {
    constructor() {
      this.event = event();
    }
    fire() {}
    dispose() {}
  },
  LanguageStatusSeverity: { Information: 0, Warning: 1, Error: 2 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ViewColumn: { Active: -1, Beside: -2, One: 1 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  window: {
    createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {} }),
    createOutputChannel: () => ({ append() {}, appendLine() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {}, show() {}, hide() {}, clear() {}, dispose() {} }),
    onDidChangeActiveTextEditor: event(),
    activeTextEditor: undefined,
    visibleTextEditors: [],
    showInformationMessage: async () => undefined,
    showWarningMessage: async () => undefined,
    showErrorMessage: async () => undefined,
    registerCustomEditorProvider: () => disposable(),
    tabGroups: { all: [], onDidChangeTabs: event(), onDidChangeTabGroups: event() },
    // The Letters and Similar Decisions views (a tree view: its message, description, events).
    createTreeView: () => anything('TreeView'),
  },
  languages: {
    createLanguageStatusItem: () => ({ dispose() {} }),
    getLanguages: async () => ['plaintext', 'imr'],
    setTextDocumentLanguage: async (d) => d,
  },
  workspace: {
    textDocuments: [],
    workspaceFolders: undefined,
    onDidOpenTextDocument: event(),
    onDidCloseTextDocument: event(),
    onDidChangeConfiguration: event(),
    getConfiguration: () => ({ get: (_k, d) => d, has: () => false, inspect: () => undefined, update: async () => undefined }),
    registerTextDocumentContentProvider: () => disposable(),
  },
  commands: { registerCommand: () => disposable(), executeCommand: async () => undefined },
  env: { clipboard: { writeText: async () => undefined } },
};
const vscode = new Proxy(base, {
  get(t, key) {
    if (key in t) return t[key];
    if (key === '__esModule' || key === 'default' || key === 'then') return undefined;
    return anything(`vscode.${String(key)}`);
  },
});

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  if (/vscode-languageclient|[\\/]lsp(\.js)?$/.test(request)) loaded.push(request);
  return load.apply(this, arguments);
};
for (const name of ['spawn', 'fork', 'exec', 'execFile']) {
  const orig = childProcess[name];
  childProcess[name] = function () {
    spawned.push(`${name} ${String(arguments[0])}`);
    return orig.apply(this, arguments);
  };
}

const context = {
  subscriptions: [],
  extensionPath: root,
  extensionUri: Uri.file(root),
  asAbsolutePath: (p) => path.join(root, p),
  globalState: { get: () => undefined, update: async () => undefined, keys: () => [] },
  workspaceState: { get: () => undefined, update: async () => undefined, keys: () => [] },
  storageUri: undefined,
  globalStorageUri: Uri.file(path.join(root, '.bench-storage')),
  logUri: Uri.file(path.join(root, '.bench-log')),
  extensionMode: 1,
};

(async () => {
  const t0 = performance.now();
  const ext = require(path.join(root, 'dist', 'client.js'));
  const t1 = performance.now();
  await ext.activate(context);
  const t2 = performance.now();
  process.stdout.write(
    JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, totalMs: t2 - t0, subscriptions: context.subscriptions.length, loaded, spawned }) + '\n',
  );
})().catch((e) => {
  process.stdout.write(JSON.stringify({ error: String(e && e.stack ? e.stack : e) }) + '\n');
  process.exitCode = 1;
});
