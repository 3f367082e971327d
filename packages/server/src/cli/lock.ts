import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export interface LockInfo {
  pid: number;
  command: string;
  host: string;
  startedAt: string;
  url?: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    super(
      `the data folder ${dataDir} is in use by process ${holder.pid} (hexiao ${holder.command} on ${holder.host}, since ${holder.startedAt})` +
        (holder.url ? `; stop it first, or send the work to its API at ${holder.url}` : '; stop it first'),
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process per embedded data folder: an exclusive lock file naming its holder. A lock left by a
 * process that no longer runs is taken over; a live holder makes this fail at once.
 */
export function acquireDataDirLock(
  dataDir: string,
  command: string,
  url?: string,
): { release(): void; info: LockInfo } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'hexiao.lock');
  const info: LockInfo = {
    pid: process.pid,
    command,
    host: hostname(),
    startedAt: new Date().toISOString(),
    ...(url ? { url } : {}),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      let released = false;
      return {
        info,
        release() {
          if (released) return;
          released = true;
          try {
            const current = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
            if (current.pid === process.pid) unlinkSync(file);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: LockInfo | undefined;
      try {
        holder = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
      } catch {
        holder = undefined;
      }
      if (holder && holder.host === hostname() && alive(holder.pid) && holder.pid !== process.pid)
        throw new DataDirLockedError(dataDir, holder);
      if (holder && holder.host !== hostname()) throw new DataDirLockedError(dataDir, holder);
      unlinkSync(file); // stale: its process is gone
    }
  }
  throw new Error(`could not lock the data folder ${dataDir}`);
}

/** Updates the lock with the URL the server listens on, so a second process can name it. */
export function announceUrl(dataDir: string, info: LockInfo, url: string): void {
  const file = join(dataDir, 'hexiao.lock');
  const fd = openSync(file, 'w', 0o600);
  writeSync(fd, JSON.stringify({ ...info, url }));
  closeSync(fd);
}
