/**
 * PGlite is one process with no lock of its own: two processes on one data folder silently lose
 * commits. We take a lock file (PID + what holds it) and refuse to open the folder twice.
 */
import fs from 'node:fs';
import path from 'node:path';

export class DataFolderInUseError extends Error {
	readonly holderPid: number;
	constructor(dataDir: string, holderPid: number, holderCommand: string) {
		super(
			`The embedded database in ${dataDir} is already open in process ${holderPid} (${holderCommand}). ` +
				'Only one Waymark process can use it at a time: stop that process first, or point DATABASE_URL at a PostgreSQL server.'
		);
		this.holderPid = holderPid;
	}
}

type LockInfo = { pid: number; command: string; startedAt: string };

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

export function lockDataFolder(dataDir: string, command: string): () => void {
	fs.mkdirSync(dataDir, { recursive: true });
	const file = path.join(dataDir, 'waymark.lock');
	const info: LockInfo = { pid: process.pid, command, startedAt: new Date().toISOString() };
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx' });
			let released = false;
			const release = () => {
				if (released) return;
				released = true;
				try {
					const held = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
					if (held.pid === process.pid) fs.unlinkSync(file);
				} catch {
					/* already gone */
				}
			};
			process.once('exit', release);
			return release;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			let held: LockInfo | undefined;
			try {
				held = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
			} catch {
				held = undefined; // half-written or unreadable: treat as stale
			}
			// Our own PID counts too: two PGlite instances in one process corrupt the folder just the same.
			if (held && isAlive(held.pid)) {
				throw new DataFolderInUseError(dataDir, held.pid, held.command);
			}
			fs.rmSync(file, { force: true }); // stale: its process is gone
		}
	}
	throw new Error(`Could not take the lock on ${file}.`);
}
