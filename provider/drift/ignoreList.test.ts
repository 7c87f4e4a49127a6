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
