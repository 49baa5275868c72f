/**
 * Preload for the no-network test (`node --require out/test/robustness/no-network.js ...`): every
 * way a Node program reaches the network is replaced by a function that records the call (with a
 * stack) to the file named by IMR_NETWORK_LOG, then fails it. Covered: net.Socket#connect (every
 * TCP and IPC client, http/https/fetch included), net.connect/createConnection, tls.connect,
 * dgram.createSocket, dns.lookup/resolve* (callback and promise APIs), http(s).request/get and
 * globalThis.fetch. Pipes for stdio never call these.
 *
 * On load it appends a line to `<IMR_NETWORK_LOG>.loaded` (process id, main thread or worker) so
 * the test can tell the guard was in place, in worker threads too.
 */
// `import x = require()`: the module objects themselves (an `import * as` namespace is read-only).
import dgram = require('dgram');
import dns = require('dns');
import fs = require('fs');
import http = require('http');
import https = require('https');
import net = require('net');
import tls = require('tls');
import { syncBuiltinESMExports } from 'module';
import { isMainThread, threadId } from 'worker_threads';

const logFile = process.env.IMR_NETWORK_LOG;

function record(what: string): void {
  const line = JSON.stringify({ pid: process.pid, what, stack: new Error(what).stack }) + '\n';
  if (logFile) fs.appendFileSync(logFile, line);
  else process.stderr.write(`imr no-network: ${line}`);
}

function blocked(what: string): Error {
  const e = new Error(`network use blocked by the no-network test: ${what}`) as NodeJS.ErrnoException;
  e.code = 'EIMRNONETWORK';
  return e;
}

type AnyFn = (...args: unknown[]) => unknown;

/** Replaces obj[name] with a recorder that throws. */
function guard(obj: object, name: string, what: string): void {
  const o = obj as Record<string, unknown>;
  if (typeof o[name] !== 'function') return;
  o[name] = function guarded(): never {
    record(what);
    throw blocked(what);
  };
}

guard(net.Socket.prototype, 'connect', 'net.Socket#connect');
guard(net, 'connect', 'net.connect');
guard(net, 'createConnection', 'net.createConnection');
guard(tls, 'connect', 'tls.connect');
guard(dgram, 'createSocket', 'dgram.createSocket');
for (const api of [dns, dns.promises] as object[]) {
  for (const name of Object.keys(api)) {
    if (name === 'lookup' || name === 'lookupService' || name.startsWith('resolve') || name === 'reverse') guard(api, name, `dns.${name}`);
  }
}
for (const [mod, label] of [[http, 'http'], [https, 'https']] as const) {
  guard(mod, 'request', `${label}.request`);
  guard(mod, 'get', `${label}.get`);
}
if (typeof globalThis.fetch === 'function') {
  const fetchGuard: AnyFn = () => {
    record('fetch');
    return Promise.reject(blocked('fetch'));
  };
  (globalThis as unknown as { fetch: AnyFn }).fetch = fetchGuard;
}
syncBuiltinESMExports();

// One line per process or worker thread that loaded the guard (worker threads run preloads too).
if (logFile) fs.writeFileSync(`${logFile}.loaded`, `${process.pid} ${isMainThread ? 'main' : `worker ${threadId}`}\n`, { flag: 'a' });
