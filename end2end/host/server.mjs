// A municipality's own website for the end-to-end tests: the pages of this folder, served on
// origins other than the portal's (one registered for Aarau, one not), with the portal's
// address filled in where the snippets need it.
//   PORTAL=http://127.0.0.1:3200 HOST_PORTS=3201,3202 node host/server.mjs
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const portal = process.env.PORTAL ?? 'http://127.0.0.1:3107';
const ports = (process.env.HOST_PORTS ?? '3108,3109').split(',').map(Number);
const pages = { '/': 'index.html', '/frame.html': 'frame.html' };

for (const port of ports) {
  createServer(async (req, res) => {
    const file = pages[new URL(req.url, 'http://x').pathname];
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const html = (await readFile(join(here, file), 'utf8')).replaceAll('{{PORTAL}}', portal);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  }).listen(port, '127.0.0.1');
}
