/**
 * `--data file`: the whole store as JSON, loaded at start and rewritten atomically (temp file in
 * the same directory + rename) before the answer to each request that changed it; `<file>.lock` keeps a
 * second emulator off it (dataLock.ts). The file's format is records.ts' StoreSnapshotFile.
 */
import {
  chmodSync,
  closeSync,
  existsSync,
  fchmodSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, basename, join } from "node:path";
import { issuePath } from "pulumi-pilotstatus/contract";
import { DataFileLock } from "./dataLock";
import { StoreSnapshotFile, type StoreSnapshot } from "./records";
import type { Store } from "./state";

export function loadSnapshot(file: string): StoreSnapshot | null {
  if (!existsSync(file)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`data file ${file} is not JSON (${(e as Error).message}): move it away or pass another --data path`);
  }
  const snap = StoreSnapshotFile.safeParse(parsed);
  if (!snap.success) {
    const first = snap.error.issues[0];
    const where = (first && issuePath(first)) || "(root)";
    throw new Error(`data file ${file} is not an emulator state file (at ${where}): move it away or pass another --data path`);
  }
  return snap.data;
}

/** The data file holds number keys and Meta tokens: owner only. */
export const DATA_FILE_MODE = 0o600;

export function tempFileOf(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
}

/**
 * Temp file beside it, then rename: a reader (or a restart after a kill) sees the old file or the new one.
 * The temp file is created afresh (never a leftover or a planted symlink) with mode 0600, so the data file
 * is 0600 after every write whatever the umask.
 */
export function writeSnapshotAtomically(file: string, snap: StoreSnapshot): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = tempFileOf(file);
  rmSync(tmp, { force: true });
  const fd = openSync(tmp, "wx", DATA_FILE_MODE);
  try {
    fchmodSync(fd, DATA_FILE_MODE);
    writeFileSync(fd, JSON.stringify(snap, null, 2));
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** Temp files of writes that were killed half-way (any pid: we hold the lock, so none is in flight). */
function removeLeftoverTempFiles(file: string): void {
  const prefix = `.${basename(file)}.`;
  for (const name of readdirSync(dirname(file))) {
    if (name.startsWith(prefix) && /^\d+\.tmp$/.test(name.slice(prefix.length))) rmSync(join(dirname(file), name), { force: true });
  }
}

/** An existing data file (an older emulator wrote it 0644) is narrowed before it is read. */
export function restrictMode(file: string): void {
  if (process.platform === "win32" || !existsSync(file)) return;
  if ((statSync(file).mode & 0o777) !== DATA_FILE_MODE) chmodSync(file, DATA_FILE_MODE);
}

/**
 * Saves before answering: every change marks the store dirty, and the server calls flushIfDirty() before it
 * sends the answer to the request that made it (so a 2xx means "on disk", kill -9 included). A change made
 * outside a request is saved on the next turn of the event loop.
 */
export class Persistence {
  private dirty = false;
  private pending: NodeJS.Immediate | null = null;
  private lock: DataFileLock | null = null;

  constructor(
    private readonly file: string,
    private readonly store: Store,
  ) {}

  /**
   * Takes the file's lock (throws if a live emulator holds it), removes temp files a killed write left, loads
   * the file into the store (if present) and starts tracking changes.
   */
  attach(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    this.lock = DataFileLock.acquire(this.file);
    try {
      removeLeftoverTempFiles(this.file);
      restrictMode(this.file);
      const snap = loadSnapshot(this.file);
      if (snap) this.store.load(snap);
    } catch (e) {
      this.release();
      throw e;
    }
    this.store.onChange(() => this.markDirty());
  }

  /** Gives the file up without writing (a start that failed). */
  release(): void {
    if (this.pending) clearImmediate(this.pending);
    this.pending = null;
    this.lock?.release();
    this.lock = null;
  }

  private markDirty(): void {
    this.dirty = true;
    this.pending ??= setImmediate(() => {
      this.pending = null;
      try {
        this.flushIfDirty();
      } catch {
        // Still dirty: the next request's flush retries it and answers with the error.
      }
    });
  }

  /** Writes the store if anything changed since the last write; throws if it cannot (the change stays pending). */
  flushIfDirty(): void {
    if (this.dirty) this.flush();
  }

  flush(): void {
    writeSnapshotAtomically(this.file, this.store.snapshot());
    this.dirty = false;
  }

  /** Writes pending changes and releases the lock; nothing is scheduled afterwards. */
  close(): void {
    try {
      if (this.pending) clearImmediate(this.pending);
      this.pending = null;
      this.flushIfDirty();
    } finally {
      this.release();
    }
  }
}
