/**
 * Reads a file the user named (a stack export, an ignore list) only when it is a regular file: a FIFO
 * would block the audit until something writes to it, a device such as /dev/zero or /dev/urandom never
 * ends, a directory has no text. Each of those fails at once with one line. The file is stat'ed before
 * it is opened (opening some devices has effects of its own), opened non-blocking and checked again
 * (it may have been swapped in between), and read up to a size limit, never further.
 */
import { type Stats, constants } from "node:fs";
import { type FileHandle, open, stat } from "node:fs/promises";
import { DriftInputError } from "./errors";
import { type SecretContext, shownPath } from "./shown";

const MiB = 1024 * 1024;

export interface InputFile {
  /** For messages: "stack file", "ignore file". */
  what: string;
  maxBytes: number;
  /** Appended to the message when the path is not a regular file (e.g. how to make one). */
  advice?: string;
  /** Bytes a read, default 1 MiB (readInputChunks yields chunks of this size). */
  chunkBytes?: number;
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return "a directory";
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory, not a regular file";
  if (code === "ENOTDIR") return "a part of the path is not a directory";
  if (code === "ELOOP") return "too many symbolic links";
  return code ?? "unreadable";
}

const mib = (bytes: number) => `${(bytes / MiB).toFixed(bytes < 10 * MiB ? 1 : 0)} MiB`;

/**
 * The file's bytes, a chunk (`file.chunkBytes`) at a time, after the same checks as readInputFile: a large stack export
 * is read without ever being held whole. Stopping early (break, return) closes the file.
 */
export async function* readInputChunks(path: string, file: InputFile, ctx: SecretContext = {}): AsyncGenerator<Buffer, void, undefined> {
  const fail = (why: string) => new DriftInputError(`cannot read ${file.what} ${shownPath(path, ctx)}: ${why}`);
  const notRegular = (st: Stats) => {
    const kind = kindOf(st);
    return fail(`it is ${kind === "not a regular file" ? kind : `${kind}, not a regular file`}${file.advice ? `; ${file.advice}` : ""}`);
  };
  const tooLarge = (bytes: number) => fail(`it is larger than ${mib(file.maxBytes)} (${mib(bytes)}), the most the audit reads`);

  let st: Stats;
  try {
    st = await stat(path);
  } catch (e) {
    throw fail(errnoText(e));
  }
  if (!st.isFile()) throw notRegular(st);
  if (st.size > file.maxBytes) throw tooLarge(st.size);

  let handle: FileHandle;
  try {
    // Non-blocking: should a FIFO have taken the file's place since the stat, open still returns at once.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw fail(errnoText(e));
  }
  try {
    let again: Stats;
    try {
      again = await handle.stat();
    } catch (e) {
      throw fail(errnoText(e));
    }
    if (!again.isFile()) throw notRegular(again);
    let total = 0;
    for (;;) {
      // One byte past the limit tells a file that grew while it was read from one that fits.
      const want = Math.min(file.chunkBytes ?? MiB, file.maxBytes + 1 - total);
      let bytesRead: number;
      let buffer: Buffer;
      try {
        ({ bytesRead, buffer } = await handle.read(Buffer.allocUnsafe(want), 0, want, null));
      } catch (e) {
        throw fail(errnoText(e));
      }
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > file.maxBytes) throw tooLarge(total);
      yield bytesRead === want ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

export async function readInputFile(path: string, file: InputFile, ctx: SecretContext = {}): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of readInputChunks(path, file, ctx)) {
    chunks.push(chunk);
    total += chunk.length;
  }
  return Buffer.concat(chunks, total).toString("utf8");
}

/**
 * Stack exports: the lean reader (stackExportReader.ts) holds one chunk and one resource at a time, but an export it
 * cannot read that way is read whole (V8 strings end a little past 512 MiB, and JSON.parse needs several times the text).
 */
export const STACK_FILE: InputFile = {
  what: "stack file",
  maxBytes: 256 * MiB,
  // Small enough that each chunk's text is an ordinary young object, freed by the next scavenge (a 1 MiB string goes
  // to the large-object space, freed only by a full GC): loading 20,000 numbers peaks at ~110 MiB RSS, not ~150.
  chunkBytes: 64 * 1024,
  advice: "write the export to a file first (pulumi stack export --stack <name> > state.json) or pass --stack <name>",
};

/** Ignore lists: 64 MiB is some three million entries. */
export const IGNORE_FILE: InputFile = { what: "ignore file", maxBytes: 64 * MiB, advice: "pass a regular file, one id or +number a line" };
