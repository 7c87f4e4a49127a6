/**
 * The lean stack-export reader against the whole-text one (JSON.parse, then zod): the same source for every export,
 * the same message for every malformed one, wherever the text is cut into chunks; and never a `__provider` kept.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stackExport } from "../../testing/stackExport";
import { typeToken } from "../resources/typeTokens";
import { type ExportSink, ExportSplitter } from "./stackExportReader";
import { LeanStackReader, type StackSourceState, loadStackFile, parseStackExport, parseStackExportWhole } from "./stackState";

const WA = typeToken("WhatsAppNumber");
const SIG = "4dabf18193072939515e22adb298388d";
const PROVIDER_TEXT = "exports.handler = __f0;\nfunction __f0() { return \"}]\\\\\" + '{[' }";

/** An export as `pulumi stack export` writes it, with strings that look like structure and a real-looking `__provider`. */
function realistic(): string {
  const e = stackExport(
    "dev",
    "numbers",
    [
      { kind: "WhatsAppNumber", name: "sales", id: "wa_1", displayName: 'Sales "BR" }]{[ \\ ção 🇧🇷', number: "+5511990000001" },
      { kind: "MetaNumber", name: "official", id: "wa_2", displayName: "Official", number: "+5511990000002" },
      {
        kind: "WhatsAppNumber",
        name: "gone",
        id: "wa_3",
        displayName: "Gone",
        number: "+5511990000003",
        extra: { name: { [SIG]: "x", plaintext: '"Revealed"' } },
      },
    ],
    [{ type: "aws:s3/bucket:Bucket", name: "logs" }],
  );
  for (const r of e.deployment.resources) {
    const inputs = r.inputs as Record<string, unknown> | undefined;
    const outputs = r.outputs as Record<string, unknown> | undefined;
    if (inputs?.__provider) inputs.__provider = outputs!.__provider = PROVIDER_TEXT;
  }
  e.deployment.resources.push(
    { urn: `urn:pulumi:dev::numbers::${WA}::old`, type: WA, custom: true, id: "wa_old", delete: true, outputs: {} },
    { urn: `urn:pulumi:dev::numbers::${WA}::read`, type: WA, custom: true, id: "wa_read", external: true, outputs: {} },
    { urn: `urn:pulumi:dev::numbers::${WA}::unfinished`, type: WA, custom: true, outputs: {} },
  );
  return JSON.stringify(e, null, 4);
}

/** The lean reader's answer: the source, its message, or "gave up". */
function lean(chunks: readonly string[]): StackSourceState | string | "gave up" {
  const reader = new LeanStackReader("file", "x.json");
  for (const c of chunks) if (!reader.push(c)) break;
  try {
    return reader.end() ?? "gave up";
  } catch (e) {
    return (e as Error).message;
  }
}

function whole(text: string): StackSourceState | string {
  try {
    return parseStackExportWhole(text, "file", "x.json");
  } catch (e) {
    return (e as Error).message;
  }
}

function chunked(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const export3 = (resources: string, top = '"version": 3') =>
  `{${top}, "deployment": {"manifest": {"time": "t"}, "resources": ${resources}}}`;
const res = (fields: string) => `{"urn": "urn:pulumi:dev::p::${WA}::a", "type": "${WA}", ${fields}}`;

/** Exports the lean reader reads itself (JSON of the expected shape), valid exports or not. */
const LEAN_CASES: Record<string, string> = {
  realistic: realistic(),
  compact: JSON.stringify(JSON.parse(realistic())),
  "CRLF and tabs": realistic().replace(/\n/g, "\r\n").replace(/ {4}/g, "\t"),
  "empty stack, no resources": '{"version": 3, "deployment": {"manifest": {}}}',
  "resources null": export3("null"),
  "resources empty": export3("[]"),
  "version last, no spaces": `{"deployment":{"resources":[${res('"id":"wa_1"')}]},"version":3}`,
  "escaped keys": `{"\\u0076ersion": 3, "deploym\\u0065nt": {"r\\u0065sources": [${res('"\\u0069d": "wa_1"')}]}}`,
  "version twice: the last counts": `{"version": "x", "version": 3, "deployment": {"resources": []}}`,
  "__proto__ keys": export3(`[${res('"id": "wa_1", "__proto__": {"urn": 5}, "outputs": {"__proto__": {"name": 1}, "name": "N"}')}]`),
  "no version": '{"deployment": {"resources": []}}',
  "version a string": '{"version": "3", "deployment": {}}',
  "version not whole": '{"version": 3.5, "deployment": {}}',
  "no deployment": '{"version": 3}',
  "empty object": "{}",
  "resource without urn": export3('[{"id": 1}]'),
  "resource not an object": export3(`[${res('"id": "wa_1"')}, 7]`),
  "inputs an array": export3(`[${res('"id": "wa_1", "inputs": [1, 2]')}]`),
  "outputs a string": export3(`[${res('"id": "wa_1", "outputs": "x"')}]`),
  "other resource with outputs a string": export3('[{"urn": "u", "type": "aws:s3/bucket:Bucket", "custom": true, "outputs": "x"}]'),
  "custom null": export3(`[${res('"id": "wa_1", "custom": null')}]`),
  "second resource bad, third bad too": export3(`[${res('"id": "wa_1"')}, ${res('"id": 2')}, {"urn": 3}]`),
  "version bad and a resource bad": export3('[{"urn": 3}]', '"version": null'),
  "big nested manifest": `{"version": 3, "deployment": {"manifest": ${"[".repeat(500)}${"]".repeat(500)}, "resources": []}}`,
};

/**
 * Exports it leaves to the whole-text reader: not JSON (wherever the fault is: a message on a resource never comes
 * before one on the JSON), or not shaped as it expects.
 */
const GIVE_UP_CASES: Record<string, string> = {
  "resource bad, then not JSON": `${export3('[{"urn": 3}]').slice(0, -2)}, }}`,
  "not JSON after the resources": `${export3("[]").slice(0, -1)} "x"}`,
  "trailing comma in resources": export3(`[${res('"id": "wa_1"')},]`),
  "trailing comma in deployment": '{"version": 3, "deployment": {"resources": [],}}',
  "missing colon": '{"version" 3, "deployment": {}}',
  "missing comma": '{"version": 3 "deployment": {}}',
  "text after the export": `${export3("[]")} x`,
  "control character in a name": export3(`[${res('"id": "wa_1", "outputs": {"name": "a\u0001b"}')}]`),
  "bad escape": export3(`[${res('"id": "wa_\\x"')}]`),
  "unclosed string": '{"version": 3, "deployment": {"resources": [{"urn": "abc',
  "ends early": export3("[]").slice(0, -1),
  "bad literal": '{"version": tru, "deployment": {}}',
  "mismatched brackets": export3(`[{"urn": "u", "type": "t", "x": [1}]`),
  empty: "",
  "only spaces": "   ",
  "an array": "[]",
  null: "null",
  "a string": '"x"',
  BOM: `\ufeff${export3("[]")}`,
  "not JSON": "{ nope",
  "deployment null": '{"version": 3, "deployment": null}',
  "deployment an array": '{"version": 3, "deployment": []}',
  "resources an object": export3("{}"),
  "resources a number": export3("5"),
  "deployment twice": '{"version": 3, "deployment": {"resources": []}, "deployment": {}}',
  "resources twice": '{"version": 3, "deployment": {"resources": [], "resources": null}}',
};

describe("the lean stack-export reader", () => {
  it("reads every export as the whole-text reader does: the same numbers, or the same message", () => {
    for (const [what, text] of Object.entries(LEAN_CASES)) {
      const got = lean([text]);
      expect(got, what).not.toBe("gave up");
      expect(got, what).toEqual(whole(text));
    }
    expect(lean([LEAN_CASES.realistic!])).toMatchObject({
      numbers: [{ id: "wa_1" }, { id: "wa_2" }, { id: "wa_3", name: "Revealed" }],
      pendingDeleteIds: ["wa_old"],
    });
  });

  it("leaves the rest to the whole-text reader, so parseStackExport answers as it always did", () => {
    for (const [what, text] of Object.entries(GIVE_UP_CASES)) {
      expect(lean([text]), what).toBe("gave up");
      let got: StackSourceState | string;
      try {
        got = parseStackExport(text, "file", "x.json");
      } catch (e) {
        got = (e as Error).message;
      }
      expect(got, what).toEqual(whole(text));
    }
    // The last `deployment` counts, as JSON.parse has it.
    expect(whole(GIVE_UP_CASES["deployment twice"]!)).toMatchObject({ numbers: [] });
    expect(whole(GIVE_UP_CASES["resource bad, then not JSON"]!)).toMatch(/^x\.json is not valid JSON/);
  });

  it("gives the same answer wherever the text is cut into chunks (inside strings, escapes, keys, numbers)", () => {
    for (const [what, text] of Object.entries({ ...LEAN_CASES, ...GIVE_UP_CASES })) {
      const once = lean([text]);
      for (const size of [1, 2, 3, 5, 7, 64]) expect(lean(chunked(text, size)), `${what} in chunks of ${size}`).toEqual(once);
    }
  });

  it("keeps no __provider, no other input or output, and nothing of other providers' resources", () => {
    const source = parseStackExport(LEAN_CASES.realistic!, "file", "x.json");
    const kept = JSON.stringify(source);
    expect(kept).not.toContain("__f0");
    expect(kept).not.toContain("exports.handler");
    expect(kept).not.toContain("logs-1234");
    expect(kept).not.toContain("ciphertext");

    // One resource at a time: each is parsed on its own and handed over, then dropped.
    const seen: unknown[] = [];
    const sink: ExportSink = { topValue() {}, deployment() {}, deploymentValue() {}, resources() {}, resource: (_i, v) => seen.push(v) };
    const splitter = new ExportSplitter(sink);
    expect(splitter.push(LEAN_CASES.realistic!) && splitter.end()).toBe(true);
    expect(seen).toHaveLength(9);
    expect(seen[2]).toMatchObject({ id: "wa_1", inputs: { __provider: PROVIDER_TEXT } });
  });

  it("reads a file a chunk at a time, with a multi-byte character across chunks, and gives up to the whole file only when it must", async () => {
    const dir = await mkdtemp(join(tmpdir(), "drift-lean-"));
    // Some 3 MiB: several 1 MiB reads, so some chunk ends inside a string and, likely, inside a character.
    const names = Array.from({ length: 3000 }, (_, i) => ({
      kind: "WhatsAppNumber" as const,
      name: `n${i}`,
      id: `wa_${i}`,
      displayName: `Número ${i} ç 🇧🇷 "x"`,
      number: `+55119${String(i).padStart(8, "0")}`,
    }));
    const text = JSON.stringify(stackExport("dev", "numbers", names), null, 4);
    const path = join(dir, "big.json");
    await writeFile(path, text);
    const source = await loadStackFile(path);
    expect(source).toEqual(parseStackExportWhole(text, "file", path));
    expect(source.numbers[2999]).toMatchObject({ id: "wa_2999", name: 'Número 2999 ç 🇧🇷 "x"' });

    const bad = join(dir, "bad.json");
    await writeFile(bad, `${text.slice(0, 2_500_000)}`);
    await expect(loadStackFile(bad)).rejects.toThrowError((whole(text.slice(0, 2_500_000)) as string).replace("x.json", bad));
    const notExport = join(dir, "array.json");
    await writeFile(notExport, "[1, 2]");
    await expect(loadStackFile(notExport)).rejects.toThrowError(
      /^.*array\.json is not a `pulumi stack export` file \(expected \{ version, deployment: \{ resources: \[\.\.\.\] \} \}; Invalid input: expected object, received array\)$/,
    );
  });
});
