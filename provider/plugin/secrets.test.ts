import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { describe, expect, it } from "vitest";
import { conceal, reveal, secret, secretKeys } from "./secrets";

const wrap = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });

describe("secret()", () => {
  it("is the engine's secret wrapper", () => {
    expect(secret("x")).toEqual({ [specialSigKey]: specialSecretSig, value: "x" });
  });
});

describe("reveal()", () => {
  it("removes wrappers at any depth, in arrays and objects, and nested wrappers", () => {
    const value = {
      apiKey: wrap("ps_top"),
      plain: "kept",
      list: [1, wrap("in-array"), { deep: wrap({ inner: wrap("twice") }) }],
      obj: { a: { b: wrap(42) }, n: null },
      whole: wrap(wrap(["x", wrap("y")])),
    };
    expect(reveal(value)).toEqual({
      apiKey: "ps_top",
      plain: "kept",
      list: [1, "in-array", { deep: { inner: "twice" } }],
      obj: { a: { b: 42 }, n: null },
      whole: ["x", "y"],
    });
    expect(JSON.stringify(reveal(value))).not.toContain(specialSecretSig);
  });

  it("leaves plain values as they are and does not mutate its input", () => {
    expect(reveal("s")).toBe("s");
    expect(reveal(null)).toBeNull();
    expect(reveal(3)).toBe(3);
    const input = { a: wrap("x") };
    reveal(input);
    expect(input).toEqual({ a: wrap("x") });
  });

  it("does not take an object with a different signature for a secret", () => {
    const other = { [specialSigKey]: "not-the-secret-sig", value: "v" };
    expect(reveal(other)).toEqual(other);
  });
});

describe("secretKeys()", () => {
  it("finds the top-level keys holding a secret anywhere inside", () => {
    const props = {
      top: wrap("a"),
      inArray: ["x", ["y", wrap("z")]],
      inObject: { a: { b: { c: wrap(1) } } },
      plain: "p",
      plainObj: { a: [1, 2, { b: "c" }] },
      nil: null,
      other: { [specialSigKey]: "other-sig", value: "v" },
    };
    expect(secretKeys(props).sort()).toEqual(["inArray", "inObject", "top"]);
  });

  it("is empty for plain props", () => {
    expect(secretKeys({})).toEqual([]);
    expect(secretKeys({ a: 1, b: "x", c: [null] })).toEqual([]);
  });
});

describe("conceal()", () => {
  it("wraps only the named keys that are present and not null", () => {
    const out = conceal({ a: "x", b: 0, c: false, d: null, e: "plain", f: { g: 1 } }, ["a", "b", "c", "d", "f", "missing"]);
    expect(out).toEqual({ a: wrap("x"), b: wrap(0), c: wrap(false), d: null, e: "plain", f: wrap({ g: 1 }) });
    expect("missing" in out).toBe(false);
  });

  it("never double-wraps a value already secret", () => {
    const out = conceal({ a: wrap("x") }, ["a", "a"]);
    expect(out).toEqual({ a: wrap("x") });
    expect(conceal(conceal({ a: "x" }, ["a"]), new Set(["a"]))).toEqual({ a: wrap("x") });
  });

  it("does not mutate its input", () => {
    const input = { a: "x" };
    conceal(input, ["a"]);
    expect(input).toEqual({ a: "x" });
  });

  it("round-trips with reveal() and secretKeys()", () => {
    const out = conceal({ a: "x", b: "y" }, ["b"]);
    expect(secretKeys(out)).toEqual(["b"]);
    expect(reveal(out)).toEqual({ a: "x", b: "y" });
  });
});
