/** A temporary directory for one test file: made before its tests, removed with its contents after them. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";

export interface TempDir {
  /** Absolute path; only valid while the file's tests run. */
  readonly path: string;
}

export function useTempDir(prefix: string): TempDir {
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return {
    get path(): string {
      if (dir === undefined) throw new Error(`useTempDir("${prefix}"): no directory outside the file's tests`);
      return dir;
    },
  };
}
