// examples/multi-tenant under the real CLI: two tenants of the emulator, each account's key set secretly by path.
// Every request of a tenant's numbers carries that tenant's key (the emulator counts requests per key), no key is
// in the state in plain text, and refresh and destroy find each key from the configuration stored at the last up.
import { execFile } from "node:child_process";
import { expect, it } from "vitest";
import { DEFAULT_TENANT_KEY_ID, OTHER_TENANT_KEY, OTHER_TENANT_KEY_ID } from "pulumi-pilotstatus-emulator";
import { DriftReport } from "../../provider/drift";
import { PILOTSTATUS_BIN as DRIFT_CLI } from "../../testing/bins";
import { describeEngine, expectFailure, projectDir, useEngine } from "./engineRig";

/** `pilotstatus drift <args>` in the project folder; its exit code and output. */
function drift(args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [DRIFT_CLI, "drift", ...args], { cwd, env }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const ROTATED = "ps_engine_multi_tenant_rotated_0001";

describeEngine("engine: examples/multi-tenant", () => {
  const rig = useEngine();

  it("up, refresh after a change in one tenant only, a key rotated for one tenant, destroy: each key stays in its tenant", async () => {
    const { control } = rig.emulator;
    const numbersOf = async (t: "default" | "other") => (await control.state()).tenants[t]?.numbers ?? [];
    const byKey = async () => (await control.requests()).byKey ?? {};
    const stack = await rig.stack(projectDir("examples", "multi-tenant"));
    await stack.config({ plain: { "pilotstatus:baseUrl": rig.emulator.url } });
    await stack.config({
      path: true,
      secret: { "pilotstatus:accounts.acme.apiKey": rig.emulator.tenantKey, "pilotstatus:accounts.globex.apiKey": OTHER_TENANT_KEY },
    });

    await control.resetRequests();
    const up = await stack.up();
    expect(up.stdout).toMatch(/\+ 4 created/);
    expect((await numbersOf("default")).map((n) => n.name).sort()).toEqual(["Acme sales", "Acme support"]);
    expect((await numbersOf("other")).map((n) => n.name)).toEqual(["Globex support"]);
    // acme: 2 POSTs, 2 read-backs, 1 list (its data source); globex: 1, 1, 1. No request with the other tenant's key.
    expect(await byKey()).toEqual({ [DEFAULT_TENANT_KEY_ID]: 5, [OTHER_TENANT_KEY_ID]: 3 });
    const exported = await stack.exportText();
    for (const key of [rig.emulator.tenantKey, OTHER_TENANT_KEY]) expect(exported).not.toContain(key);
    expect((await stack.resource("globex-5521900000301"))?.inputs?.account).toBe("globex");

    // The audit of the stack covers both tenants in one run, each with its own key from the environment.
    await control.resetRequests();
    const env = {
      ...stack.env,
      PILOT_STATUS_BASE_URL: rig.emulator.url,
      PILOT_STATUS_API_KEY_ACME: rig.emulator.tenantKey,
      PILOT_STATUS_API_KEY_GLOBEX: OTHER_TENANT_KEY,
    };
    const audit = await drift(
      ["--stack", stack.stack, "--json", "--fail-on", "changed,missing,unmanaged"],
      env,
      projectDir("examples", "multi-tenant"),
    );
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);
    const report = DriftReport.parse(JSON.parse(audit.stdout));
    expect(report.tenants?.map((t) => [t.accounts, t.summary.inSync])).toEqual([
      [["acme"], 2],
      [["globex"], 1],
    ]);
    expect(await byKey()).toEqual({ [DEFAULT_TENANT_KEY_ID]: 1, [OTHER_TENANT_KEY_ID]: 1 });
    for (const key of [rig.emulator.tenantKey, OTHER_TENANT_KEY]) expect(audit.stdout + audit.stderr).not.toContain(key);

    // A rename in globex's dashboard: refresh records it for that number only, reading each tenant with its own key.
    const [globex] = await numbersOf("other");
    await control.rename(globex!.id, { name: "Globex (dashboard)" });
    await control.resetRequests();
    const refreshed = await stack.refresh();
    expect(refreshed.stdout).toMatch(/~ 1 updated/);
    expect(await byKey()).toEqual({ [DEFAULT_TENANT_KEY_ID]: 2, [OTHER_TENANT_KEY_ID]: 1 });
    expect((await stack.resource("globex-5521900000301"))?.outputs?.name).toBe("Globex (dashboard)");
    expect((await stack.resource("acme-5511900000201"))?.outputs?.name).toBe("Acme support");
    await control.rename(globex!.id, { name: "Globex support" });
    await stack.refresh();

    // acme's key is rotated (the emulator restarts with a new key for that tenant). Until the next up, refresh uses
    // the stored configuration: acme's reads are refused and the message says why; globex is unaffected.
    await rig.restartEmulator({ tenantKey: ROTATED });
    await stack.config({ path: true, secret: { "pilotstatus:accounts.acme.apiKey": ROTATED } });
    const stale = await stack.run(["refresh", "--yes", "--skip-preview"]);
    expect(expectFailure(stale)).toMatch(/rejected the API key.*pilotstatus:accounts stored in the state at the last `pulumi up`/s);
    const afterUp = await stack.up();
    expect(afterUp.stdout).toMatch(/4 unchanged/);
    await stack.ok(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
    expect(await stack.exportText()).not.toContain(ROTATED);

    await rig.emulator.control.resetRequests();
    await stack.destroy();
    expect(await numbersOf("default")).toEqual([]);
    expect(await numbersOf("other")).toEqual([]);
    expect(await byKey()).toEqual({ [DEFAULT_TENANT_KEY_ID]: 2, [OTHER_TENANT_KEY_ID]: 1 });
  });
});
