/**
 * Serves the built app. adapter-node assumes https unless a header says otherwise, and SvelteKit's
 * CSRF check then refuses every form posted over plain http (a laptop, a test). So when no proxy has
 * said which protocol the request came in on, we say it: the protocol of PUBLIC_BASE_URL, else http.
 * Behind a TLS proxy, its X-Forwarded-Proto header wins.
 */
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.env.PROTOCOL_HEADER ||= 'x-forwarded-proto';
// Room for a 10 MB spreadsheet upload such as 100,000 attendance rows (each import's own limit says so
// clearly); adapter-node's default is 512K.
process.env.BODY_SIZE_LIMIT ||= '12M';
const protocolHeader = process.env.PROTOCOL_HEADER.toLowerCase();
const ownProtocol = (process.env.PUBLIC_BASE_URL ?? '').startsWith('https:') ? 'https' : 'http';

// Importing the handler runs the app's start-up hook: settings, database lock, migrations, demo.
const { handler } = (await import(pathToFileURL(path.join(root, 'build', 'handler.js')).href)) as {
	handler: (req: http.IncomingMessage, res: http.ServerResponse) => void;
};

const server = http.createServer((req, res) => {
	if (!req.headers[protocolHeader]) req.headers[protocolHeader] = ownProtocol;
	handler(req, res);
});

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '0.0.0.0';
server.listen(port, host, () => {
	console.log(`Waymark is listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`);
});

function shutdown(signal: string): void {
	console.log(`Waymark: ${signal} received, stopping.`);
	server.close(() => process.exit(0));
	server.closeIdleConnections();
	// Do not hang on a slow client: the lock file is released on exit either way.
	setTimeout(() => process.exit(0), 5_000).unref();
}
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));
