import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  // The emulator package and the contract it imports by name run from source here, one copy of each module
  // (tsconfig.test.json maps the same names for the type check).
  resolve: {
    alias: {
      "pulumi-pilotstatus/contract": source("./provider/client/contract.ts"),
      "pulumi-pilotstatus-emulator": source("./emulator/index.ts"),
    },
  },
  test: {
    include: ["provider/**/*.test.ts", "emulator/**/*.test.ts", "testing/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Host-process tests spawn real child processes; 2 cores on CI.
    maxWorkers: 2,
  },
});
