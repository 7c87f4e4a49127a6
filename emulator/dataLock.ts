/**
 * One emulator per `--data` file: `<file>.lock` beside it names the owner's pid. It is made by hard-linking a
 * fully written temp file (so it is never seen half-written, and of two emulators starting at once exactly one
 * wins); a lock whose pid is no longer alive (kill -9, a crash) is taken over; it is removed on stop and on exit.
 * Liveness is checked by pid on this machine (`kill(pid, 0)`).
 */
import { randomBytes } from "node:crypto";
import { linkSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync, closeSync } from "node:fs";

interface LockContent {
  pid: number;
  token: string;
  since: string;
}

/** Tokens of the locks this process holds: a lock naming our pid but none of these is a previous process's. */
const heldHere = new Set<string>();

export class DataFileInUseError extends Error {}

export function lockFileOf(file: string): string {
  return `${file}.lock`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // alive, another user's
  }
}

function parse(text: string): LockContent | null {
  try {
    const v = JSON.parse(text) as Partial<LockContent>;
    if (typeof v.pid === "number" && Number.isInteger(v.pid) && v.pid > 0 && typeof v.token === "string") {
      return { pid: v.pid, token: v.token, since: typeof v.since === "string" ? v.since : "?" };
    }
  } catch {
    // not ours
  }
  return null;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

/** Creates `lock` with `text` only if it does not exist; false if it does. */
function createExclusive(lock: string, text: string, scratch: string): boolean {
  writeFileSync(scratch, text);
  try {
    linkSync(scratch, lock);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS") throw e;
    // A file system without hard links: O_EXCL create, then write (a reader may briefly see it empty).
    let fd: number;
    try {
      fd = openSync(lock, "wx");
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw e2;
    }
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    return true;
  } finally {
    rmSync(scratch, { force: true });
  }
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

export class DataFileLock {
  private released = false;
  private readonly onExit = () => this.release();

  private constructor(
    readonly path: string,
    private readonly text: string,
    private readonly token: string,
  ) {
    heldHere.add(token);
    process.once("exit", this.onExit);
  }

  /** Takes the lock of `file` or throws DataFileInUseError (a one-line message) if a live emulator holds it. */
  static acquire(file: string): DataFileLock {
    const lock = lockFileOf(file);
    const token = randomBytes(8).toString("hex");
    const text = `${JSON.stringify({ pid: process.pid, token, since: new Date().toISOString() })}\n`;
    const scratch = `${lock}.${process.pid}.${token}`;
    let unreadable = 0;
    for (let attempt = 0; attempt < 20; attempt++) {
      if (createExclusive(lock, text, scratch)) return new DataFileLock(lock, text, token);
      const held = readText(lock);
      if (held === null) continue; // released meanwhile
      const owner = parse(held);
      if (!owner) {
        // Half-written by an emulator on a file system without hard links, or not an emulator's lock at all.
        if (++unreadable < 5) {
          sleepSync(20);
          continue;
        }
        throw new DataFileInUseError(
          `data file ${file} has a lock file ${lock} that is not an emulator's: remove it if no emulator uses this file, or pass another --data path`,
        );
      }
      const previousProcess = owner.pid === process.pid && !heldHere.has(owner.token); // our pid, reused
      if (!previousProcess && isAlive(owner.pid)) {
        const who = owner.pid === process.pid ? `pid ${owner.pid}, this process` : `pid ${owner.pid}`;
        throw new DataFileInUseError(
          `data file ${file} is in use by another emulator (${who}, since ${owner.since}; lock file ${lock}): stop it, or pass another --data path`,
        );
      }
      // Stale: move it aside, and remove it only if it is still the one judged stale (another emulator may
      // have taken it over in between; then its lock is put back).
      const aside = `${scratch}.stale`;
      try {
        renameSync(lock, aside);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") continue;
        throw e;
      }
      if (readText(aside) !== held) {
        try {
          linkSync(aside, lock);
        } catch {
          // someone holds it again; the next attempt reads who
        }
      }
      rmSync(aside, { force: true });
    }
    throw new DataFileInUseError(`data file ${file}: could not take its lock file ${lock} (other emulators keep starting on it)`);
  }

  /** Removes the lock file if it is still ours. */
  release(): void {
    if (this.released) return;
    this.released = true;
    process.removeListener("exit", this.onExit);
    heldHere.delete(this.token);
    try {
      if (readText(this.path) === this.text) rmSync(this.path, { force: true });
    } catch {
      // leave it: the next start sees a dead pid and takes it over
    }
  }
}
