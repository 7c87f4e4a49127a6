import { mkdtemp, rm } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { z } from "zod";
import { startEmulator } from "pulumi-pilotstatus-emulator";
import { getNumberHealth, getRecentCalls } from "../provider";
import { CONFIG_KEYS, ENV_VARS } from "../provider/config";
import { type LocatedCli, cacheDir, ensurePulumiCli, noCliReason } from "../testing/engine/cli";
import { secret } from "../testing/propertyValues";
import { Cleanup } from "./cleanup";
import { CliStack } from "./cliStack";
import type { DemoStack } from "./demoStack";
import { DriverStack } from "./driverStack";
import { runDriftAudit } from "./driftAudit";
import { Narrator, wrap } from "./narrator";
import { DEMO_NUMBERS, DEMO_PROJECT, SUPPORT_NAME_KEY, program } from "./program";

const repoRoot = path.resolve(__dirname, "../..");
const STACK = "demo";
const RENAMED = "Support (renamed in the dashboard)";

const NumberIds = z.object({ support: z.string(), marketing: z.string(), official: z.string() });

type Engine = { readonly cli: LocatedCli } | { readonly cli: null; readonly why: string };

/** The real CLI (building it when Go can), else why not; PILOT_STATUS_DEMO_ENGINE overrides (see above). */
async function chooseEngine(narrator: Narrator): Promise<Engine> {
  const want = process.env.PILOT_STATUS_DEMO_ENGINE ?? "";
  if (want === "driver") {
    return {
      cli: null,
      why: "PILOT_STATUS_DEMO_ENGINE=driver: the program runs under Pulumi's mocks runtime with the real dynamic-provider host instead of the Pulumi CLI.",
    };
  }
  if (want !== "" && want !== "cli") throw new Error(`PILOT_STATUS_DEMO_ENGINE must be "cli", "driver" or unset, not "${want}"`);
  const cli = await ensurePulumiCli((line) => process.stderr.write(`pulumi build: ${line}\n`), {
    onBuild: (version) =>
      narrator.say(
        `No Pulumi CLI found: building v${version} with Go into ${cacheDir()} (the first build takes several minutes; later runs reuse it).`,
      ),
  });
  if (cli) return { cli };
  if (want === "cli") throw new Error(`PILOT_STATUS_DEMO_ENGINE=cli, but ${noCliReason("npm run demo")}`);
  const reason = noCliReason("npm run demo");
  return {
    cli: null,
    why: `${reason[0]?.toUpperCase()}${reason.slice(1)}. Meanwhile the same program runs under Pulumi's mocks runtime with the real dynamic-provider host.`,
  };
}

async function main(narrator: Narrator, cleanup: Cleanup): Promise<void> {
  narrator.say("pulumi-pilotstatus demo: WhatsApp numbers as code, against a local emulator of the Pilot Status API.");
  narrator.say("Secrets (API keys, tokens, pairing codes) are shown as [secret].");
  const engine = await chooseEngine(narrator);

  narrator.heading("Start the emulator with a sample tenant");
  const emu = await startEmulator({ port: 0, sample: true });
  cleanup.add("stop the emulator", () => emu.stop());
  narrator.addSecret(emu.tenantKey);
  narrator.addSecret(emu.otherTenantKey);
  const sample = (await emu.control.state()).tenants.default?.numbers ?? [];
  narrator.say(`Emulator at ${emu.url}. The tenant already has ${sample.length} numbers:`);
  narrator.block(
    sample
      .map((n) => `${n.name.padEnd(16)} ${n.number.padEnd(15)} ${n.provider.padEnd(13)} ${n.state.padEnd(11)} ${n.calls.length} calls`)
      .join("\n"),
  );
  // Data sources in this process and the audit read the same settings a user's shell would have.
  process.env[ENV_VARS.apiKey] = emu.tenantKey;
  process.env[ENV_VARS.baseUrl] = emu.url;

  const workDir = await mkdtemp(path.join(os.tmpdir(), "pilotstatus-demo-"));
  // Retries: a command that was still starting when Ctrl-C came may write into it for a moment.
  cleanup.add("remove the temp folder", () => rm(workDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }));

  narrator.heading(`Deploy the stack (${DEMO_PROJECT}: adopt Support and Official (Meta), create Marketing)`);
  const metaAccessToken = `EAAG-demo-${Math.random().toString(36).slice(2)}`;
  narrator.addSecret(metaAccessToken);
  let stack: DemoStack;
  if (engine.cli !== null) {
    const cliStack = new CliStack({
      cli: engine.cli,
      cwd: repoRoot,
      workDir,
      stack: STACK,
      narrator,
      config: {
        plain: { [CONFIG_KEYS.baseUrl]: emu.url },
        secret: { [CONFIG_KEYS.apiKey]: emu.tenantKey, [`${DEMO_PROJECT}:metaAccessToken`]: metaAccessToken },
      },
    });
    // Before init: a Ctrl-C while Pulumi runs stops it, and waits for it, before the temp folder goes.
    cleanup.add("stop Pulumi", () => cliStack.stop());
    narrator.say(`Running ${cliStack.how}.`);
    await cliStack.init();
    stack = cliStack;
  } else {
    narrator.say(engine.why);
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
    cleanup.add("stop the program driver", () => stack.stop());
  }
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
  const counts = (m: Record<string, number>) =>
    Object.entries(m)
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
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
  narrator.say(
    "A refresh reads every number back from the account and shows what differs from the state; as a preview it runs no program and writes nothing.",
  );
  await stack.previewRefresh();

  narrator.heading("Preview: the provider refuses to undo the rename");
  narrator.say(`The program still says "${DEMO_NUMBERS.support.name}". What would \`pulumi up\` do once refreshed?`);
  const plan = await stack.previewProgram();
  if (plan.refusals.length === 0) {
    const what = plan.changes.length > 0 ? `it would change ${plan.changes.join(", ")}` : "it would change nothing";
    throw new Error(`the provider should have refused to replace the renamed number, but ${what}`);
  }
  const fails = `The preview fails${plan.exitCode !== undefined ? ` (exit code ${plan.exitCode})` : ""}`;
  for (const r of plan.refusals) {
    narrator.say(`${fails}: the provider's Check refuses the plan for ${r.resource} ("${r.property}"):`);
    narrator.block(wrap(r.reason));
  }
  const refused = [...new Set(plan.refusals.map((r) => r.resource))].join(", ");
  const keys = [...new Set(plan.refusals.map((r) => `"${r.property}"`))].join(", ");
  narrator.say("This is the point: the API cannot rename a number, so undoing a dashboard rename would delete a paired number");
  narrator.say("and create it again. The provider will not do that by surprise. The ways out:");
  narrator.block(
    [
      `1. take the dashboard's value: declare it in the program (name: ${JSON.stringify(RENAMED)}); nothing changes;`,
      `2. leave it to the dashboard: add ${keys} to ${refused}'s ignoreChanges;`,
      `3. or replace the number on purpose: set allowReplacement: true on ${refused} (deleted, created again, then paired again).`,
    ].join("\n"),
  );

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
    const { state, outputs } = await stack.acceptRefresh();
    const states = z.record(z.string(), z.unknown()).safeParse(outputs.states);
    const marketingOutput = states.success ? states.data.marketing : undefined;
    narrator.say(
      `The state now has what the account has: support is named ${JSON.stringify(state.support?.name)}, marketing is ${String(state.marketing?.state)}.`,
    );
    narrator.say(
      marketingOutput === state.marketing?.state
        ? `The stack outputs agree: states.marketing is ${JSON.stringify(marketingOutput)}.`
        : `The stack outputs still say states.marketing is ${JSON.stringify(marketingOutput)}: a refresh updates the resources' state, ` +
            "not the outputs, which are those of the last program run until the next `pulumi up`.",
    );
  }

  narrator.heading("Declare the dashboard's name in the program");
  narrator.say(
    `Way out 1, the dashboard's name: in your program, name: ${JSON.stringify(RENAMED)}. The demo's program reads ` +
      `Support's name from config (${DEMO_PROJECT}:${SUPPORT_NAME_KEY}), so it declares it without editing a file.`,
  );
  const tenantIds = async () =>
    ((await emu.control.state()).tenants.default?.numbers ?? [])
      .map((n) => n.id)
      .sort()
      .join(", ");
  const idsBefore = await tenantIds();
  const settled = await stack.declare({ [`${DEMO_PROJECT}:${SUPPORT_NAME_KEY}`]: RENAMED });
  if (settled.changes.length > 0)
    throw new Error(`declaring the account's name should change nothing, but it changes ${settled.changes.join(", ")}`);
  const idsAfter = await tenantIds();
  if (idsAfter !== idsBefore)
    throw new Error(`declaring the account's name changed the tenant's numbers: ${idsBefore} before, ${idsAfter} after`);
  const supportNow = (await emu.control.state()).tenants.default?.numbers.find((n) => n.id === ids.support);
  if (supportNow === undefined) throw new Error(`${ids.support} is gone from the tenant`);
  const kept = `${JSON.stringify(supportNow.name)} keeps its id ${supportNow.id} and stays ${supportNow.state}`;
  if (settled.outputs !== undefined) {
    narrator.say(`No number changed: ${kept}; nothing was deleted, no phone to pair again.`);
    const states = z.record(z.string(), z.unknown()).safeParse(settled.outputs.states);
    narrator.say(
      `The program ran, so the stack outputs are current: states.marketing is ${JSON.stringify(states.success ? states.data.marketing : undefined)}.`,
    );
  } else {
    narrator.say(`Check has nothing to refuse and Diff finds no change: \`pulumi up\` would leave every number as it is (${kept}).`);
  }

  narrator.heading("Done");
  narrator.say("A change made in the dashboard reaches the state through `pulumi refresh`; a plan that would replace a number");
  narrator.say("(the API cannot rename) is refused unless the program consents with allowReplacement: true.");
  narrator.say("To settle drift, declare the dashboard's values in the program, or leave them to it with ignoreChanges.");
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
