/**
 * `npm run demo`: the whole story in one run against a local emulator. Deploy numbers as code, pair one, read
 * health and calls, rename one out of band, see the drift in a refresh and catch it with the drift audit.
 * Uses the Pulumi CLI when it is on PATH (local file backend in a temp folder), else the same program under the
 * program driver. Never prints a secret; cleans up on success, failure and Ctrl-C.
 *
 * PILOTSTATUS_DEMO_PULUMI names the Pulumi command (default "pulumi"); a command that does not exist forces the driver.
 */
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, rmdir } from "node:fs/promises";
import * as path from "node:path";
import { z } from "zod";
import { startEmulator } from "../emulator";
import { getNumberHealth, getRecentCalls } from "../provider";
import { CONFIG_KEYS, ENV_VARS } from "../provider/config";
import { secret } from "../testing/propertyValues";
import { Cleanup } from "./cleanup";
import type { DemoStack } from "./demoStack";
import { DriverStack } from "./driverStack";
import { runDriftAudit } from "./driftAudit";
import { Narrator } from "./narrator";
import { DEMO_NUMBERS, DEMO_PROJECT, program } from "./program";
import { PulumiStack, detectPulumi } from "./pulumiStack";

const repoRoot = path.resolve(__dirname, "../..");
const STACK = "demo";
const RENAMED = "Support (renamed in the dashboard)";

const NumberIds = z.object({ support: z.string(), marketing: z.string(), official: z.string() });

async function main(narrator: Narrator, cleanup: Cleanup): Promise<void> {
  narrator.say("pulumi-pilotstatus demo: WhatsApp numbers as code, against a local emulator of the Pilot Status API.");
  narrator.say("Secrets (API keys, tokens, pairing codes) are shown as [secret].");

  narrator.heading("Start the emulator with a sample tenant");
  const emu = await startEmulator({ port: 0, sample: true });
  cleanup.add("stop the emulator", () => emu.stop());
  narrator.addSecret(emu.tenantKey);
  narrator.addSecret(emu.otherTenantKey);
  const sample = (await emu.control.state()).tenants.default?.numbers ?? [];
  narrator.say(`Emulator at ${emu.url}. The tenant already has ${sample.length} numbers:`);
  narrator.block(
    sample.map((n) => `${n.name.padEnd(16)} ${n.number.padEnd(15)} ${n.provider.padEnd(13)} ${n.state.padEnd(11)} ${n.calls.length} calls`).join("\n"),
  );
  // Data sources in this process and the audit read the same settings a user's shell would have.
  process.env[ENV_VARS.apiKey] = emu.tenantKey;
  process.env[ENV_VARS.baseUrl] = emu.url;

  const pulumiDir = path.join(repoRoot, ".pulumi");
  const hadPulumiDir = existsSync(pulumiDir);
  await mkdir(pulumiDir, { recursive: true });
  const workDir = await mkdtemp(path.join(pulumiDir, "demo-"));
  cleanup.add("remove the temp folder", async () => {
    await rm(workDir, { recursive: true, force: true });
    if (!hadPulumiDir) await rmdir(pulumiDir).catch(() => undefined);
  });

  narrator.heading(`Deploy the stack (${DEMO_PROJECT}: adopt Support and Official (Meta), create Marketing)`);
  const metaAccessToken = `EAAG-demo-${Math.random().toString(36).slice(2)}`;
  narrator.addSecret(metaAccessToken);
  const command = process.env.PILOTSTATUS_DEMO_PULUMI ?? "pulumi";
  const version = await detectPulumi(command);
  const children = new Set<ChildProcess>();
  cleanup.add("stop Pulumi", () => children.forEach((c) => c.kill("SIGTERM")));
  let stack: DemoStack;
  if (version !== null) {
    stack = await PulumiStack.create(
      {
        command,
        cwd: repoRoot,
        workDir,
        // Unique: its Pulumi.<stack>.yaml is created beside Pulumi.yaml and removed on cleanup.
        stack: `${STACK}-${path.basename(workDir).slice("demo-".length).toLowerCase()}`,
        narrator,
        children,
        cleanup,
        config: {
          plain: { [CONFIG_KEYS.baseUrl]: emu.url },
          secret: { [CONFIG_KEYS.apiKey]: emu.tenantKey, [`${DEMO_PROJECT}:metaAccessToken`]: metaAccessToken },
        },
      },
      version,
    );
  } else {
    narrator.say(`No Pulumi CLI (\`${command} version\` failed, and the npm launcher could not fetch one): running the same program under Pulumi's mocks runtime with the real dynamic-provider host.`);
    stack = await DriverStack.start({
      cwd: repoRoot,
      project: DEMO_PROJECT,
      stack: STACK,
      narrator,
      program,
      config: {
        [CONFIG_KEYS.apiKey]: secret(emu.tenantKey),
        [CONFIG_KEYS.baseUrl]: emu.url,
        [`${DEMO_PROJECT}:metaAccessToken`]: secret(metaAccessToken),
      },
    });
  }
  cleanup.add("stop the stack", () => stack.stop());
  if (version !== null) narrator.say(`Running with: ${stack.how}`);
  const up = await stack.up();
  narrator.say("Stack outputs:");
  narrator.outputs(up.outputs, up.secretOutputs);
  const ids = NumberIds.parse(up.outputs.numberIds);

  narrator.heading("The phone's owner pairs Marketing");
  narrator.say("Marketing was created CONNECTING; its owner types the pairing code on the phone (the emulator plays the phone).");
  await emu.control.pair(ids.marketing);
  const marketing = await getNumberHealth({ numberId: ids.marketing });
  narrator.say(`getNumberHealth: ${marketing.name} is ${marketing.state}${marketing.isFullyConnected ? ", fully connected" : ""}.`);

  narrator.heading("Health and calls (data sources)");
  const official = await getNumberHealth({ numberId: ids.official, refresh: true });
  const h = official.health;
  narrator.say(
    `getNumberHealth(${official.name}): quality ${h?.qualityRating ?? "n/a"}, tier ${h?.messagingLimitTier ?? "n/a"}, ` +
      `Meta status ${h?.metaStatus ?? "n/a"}, ${h?.sendable ? "can send" : "cannot send"}.`,
  );
  const calls = await getRecentCalls({ numberId: ids.support, limit: 100 });
  const a = calls.aggregates;
  const counts = (m: Record<string, number>) => Object.entries(m).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => `${k} ${v}`).join(", ");
  narrator.say(`getRecentCalls(${DEMO_NUMBERS.support.name}): ${calls.count} calls`);
  narrator.block(
    [
      `by status:    ${counts(a.byStatus)}`,
      `by direction: ${counts(a.byDirection)}`,
      `talk time:    ${a.totalDurationSeconds} s in total, ${a.averageDurationSeconds.toFixed(1)} s on average`,
    ].join("\n"),
  );

  narrator.heading("Someone renames Support in the dashboard");
  await emu.control.rename(ids.support, { name: RENAMED });
  narrator.say(`Out of band, outside Pulumi: "${DEMO_NUMBERS.support.name}" is now "${RENAMED}".`);

  narrator.heading("Refresh: what changed outside Pulumi");
  await stack.previewRefresh();

  narrator.heading("Drift audit (pilotstatus drift)");
  const exportFile = path.join(workDir, "stack-export.json");
  await stack.exportState(exportFile);
  const unmanaged = sample.filter((n) => !Object.values(ids).includes(n.id));
  const ignore = unmanaged.flatMap((n) => ["--ignore", n.id]);
  narrator.say(
    `pilotstatus drift --stack-file stack-export.json ${ignore.join(" ")}` +
      (unmanaged.length > 0 ? `   (${unmanaged.map((n) => n.name).join(", ")}: left out of Pulumi on purpose)` : ""),
  );
  const audit = await runDriftAudit(["drift", "--stack-file", exportFile, ...ignore], { apiKey: emu.tenantKey, baseUrl: emu.url });
  narrator.block(audit.stdout);
  if (audit.code !== 1) {
    throw new Error(`the drift audit should have found the rename (exit 1), but exited ${audit.code}: ${audit.stderr.trim()}`);
  }
  narrator.say("Exit code 1: drift found. In CI this fails the job (see examples/pipeline).");

  if (stack.acceptRefresh) {
    narrator.heading("Accept the dashboard's name into the state (pulumi refresh --yes)");
    await stack.acceptRefresh();
  }

  narrator.heading("Done");
  narrator.say("To settle drift: `pulumi refresh` takes the dashboard's values into the state, then change the program to match;");
  narrator.say("or `pulumi up` puts the program's values back (a rename replaces the number: the API cannot rename).");
}

const cleanup = new Cleanup();

async function run(): Promise<number> {
  const narrator = new Narrator();
  cleanup.onSignals();
  try {
    await main(narrator, cleanup);
    return 0;
  } catch (e) {
    // After Ctrl-C the run fails because its processes were stopped: that is no news.
    if (cleanup.signalExitCode === undefined) {
      process.stderr.write(`\ndemo failed: ${narrator.redact(e instanceof Error ? e.message : String(e))}\n`);
    }
    return 1;
  } finally {
    await cleanup.run();
  }
}

// exit(): the mocks runtime and gRPC channels may keep handles open once everything is stopped.
void run().then((code) => process.exit(cleanup.signalExitCode ?? code));
