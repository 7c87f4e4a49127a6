import { beforeEach, describe, expect, it } from "vitest";
import { ASSUMED, Call, CallList } from "pulumi-pilotstatus/contract";
import { useEmulator } from "../test/support/emulator";
import type { ControlNumber } from "./index";
import { obj, request } from "../test/support/http";

const C = ASSUMED.errorCodes;
const emu = useEmulator();
let num: ControlNumber;
const calls = (query: string, key = num.numberKey) => request(emu.url, "GET", `/v1/calls${query}`, { key });

beforeEach(async () => {
  num = await emu.control.createNumber({ name: "Calls", number: "+5511955550000", state: "OPEN" });
});

describe("GET /v1/calls", () => {
  it("pages 250 calls newest first with limit/before, without repeats or skips", async () => {
    const { ids } = await emu.control.addCalls(num.id, { count: 250, newestAt: "2026-07-03T15:00:00.000Z", spacingSeconds: 37 });
    const seen: string[] = [];
    let before: string | undefined;
    let pages = 0;
    for (;;) {
      const q = `?limit=100${before ? `&before=${encodeURIComponent(before)}` : ""}`;
      const r = await calls(q);
      expect(r.status).toBe(200);
      const page = CallList.parse(r.body).calls;
      pages++;
      if (page.length === 0) break;
      for (const c of page) {
        if (before) expect(Date.parse(c.createdAt)).toBeLessThan(Date.parse(before));
        seen.push(c.id);
      }
      before = page[page.length - 1]!.createdAt;
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(ids); // generated newest first
    expect(new Set(seen).size).toBe(250);
    const first = CallList.parse((await calls("")).body).calls;
    expect(first).toHaveLength(25);
    expect(first[0]!.createdAt).toBe("2026-07-03T15:00:00.000Z");
  });

  it("varies direction and status in generated calls", async () => {
    await emu.control.addCalls(num.id, { count: 40 });
    const list = CallList.parse((await calls("?limit=40")).body).calls;
    expect(new Set(list.map((c) => c.direction))).toEqual(new Set(["INBOUND", "OUTBOUND"]));
    expect(new Set(list.map((c) => c.status)).size).toBeGreaterThan(3);
  });

  it("rejects bad limit and before with 400", async () => {
    for (const q of ["?limit=0", "?limit=101", "?limit=abc", "?limit=2.5", "?before=yesterday", "?before=2026-13-45T00:00:00Z"]) {
      const r = await calls(q);
      expect(r.status, q).toBe(400);
      expect(obj(r.body).code).toBe(C.validation);
    }
    expect((await calls("?limit=1")).status).toBe(200);
    expect((await calls("?limit=100&before=2026-07-03T15:00:00Z")).status).toBe(200);
  });

  it("answers 409 while a web number is not OPEN", async () => {
    await emu.control.disconnect(num.id);
    const r = await calls("");
    expect(r.status).toBe(409);
    expect(obj(r.body).code).toBe(C.notConnected);
  });

  it("answers 400 FEATURE_NOT_SUPPORTED for other providers", async () => {
    const odd = await emu.control.createNumber({ name: "Odd", number: "+5511955550009", provider: "SOMETHING_ELSE", state: "OPEN" });
    const r = await calls("", odd.numberKey);
    expect(r.status).toBe(400);
    expect(obj(r.body).code).toBe(C.featureNotSupported);
  });
});

describe("GET /v1/calls/:callId", () => {
  it("returns the bare call, stores partial calls as given, 404s elsewhere", async () => {
    const { ids } = await emu.control.addCalls(num.id, {
      calls: [{ direction: "OUTBOUND", status: "MISSED", createdAt: "2026-01-02T03:04:05.000Z", peerNumber: "5511900001111" }],
    });
    const r = await request(emu.url, "GET", `/v1/calls/${ids[0]}`, { key: num.numberKey });
    expect(r.status).toBe(200);
    expect(Call.parse(r.body)).toMatchObject({
      id: ids[0],
      direction: "OUTBOUND",
      status: "MISSED",
      peerNumber: "5511900001111",
      createdAt: "2026-01-02T03:04:05.000Z",
    });
    const missing = await request(emu.url, "GET", "/v1/calls/call_nope", { key: num.numberKey });
    expect(missing.status).toBe(404);
    expect(obj(missing.body).code).toBe(C.callNotFound);

    const other = await emu.control.createNumber({ name: "Other", number: "+5511955550001", state: "OPEN" });
    expect((await request(emu.url, "GET", `/v1/calls/${ids[0]}`, { key: other.numberKey })).status).toBe(404);
  });
});
