// The app as a browser gets it in production: Vite's build of the react-native-web rendering,
// served statically, with /graphql (HTTP and the graphql-ws upgrade) passed to the router on the
// same origin, as the Vite dev server and `vite preview` do.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { promisify } from 'node:util';

const APP = join(__dirname, '../..');
const DIST = join(APP, 'dist');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

export async function buildWebApp(): Promise<void> {
  await promisify(execFile)(join(APP, '../../node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: APP, env: { ...process.env, NODE_ENV: 'production' } });
}

export interface WebApp {
  url: string;
  close(): Promise<void>;
}

/** Serves dist/ on a free port of 127.0.0.1; `routerUrl` is the router's /graphql URL. */
export async function serveWebApp(routerUrl: string): Promise<WebApp> {
  const router = new URL(routerUrl);
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/graphql')) {
      const upstream = request({ host: router.hostname, port: router.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
      return;
    }
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^(\.\.[/\\])+/, '');
    const file = join(DIST, path === '/' ? 'index.html' : path);
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  // Upgraded sockets leave the server's bookkeeping: closing must end them itself.
  const tunnels = new Set<{ destroy(): void }>();
  server.on('upgrade', (req, socket, head) => {
    const upstream = connect(Number(router.port), router.hostname, () => {
      const headers = Object.entries(req.headers).map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : value}`);
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
      upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
    tunnels.add(socket).add(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        for (const tunnel of tunnels) tunnel.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
