import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../errors/app-error';

/**
 * An exclusive lock on an embedded data directory. PGlite is single-user Postgres with no
 * postmaster to arbitrate, so two processes on one directory would corrupt it silently; the lock
 * file turns that into a clear refusal.
 *
 * The file holds the owner's pid. It is written in full under a temporary name and then hard-linked
 * into place, so nobody ever reads a half-written lock. A lock whose pid is dead (the owner was
 * killed) is stale and is taken over.
 */
export interface DirectoryLock {
  readonly path: string;
  release(): void;
}

const LOCK_FILE = 'insight-store.lock';

/** Locks held by this process, so a second open here is refused even though our own pid is alive. */
const heldHere = new Set<string>();

function lockedError(dataDir: string, pid: number | undefined): AppError {
  const who = pid === undefined ? 'another process' : pid === process.pid ? 'this process' : `process ${pid}`;
  return new AppError(
    'STORE_LOCKED',
    `Insight store data directory ${dataDir} is already in use by ${who} (lock file ${path.join(dataDir, LOCK_FILE)}). ` +
      'Stop the other process, or point DATA_DIR at another directory.',
    { details: { dataDir, pid } },
  );
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A killed process lingers as a zombie until its parent reaps it, and signal 0 still reaches a
 * zombie; where /proc exists (Linux) its state tells the two apart.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.charAt(stat.lastIndexOf(')') + 2);
    return state === 'Z' || state === 'X';
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; it still holds the directory.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/**
 * A lock naming our own pid that this process does not hold was left by an earlier incarnation
 * that happened to get the same pid (usual in containers, where the server is often pid 1).
 */
function isStale(lockPath: string, pid: number | undefined): boolean {
  if (pid === undefined) return false;
  if (pid === process.pid) return !heldHere.has(lockPath);
  return !isAlive(pid);
}

function tryCreate(lockPath: string): boolean {
  const temp = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(temp, `${process.pid}\n`, { mode: 0o644 });
  try {
    fs.linkSync(temp, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/**
 * Moves a stale lock aside. Renaming is atomic, so when two processes race to take over, only one
 * gets the stale file; if what we moved turns out to be a fresh lock (someone replaced the stale
 * one between our read and our rename) it is put back.
 */
function removeStale(lockPath: string, stalePid: number): void {
  const aside = `${lockPath}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if (readPid(aside) !== stalePid) fs.linkSync(aside, lockPath);
  } catch {
    // Someone created a new lock meanwhile; theirs stands, the retry loop will see it.
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

export function acquireDirectoryLock(dataDir: string): DirectoryLock {
  const lockPath = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(lockPath)) {
      heldHere.add(lockPath);
      return {
        path: lockPath,
        release: () => {
          if (!heldHere.delete(lockPath)) return;
          if (readPid(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
        },
      };
    }
    const holder = readPid(lockPath);
    if (!isStale(lockPath, holder)) {
      // The lock vanished since our attempt (released, or moved aside by a takeover): try again.
      if (holder === undefined && !fs.existsSync(lockPath)) continue;
      throw lockedError(dataDir, holder);
    }
    removeStale(lockPath, holder as number);
  }
  throw lockedError(dataDir, readPid(lockPath));
}
