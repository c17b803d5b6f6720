'use strict';
/**
 * The test suite's network guard: loaded into every process `npm test` starts (jest, its workers,
 * the services the multi-process tests spawn, codegen), through `--require` in NODE_OPTIONS (see
 * test/network-guard-setup.ts). Tests may reach this machine only: a TCP/TLS connection, a UDP
 * datagram or a DNS query for anything else is refused *before* Node's own function runs, so no
 * packet leaves, and recorded as a JSON line in the file named by NETWORK_GUARD_LOG, which the
 * global teardown turns into a failed run. This is what keeps a dependency from phoning home
 * unnoticed (as @apollo/gateway's data collection did: cloud metadata probes and metrics export).
 *
 * Allowed: 127.0.0.0/8, ::1, ::ffff:127.0.0.0/104, unix-domain sockets, and the name `localhost`.
 * CommonJS and dependency-free because it runs before any loader (tsx, jest) is in place.
 */
const net = require('node:net');
const dns = require('node:dns');
const dgram = require('node:dgram');
const fs = require('node:fs');

/** Marks the guarded connect, so that a second load is a no-op and tests can see the guard is on. */
const INSTALLED = Symbol.for('supergraph.network-guard');

if (!net.Socket.prototype.connect[INSTALLED]) install();

function install() {
  const loopback = new net.BlockList();
  loopback.addSubnet('127.0.0.0', 8, 'ipv4');
  loopback.addAddress('::1', 'ipv6');
  loopback.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');

  /** An IP literal on loopback, or the name localhost (which resolves from /etc/hosts, no query). */
  function isLocal(host) {
    if (host === undefined || host === null || host === '') return true; // Node's default: localhost
    const h = String(host)
      .replace(/^\[(.*)\]$/, '$1')
      .replace(/\.$/, '')
      .toLowerCase();
    if (h === 'localhost') return true;
    const family = net.isIP(h);
    if (family === 4) return loopback.check(h, 'ipv4');
    if (family === 6) return loopback.check(h, 'ipv6');
    return false;
  }

  function refuse(kind, target) {
    const error = new Error(`network guard: ${kind} to ${target} refused (tests may reach loopback only)`);
    error.code = 'ENETWORKGUARD';
    const stack = (new Error().stack || '')
      .split('\n')
      .slice(1)
      .filter((line) => !line.includes(__filename))
      .slice(0, 12)
      .map((line) => line.trim());
    const record = { pid: process.pid, kind, target, argv: process.argv.slice(1, 3), stack };
    const log = process.env.NETWORK_GUARD_LOG;
    if (log) {
      try {
        fs.appendFileSync(log, JSON.stringify(record) + '\n');
      } catch (e) {
        process.stderr.write(`network guard: cannot write ${log}: ${e.message}\n`);
      }
    }
    process.stderr.write(`${error.message}\n  ${stack.slice(0, 4).join('\n  ')}\n`);
    return error;
  }

  // ---- TCP and TLS: every client socket (net.connect, tls.connect, http, undici, fetch) ends in
  // net.Socket.prototype.connect, which TLSSocket inherits. The host is checked before Node looks
  // it up or opens a handle; a refused socket fails asynchronously, as a real connection error does.
  const originalConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function connect(...args) {
    const target = tcpTarget(args);
    if (target.path !== undefined || isLocal(target.host)) return originalConnect.apply(this, args);
    const error = refuse('tcp connect', `${target.host}:${target.port}`);
    process.nextTick(() => this.destroy(error));
    return this;
  };
  net.Socket.prototype.connect[INSTALLED] = true;

  function tcpTarget(args) {
    // Node calls connect with its own normalized [options, callback] array (net.connect, tls.connect).
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    if (first !== null && typeof first === 'object') {
      if (first.path !== undefined && first.path !== null) return { path: first.path };
      return { host: first.host, port: first.port };
    }
    if (typeof first === 'string' && !/^\d+$/.test(first)) return { path: first };
    return { host: typeof args[1] === 'string' ? args[1] : undefined, port: first };
  }

  // ---- UDP: connect() fixes the peer; send() names it unless the socket is connected.
  const originalUdpConnect = dgram.Socket.prototype.connect;
  dgram.Socket.prototype.connect = function connect(port, address) {
    const host = typeof address === 'function' ? undefined : address;
    if (isLocal(host)) return originalUdpConnect.apply(this, arguments);
    // As Node reports a failed connect: an 'error' event (the callback only ever hears of success).
    const error = refuse('udp connect', `${host}:${port}`);
    process.nextTick(() => this.emit('error', error));
  };

  const originalSend = dgram.Socket.prototype.send;
  // eslint-disable-next-line no-unused-vars -- dgram's own signature, passed on through arguments
  dgram.Socket.prototype.send = function send(buffer, offset, length, port, address, callback) {
    let connected = false;
    try {
      this.remoteAddress(); // throws unless connected, and connect() was guarded
      connected = true;
    } catch {
      /* not connected */
    }
    if (connected) return originalSend.apply(this, arguments);
    // Node's own argument shapes: send(msg, offset, length, port[, address][, cb]) or send(msg, port[, address][, cb]).
    const long = address !== undefined || (port !== undefined && typeof port !== 'function');
    const host = long ? address : length;
    const targetPort = long ? port : offset;
    // No address (or a callback in its place): Node sends to localhost.
    if (isLocal(typeof host === 'function' ? undefined : host)) return originalSend.apply(this, arguments);
    const error = refuse('udp send', `${host}:${targetPort}`);
    const cb = [...arguments].reverse().find((a) => typeof a === 'function');
    process.nextTick(() => (cb ? cb(error) : this.emit('error', error)));
  };

  // ---- DNS: lookup (getaddrinfo) of anything but localhost or an IP literal, and every resolver
  // query or reverse lookup except for localhost / loopback, on the module, its default resolver,
  // new Resolver instances and the promise API alike.
  const lookupAllowed = (name) => isLocal(name) || net.isIP(String(name).replace(/^\[(.*)\]$/, '$1')) !== 0;
  const queries = [
    'resolve',
    'resolve4',
    'resolve6',
    'resolveAny',
    'resolveCaa',
    'resolveCname',
    'resolveMx',
    'resolveNaptr',
    'resolveNs',
    'resolvePtr',
    'resolveSoa',
    'resolveSrv',
    'resolveTxt',
    'reverse',
    'lookupService',
  ];

  function guardCallbackApi(target, names, allowed) {
    for (const name of names) {
      const original = target[name];
      if (typeof original !== 'function') continue;
      target[name] = function guarded(host, ...rest) {
        if (allowed(host)) return original.call(this, host, ...rest);
        const error = refuse(`dns ${name}`, String(host));
        const cb = rest.reverse().find((a) => typeof a === 'function');
        if (cb) process.nextTick(() => cb(error));
        else throw error;
        return undefined;
      };
    }
  }

  function guardPromiseApi(target, names, allowed) {
    for (const name of names) {
      const original = target[name];
      if (typeof original !== 'function') continue;
      target[name] = function guarded(host, ...rest) {
        if (allowed(host)) return original.call(this, host, ...rest);
        return Promise.reject(refuse(`dns ${name}`, String(host)));
      };
    }
  }

  guardCallbackApi(dns, ['lookup'], lookupAllowed);
  guardCallbackApi(dns, queries, isLocal);
  guardCallbackApi(dns.Resolver.prototype, queries, isLocal);
  guardPromiseApi(dns.promises, ['lookup'], lookupAllowed);
  guardPromiseApi(dns.promises, queries, isLocal);
  guardPromiseApi(dns.promises.Resolver.prototype, queries, isLocal);
}
