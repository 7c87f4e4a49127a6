import { describe, expect, it } from "vitest";
import { MAX_ECHO, quote, unsafeCharacter } from "./text";

describe("unsafeCharacter", () => {
  it("names the first unsafe character, where it is, and how many more follow", () => {
    expect(unsafeCharacter("ok")).toBeUndefined();
    expect(unsafeCharacter("a\nb\tc\0")).toBe("a control character (U+000A) at position 2 (and 2 more)");
    expect(unsafeCharacter("📞\u202e")).toBe("a bidirectional control character (U+202E) at position 2");
    expect(unsafeCharacter("x\ud800")).toBe("a lone surrogate (U+D800) at position 2");
  });
});

describe("quote", () => {
  it("escapes what could forge or hide text and caps the length", () => {
    expect(quote('Sup"port')).toBe('"Sup\\"port"');
    expect(quote("a\nb\u202ec\u200bd\ud800")).toBe('"a\\u{A}b\\u{202E}c\\u{200B}d\\u{D800}"');
    const long = quote("x".repeat(100));
    expect(long).toBe(`"${"x".repeat(MAX_ECHO)}…"`);
    expect(quote("📞".repeat(50))).toBe(`"${"📞".repeat(MAX_ECHO)}…"`);
  });
});
