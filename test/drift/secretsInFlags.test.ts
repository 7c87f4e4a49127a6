/**
 * A secret pasted into the wrong flag or argument (the API key as a --concurrency value, a Meta token
 * as a file name, an app secret as a stack name) is never echoed: every error says what is wrong
 * without the value, and a harmless value it does echo is made visible and capped.
 */
import { describe, expect, it } from "vitest";
import { expectUserError, useCliRig } from "./cliRig";
import { type CliResult, runCli } from "./runCli";
import { writeStackFile } from "../../testing/stackExport";

const rig = useCliRig("drift-secretsInFlags-");
const { emu, tmp, env, declaredSales } = rig;

describe("a secret pasted into the wrong flag or argument is never echoed", () => {
  const LIVE = "ps_live_9f8e7d6c5b4a3928172635445362718a";
  const META = "EAAGm0PX4ZCpsBAKZCZBaZCZBqZCZBZCZBZC1234567890abcdefZCZB";
  const APP_SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

  // Some sixty runs of the CLI: more than the default 30 s on a loaded machine.
  it("in flag values, unknown flags, arguments, commands, paths and ignore entries: exit 2, one line, no secret", {
    timeout: 120_000,
  }, async () => {
    const { file } = await declaredSales();
    const key = emu.tenantKey;
    const secrets = [LIVE, META, APP_SECRET, key];
    const argvs: string[][] = [];
    for (const s of secrets) {
      argvs.push(
        ["drift", "--stack-file", file, "--concurrency", s],
        ["drift", "--stack-file", file, `--concurrency=${s}`],
        ["drift", "--stack-file", file, "--fail-on", s],
        ["drift", "--stack-file", file, "--fail-on", `changed,${s}`],
        ["drift", "--stack-file", file, `--${s}`],
        ["drift", "--stack-file", file, s],
        ["drift", s],
        [s],
        ["drift", "--stack-file", s],
        ["drift", "--stack-file", file, "--ignore-file", s],
        ["drift", "--stack-file", file, "--ignore", s],
        ["drift", "--stack", s],
        ["drift", "--stack-file", file, "--base-url", s],
        ["drift", "--stack-file", file, "--base-url", `https://api.example/${s}`],
      );
    }
    const ignoreWithKey = await writeStackFile(tmp.path, "ignore-with-key.txt", `wa_ok\n${LIVE}\n`);
    argvs.push(["drift", "--stack-file", file, "--ignore-file", ignoreWithKey]);
    const notJson = await writeStackFile(tmp.path, "dot-env", `PILOT_STATUS_API_KEY=${LIVE}\n`);
    argvs.push(["drift", "--stack-file", notJson]);

    // In parallel batches.
    const results: CliResult[] = [];
    for (let i = 0; i < argvs.length; i += 8) results.push(...(await Promise.all(argvs.slice(i, i + 8).map((a) => runCli(a, env())))));
    for (const [i, argv] of argvs.entries()) {
      const res = results[i]!;
      const said = `${argv.join(" ")} → ${res.stderr}`;
      expect(res.code, said).toBe(2);
      expect(res.stdout, said).toBe("");
      expect(res.stderr.trimEnd().split("\n"), said).toHaveLength(1);
      for (const s of secrets) expect(res.stderr, said).not.toContain(s);
      // Not even a long piece of one.
      for (const s of secrets) expect(res.stderr, said).not.toContain(s.slice(0, 12));
      expect(res.stderr.length, said).toBeLessThan(400);
    }
    console.log(`secrets pasted into flags and arguments: ${argvs.length} command lines, every one refused without echo`);
  });

  it("says what is wrong, and echoes a harmless value capped and made visible", async () => {
    const { file } = await declaredSales();
    const run = (...args: string[]) => runCli(["drift", "--stack-file", file, ...args], env());
    expectUserError(
      await run("--concurrency", LIVE),
      /^pilotstatus drift: --concurrency takes a whole number from 1 to 64, and the value given is not a number \(not shown\)$/,
    );
    expectUserError(await run("--concurrency", "65"), /^pilotstatus drift: --concurrency takes a whole number from 1 to 64, not 65$/);
    expectUserError(
      await run("--fail-on", `changed,${LIVE}`),
      /^pilotstatus drift: --fail-on takes changed,missing,unmanaged,unhealthy \(comma-separated\) or none; 1 of the 2 items is not a bucket \(not shown: it does not look like a bucket name\)$/,
    );
    expectUserError(await run("--fail-on", "changed,drifty"), /^pilotstatus drift: --fail-on takes .* or none; "drifty" is not a bucket$/);
    expectUserError(
      await run(`--${LIVE}`),
      /^pilotstatus drift: unknown option \(not shown: it does not look like an option name\) \(see pilotstatus drift --help\)$/,
    );
    expectUserError(
      await run(LIVE),
      /^pilotstatus drift: unexpected argument \(not shown: it does not look like a word or a path\): drift takes only options/,
    );
    expectUserError(
      await run("prod.json"),
      /^pilotstatus drift: unexpected argument 'prod\.json': drift takes only options, e\.g\. --stack-file <path>/,
    );
    expectUserError(
      await run("--stack", LIVE),
      /^pilotstatus drift: --stack takes a stack name; the value given looks like a secret \(not shown\)\. The API key goes in \$PILOT_STATUS_API_KEY$/,
    );
    // A stack name that pulumi would take for a flag is refused; a long one is cut.
    expectUserError(await run("--stack=--show-secrets"), /^pilotstatus drift: --stack takes a stack name .*, not "--show-secrets"$/);
    const long = `bad name ${"x".repeat(200)}`;
    const cut = await run("--stack", long);
    expectUserError(cut, /, not "bad name x{30}…"$/);
    expectUserError(await run("--stack", "dev\u001b[2J"), /, not "dev\\u001b\[2J"$/);
    expectUserError(
      await run("--base-url", "https://user:hunter2@api.example"),
      /^pilotstatus drift: --base-url takes the API's http\(s\) URL, such as https:\/\/pilotstatus\.com\.br, without user or password in it \(not shown\)/,
    );
    expectUserError(
      await run("--ignore", LIVE),
      /^pilotstatus drift: --ignore: an entry looks like a secret \(not shown\), not a number id or a phone number$/,
    );
    const res = await runCli([LIVE], env());
    expect(res.code).toBe(2);
    expect(res.stderr).toBe("pilotstatus: unknown command (not shown: it is not a plain word); the commands are: drift\n");
  });
});
