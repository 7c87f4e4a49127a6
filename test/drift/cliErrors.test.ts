/**
 * The CLI's contract for things that go wrong: every user error is one line on stderr, no stack
 * trace, exit 2 — and nothing on stdout, so a CI step that captures --json never gets half a report.
 */
import { chmod, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { expectUserError } from "./cliRig";
import { DriftReport } from "../../provider/drift";
import { assertBuilt, runCli } from "./runCli";
import { type StateNumber, stackExport, writeStackFile } from "../../testing/stackExport";
import { emulatorEnv, useEmulator } from "../support/emulator";
import { useTempDir } from "../support/tempDir";

const emu = useEmulator();
const tmp = useTempDir("drift-cli-");
let number: StateNumber;
let goodFile: string;

beforeAll(() => {
  assertBuilt();
});
beforeEach(async () => {
  const n = await emu.control.createNumber({ name: "Sales", number: "5511990000001", state: "OPEN" });
  number = { kind: "WhatsAppNumber", name: "sales", id: n.id, displayName: "Sales", number: "+5511990000001" };
  goodFile = await writeStackFile(tmp.path, "good.json", stackExport("dev", "numbers", [number]));
});

const env = (over: NodeJS.ProcessEnv = {}) => ({ ...emulatorEnv(emu), ...over });

describe("pilotstatus drift: user errors exit 2 with one line", () => {
  it("a missing stack file", async () => {
    const missing = join(tmp.path, "nope.json");
    expectUserError(
      await runCli(["drift", "--stack-file", missing], env()),
      new RegExp(`^pilotstatus drift: cannot read stack file ${missing}: no such file$`),
    );
  });

  it("malformed JSON, and JSON that is not a stack export", async () => {
    const bad = await writeStackFile(tmp.path, "bad.json", '{"version": 3, "deployment": {');
    expectUserError(
      await runCli(["drift", "--stack-file", bad], env()),
      /^pilotstatus drift: .*bad\.json is not valid JSON \(.+\); expected the output of `pulumi stack export`$/,
    );
    const shape = await writeStackFile(tmp.path, "shape.json", { resources: [] });
    expectUserError(await runCli(["drift", "--stack-file", shape], env()), /shape\.json is not a `pulumi stack export` file/);
  });

  it("a stack of another provider only, and exit 2 even when another file is fine but empty of ours", async () => {
    const aws = await writeStackFile(
      tmp.path,
      "aws.json",
      stackExport(
        "prod",
        "infra",
        [],
        [
          { type: "aws:s3/bucket:Bucket", name: "logs" },
          { type: "aws:iam/role:Role", name: "ci" },
        ],
      ),
    );
    const res = await runCli(["drift", "--stack-file", aws], env());
    expectUserError(
      res,
      /^pilotstatus drift: nothing of pulumi-pilotstatus is declared in .*aws\.json: it holds 2 resources of other providers \(aws\), no WhatsAppNumber or MetaNumber/,
    );
    const counts = (await emu.control.requests()).counts;
    expect(counts).toEqual({}); // refused before any API call

    // One file of ours beside it: the other is simply coverage 0 for that file.
    const both = await runCli(["drift", "--stack-file", goodFile, "--stack-file", aws, "--json"], env());
    expect(both.code).toBe(0);
    const report = DriftReport.parse(JSON.parse(both.stdout));
    expect(report.warnings.map((w) => w.code)).toEqual(["SOURCE_WITHOUT_NUMBERS"]);

    // --allow-empty: everything in the account is unmanaged.
    const allowed = await runCli(["drift", "--stack-file", aws, "--allow-empty", "--json"], env());
    expect(allowed.code).toBe(1);
    expect(DriftReport.parse(JSON.parse(allowed.stdout)).unmanaged.map((u) => u.id)).toEqual([number.id]);
  });

  it("a wrong API key: names the variable the audit read it from", async () => {
    expectUserError(
      await runCli(["drift", "--stack-file", goodFile], env({ PILOT_STATUS_API_KEY: "ps_wrong_key_000000" })),
      /^pilotstatus drift: Pilot Status rejected the key in PILOT_STATUS_API_KEY \(401 on GET \/v1\/numbers\): set it to a valid tenant-scoped key$/,
    );
  });

  it("no API key at all", async () => {
    expectUserError(
      await runCli(["drift", "--stack-file", goodFile], { PILOT_STATUS_BASE_URL: emu.url }),
      /^pilotstatus drift: no API key: export PILOT_STATUS_API_KEY=ps_\.\.\. \(a tenant-scoped key, so that every number of the account is seen\)$/,
    );
  });

  it("unknown flags, bad flag values, no stack, conflicting formats, unknown command", async () => {
    expectUserError(
      await runCli(["drift", "--stack-file", goodFile, "--frobnicate"], env()),
      /^pilotstatus drift: unknown option '--frobnicate' \(see pilotstatus drift --help\)$/,
    );
    expectUserError(
      await runCli(["drift", "--stack-file", goodFile, "--concurrency", "0"], env()),
      /--concurrency takes a whole number from 1 to 64/,
    );
    expectUserError(
      await runCli(["drift", "--stack-file", goodFile, "--fail-on", "changed,drifty"], env()),
      /--fail-on takes changed,missing,unmanaged,unhealthy/,
    );
    expectUserError(await runCli(["drift"], env()), /no stack given/);
    expectUserError(
      await runCli(["drift", "--stack-file", goodFile, "--json", "--markdown"], env()),
      /choose one of --json and --markdown/,
    );
    expectUserError(await runCli(["drift", "--stack-file", goodFile, "--ignore", "+12"], env()), /--ignore: "\+12" is not a phone number/);
    const missingIgnore = join(tmp.path, "no-ignore.txt");
    expectUserError(
      await runCli(["drift", "--stack-file", goodFile, "--ignore-file", missingIgnore], env()),
      /cannot read ignore file .*no-ignore\.txt: no such file/,
    );
    const res = await runCli(["dirft"], env());
    expect(res.code).toBe(2);
    expect(res.stderr).toBe('pilotstatus: unknown command "dirft"; the commands are: drift\n');
  });

  it("--stack without the Pulumi CLI on PATH", async () => {
    const empty = join(tmp.path, "empty-bin");
    await mkdir(empty, { recursive: true });
    expectUserError(
      await runCli(["drift", "--stack", "dev"], env({ PATH: empty })),
      /^pilotstatus drift: the Pulumi CLI \(pulumi\) is not on PATH: install it, or run `pulumi stack export --stack dev > state\.json` elsewhere and pass --stack-file state\.json$/,
    );
  });
});

describe("pilotstatus drift: --stack and --help", () => {
  it("--stack runs `pulumi stack export --stack NAME` and audits its output; a failing export is one line", async () => {
    const bin = join(tmp.path, "fake-bin");
    await mkdir(bin, { recursive: true });
    const states = join(tmp.path, "fake-states");
    await mkdir(states, { recursive: true });
    await writeStackFile(states, "dev.json", stackExport("dev", "numbers", [number]));
    const script = await writeStackFile(
      bin,
      "pulumi",
      [
        "#!/bin/sh",
        '[ "$1 $2 $3" = "stack export --stack" ] || { echo "error: unexpected arguments: $*" >&2; exit 255; }',
        '[ -f "$FAKE_STATES/$4.json" ] || { echo "error: no stack named \'$4\' found" >&2; exit 255; }',
        'cat "$FAKE_STATES/$4.json"',
        "",
      ].join("\n"),
    );
    await chmod(script, 0o755);
    const path = `${bin}:/usr/bin:/bin`;

    const ok = await runCli(["drift", "--stack", "dev", "--json"], env({ PATH: path, FAKE_STATES: states }));
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    const report = DriftReport.parse(JSON.parse(ok.stdout));
    expect(report.sources).toEqual([{ kind: "stack", name: "dev", numbers: 1, stacks: ["numbers/dev"] }]);
    expect(report.inSync.map((e) => e.id)).toEqual([number.id]);

    expectUserError(
      await runCli(["drift", "--stack", "prod"], env({ PATH: path, FAKE_STATES: states })),
      /^pilotstatus drift: `pulumi stack export --stack prod` failed: error: no stack named 'prod' found$/,
    );
  });

  it("--help documents the exit codes and exits 0", async () => {
    const res = await runCli(["drift", "--help"], {});
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Exit codes:\n {2}0 {2}no drift/m);
    expect(res.stdout).toMatch(/^ {2}1 {2}drift found$/m);
    expect(res.stdout).toMatch(/^ {2}2 {2}the audit could not run/m);
  });
});
