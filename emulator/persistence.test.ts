import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ASSUMED, CallList, CreateMetaNumberResponse, NumberDetail, NumberList } from "pulumi-pilotstatus/contract";
import { startEmulator, type EmulatorHandle } from "./index";
import { obj, request } from "../test/support/http";

const F = ASSUMED.metaCreateFields;
const dirs: string[] = [];
const running: EmulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(dataFile?: string): Promise<EmulatorHandle> {
  const emu = await startEmulator({ port: 0, ...(dataFile ? { dataFile } : {}) });
  running.push(emu);
  return emu;
}

describe("persistence", () => {
  it("keeps numbers, keys, states, calls and meta secrets across a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ps-emu-"));
    dirs.push(dir);
    const file = join(dir, "state.json");

    const a = await start(file);
    const qr = await a.control.createNumber({ name: "QR", number: "+5511977770001" });
    await a.control.pair(qr.id);
    const { ids } = await a.control.addCalls(qr.id, { count: 30 });
    const meta = CreateMetaNumberResponse.parse(
      (
        await request(a.url, "POST", "/v1/numbers/meta", {
          key: a.tenantKey,
          body: { name: "Meta", number: "+5511977770002", metaPhoneId: "77", [F.wabaId]: "88", [F.accessToken]: "EAAG-persisted-secret" },
        })
      ).body,
    );
    const before = NumberList.parse((await request(a.url, "GET", "/v1/numbers", { key: a.tenantKey })).body);
    const metaBefore = NumberDetail.parse((await request(a.url, "GET", `/v1/numbers/${meta.instance.id}`, { key: a.tenantKey })).body);
    await a.stop();

    expect(readdirSync(dir)).toEqual(["state.json"]); // temp files renamed away
    expect(readFileSync(file, "utf8")).toContain("EAAG-persisted-secret"); // kept server-side

    const b = await start(file);
    expect(NumberList.parse((await request(b.url, "GET", "/v1/numbers", { key: b.tenantKey })).body)).toEqual(before);
    expect(NumberDetail.parse((await request(b.url, "GET", `/v1/numbers/${meta.instance.id}`, { key: b.tenantKey })).body)).toEqual(
      metaBefore,
    );
    const calls = CallList.parse((await request(b.url, "GET", "/v1/calls?limit=100", { key: qr.numberKey })).body).calls;
    expect(calls.map((c) => c.id)).toEqual(ids);
    expect(await b.control.numberKey(qr.id)).toEqual({ key: qr.numberKey, keyId: qr.numberKeyId });
    expect(JSON.stringify(await b.control.state())).not.toContain("EAAG-persisted-secret");
  });

  it("starts empty when the file does not exist yet and reset keeps the tenant keys", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ps-emu-"));
    dirs.push(dir);
    const emu = await start(join(dir, "nested", "state.json"));
    await emu.control.createNumber({ name: "X", number: "+5511977770003" });
    await emu.control.reset();
    const r = await request(emu.url, "GET", "/v1/numbers", { key: emu.tenantKey });
    expect(r.status).toBe(200);
    expect(r.body).toEqual([]);
  });
});

describe("saving before answering", () => {
  it("answers 500 EMULATOR_PERSIST_FAILED, never a 2xx, when the change cannot be saved, and saves it once it can", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ps-emu-"));
    dirs.push(dir);
    const sub = join(dir, "sub");
    const file = join(sub, "state.json");
    const emu = await start(file);
    rmSync(sub, { recursive: true });
    writeFileSync(sub, "a file where the data file's folder was");

    const failed = await request(emu.url, "POST", "/v1/numbers", {
      key: emu.tenantKey,
      body: { name: "Unsaved", number: "+5511977770020" },
    });
    expect(failed.status).toBe(500);
    expect(obj(failed.body).code).toBe("EMULATOR_PERSIST_FAILED");
    expect(String(obj(failed.body).error)).toMatch(/^The change was applied but could not be saved to the data file: /);
    const viaControl = await request(emu.url, "POST", "/__emulator/numbers", { body: { name: "Unsaved 2", number: "+5511977770021" } });
    expect(viaControl.status).toBe(500);

    rmSync(sub);
    const next = await request(emu.url, "GET", "/v1/numbers", { key: emu.tenantKey });
    expect(next.status).toBe(200);
    const onDisk = readFileSync(file, "utf8");
    expect(onDisk).toContain("Unsaved");
    expect(onDisk).toContain("Unsaved 2");
  });
});

describe("data file permissions (it holds number keys and Meta tokens)", () => {
  const mode = (f: string) => statSync(f).mode & 0o777;
  const unix = process.platform !== "win32";

  it.runIf(unix)("creates the data file with mode 0600 and keeps it so on every rewrite, whatever the umask", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ps-emu-"));
    dirs.push(dir);
    const file = join(dir, "state.json");
    const umask = process.umask(0o000); // the widest: a file created without an explicit mode would be 0666
    try {
      const emu = await start(file);
      expect(mode(file)).toBe(0o600);
      await emu.control.createNumber({ name: "X", number: "+5511977770010" });
      await request(emu.url, "POST", "/v1/numbers/meta", {
        key: emu.tenantKey,
        body: { name: "M", number: "+5511977770011", metaPhoneId: "1", [F.wabaId]: "2", [F.accessToken]: "EAAG-mode-secret" },
      });
      await emu.stop();
    } finally {
      process.umask(umask);
    }
    expect(readFileSync(file, "utf8")).toContain("EAAG-mode-secret");
    expect(mode(file)).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["state.json"]);
  });

  it.runIf(unix)(
    "narrows an existing data file to 0600 at start, and a leftover temp file of a killed write is not reused as it is",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "ps-emu-"));
      dirs.push(dir);
      const file = join(dir, "state.json");
      const a = await start(file);
      await a.control.createNumber({ name: "Kept", number: "+5511977770012" });
      await a.stop();
      chmodSync(file, 0o644);
      // A temp file left by a write that was killed half-way, world-readable, under any name the emulator may pick.
      const leftover = join(dir, `.state.json.${process.pid}.tmp`);
      writeFileSync(leftover, "{ half a file");
      chmodSync(leftover, 0o666);

      const b = await start(file);
      expect(mode(file)).toBe(0o600);
      expect((await b.control.state()).tenants.default!.numbers.map((n) => n.name)).toEqual(["Kept"]);
      await b.control.createNumber({ name: "Next", number: "+5511977770013" });
      expect(mode(file)).toBe(0o600);
      expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    },
  );
});

describe("GET /__emulator/state", () => {
  it("dumps tenants, numbers and calls without raw keys or Meta secrets", async () => {
    const emu = await start();
    const qr = await emu.control.createNumber({ name: "QR", number: "+5511977770004", state: "OPEN" });
    await emu.control.addCalls(qr.id, { count: 3 });
    await request(emu.url, "POST", "/v1/numbers/meta", {
      key: emu.tenantKey,
      body: {
        name: "M",
        number: "+5511977770005",
        metaPhoneId: "1",
        [F.wabaId]: "2",
        [F.accessToken]: "EAAG-dump-secret",
        [F.appSecret]: "dump-app-secret",
      },
    });
    const state = await emu.control.state();
    const text = JSON.stringify(state);
    expect(state.tenants.default!.numbers.map((n) => n.name)).toEqual(["QR", "M"]);
    expect(state.tenants.default!.numbers[0]!.calls).toHaveLength(3);
    for (const secret of ["EAAG-dump-secret", "dump-app-secret", qr.numberKey, emu.tenantKey, emu.otherTenantKey]) {
      expect(text).not.toContain(secret);
    }
  });
});
