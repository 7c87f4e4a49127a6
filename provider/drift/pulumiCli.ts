/** `--stack NAME`: runs `pulumi stack export --stack NAME` and reads its output as a stack file. */
import { execFile } from "node:child_process";
import { DriftInputError } from "./errors";
import { type StackSourceState, parseStackExport } from "./stackState";

export interface PulumiCliOptions {
  /** Executable to run; default "pulumi" from PATH. */
  command?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

function lastLine(text: string): string {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  return lines.at(-1) ?? "";
}

export function exportStack(stack: string, options: PulumiCliOptions = {}): Promise<StackSourceState> {
  const command = options.command ?? "pulumi";
  return new Promise((resolve, reject) => {
    execFile(
      command,
      ["stack", "export", "--stack", stack, "--non-interactive"],
      { env: options.env ?? process.env, cwd: options.cwd, maxBuffer: 1024 * 1024 * 1024, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === "ENOENT") {
            reject(
              new DriftInputError(
                `the Pulumi CLI (${command}) is not on PATH: install it, or run \`pulumi stack export --stack ${stack} > state.json\` elsewhere and pass --stack-file state.json`,
              ),
            );
            return;
          }
          const said = lastLine(stderr) || error.message.split("\n")[0];
          reject(new DriftInputError(`\`pulumi stack export --stack ${stack}\` failed: ${said}`));
          return;
        }
        try {
          resolve(parseStackExport(stdout, "stack", stack));
        } catch (e) {
          reject(e);
        }
      },
    );
  });
}
