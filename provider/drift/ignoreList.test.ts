import { describe, expect, it } from "vitest";
import { DriftInputError } from "./errors";
import { IgnoreList, parseIgnoreText } from "./ignoreList";

describe("ignore list", () => {
  it("reads ids and phone numbers, skipping comments and blank lines", () => {
    const entries = parseIgnoreText("# kept by hand\nwa_abc   # the lab phone\n\n+55 (11) 99999-0001\n5511999990002\n", "ignore.txt");
    expect(entries.map((e) => [e.kind, e.value])).toEqual([
      ["id", "wa_abc"],
      ["number", "+5511999990001"],
      ["number", "+5511999990002"],
    ]);
  });

  it("names the file and line of an entry that is no phone number", () => {
    expect(() => parseIgnoreText("wa_ok\n+12\n", "ignore.txt")).toThrowError(DriftInputError);
    expect(() => parseIgnoreText("wa_ok\n+12\n", "ignore.txt")).toThrowError(/^ignore\.txt:2: "\+12" is not a phone number/);
  });

  it("matches by id, or by number in either API format", () => {
    const list = IgnoreList.of(["wa_abc", "+5511999990001"]);
    expect(list.matching("wa_abc", null).map((e) => e.text)).toEqual(["wa_abc"]);
    expect(list.matching("wa_x", "5511999990001").map((e) => e.text)).toEqual(["+5511999990001"]);
    expect(list.matching("wa_x", "+5511999990002")).toEqual([]);
  });
});

describe("a list of 200,000 entries", () => {
  const ENTRIES = 200_000;
  const text = Array.from({ length: ENTRIES }, (_, i) =>
    i % 2 === 0 ? `wa_${i.toString(16).padStart(8, "0")}` : `+55 21 9${String(10_000_000 + i).slice(-8)} # shop ${i}`,
  ).join("\n");

  it("parses, and matches each number by lookup: 20,000 account numbers against it in well under the quadratic time", () => {
    const started = performance.now();
    const list = new IgnoreList(parseIgnoreText(text, "big.txt"));
    const parsed = performance.now() - started;
    expect(list.entries).toHaveLength(ENTRIES);

    // A tenant of 20,000 numbers: one in ten is on the list (half by id, half by phone number).
    const matchStarted = performance.now();
    let hits = 0;
    for (let i = 0; i < 20_000; i++) {
      const onList = i % 10 === 0;
      const id = onList && i % 20 === 0 ? `wa_${i.toString(16).padStart(8, "0")}` : `wa_account_${i}`;
      const number = onList && i % 20 !== 0 ? `5521${9}${String(10_000_000 + i + 1).slice(-8)}` : `551198${String(i).padStart(7, "0")}`;
      hits += list.matching(id, number).length > 0 ? 1 : 0;
    }
    const matched = performance.now() - matchStarted;
    expect(hits).toBe(2_000);
    console.log(`ignore list of ${ENTRIES} entries: parsed in ${Math.round(parsed)} ms, 20,000 lookups in ${Math.round(matched)} ms`);
    // Scanning the list for each number (as before) is 4·10⁹ comparisons: minutes, not this.
    expect(parsed).toBeLessThan(5_000);
    expect(matched).toBeLessThan(2_000);
  });
});
