/**
 * Names and pairing redirect URLs that Check must refuse, with what each is: shared by the unit tests beside the
 * schemas and by the tests through the provider host (test/resources/), so both try the same list.
 */

/** Names that can forge or hide text: controls, line breaks, bidi controls, lone surrogates, only invisible. */
export const BAD_NAMES: readonly { value: string; what: RegExp }[] = [
  { value: "Sup\nport", what: /control character \(U\+000A\) at position 4/ },
  { value: "Support\n", what: /control character \(U\+000A\) at position 8/ },
  { value: "\tSupport", what: /control character \(U\+0009\) at position 1/ },
  { value: "Sup\tport", what: /control character \(U\+0009\)/ },
  { value: "Sup\0port", what: /control character \(U\+0000\)/ },
  { value: "Sup\rport", what: /control character \(U\+000D\)/ },
  { value: "\x1b[31mRed\x1b[0m", what: /control character \(U\+001B\) at position 1 \(and 1 more\)/ },
  { value: "Sup\x7fport", what: /control character \(U\+007F\)/ },
  { value: "Sup\u0085port", what: /control character \(U\+0085\)/ },
  { value: "Sup\u009bport", what: /control character \(U\+009B\)/ },
  { value: "Sup\u2028port", what: /line separator \(U\+2028\)/ },
  { value: "Sup\u2029port", what: /paragraph separator \(U\+2029\)/ },
  { value: "\u202eroppuS", what: /bidirectional control character \(U\+202E\) at position 1/ },
  { value: "a\u202ab", what: /bidirectional control character \(U\+202A\)/ },
  { value: "a\u202bb", what: /bidirectional control character \(U\+202B\)/ },
  { value: "a\u202cb", what: /bidirectional control character \(U\+202C\)/ },
  { value: "a\u202db", what: /bidirectional control character \(U\+202D\)/ },
  { value: "a\u2066b", what: /bidirectional control character \(U\+2066\)/ },
  { value: "a\u2067b", what: /bidirectional control character \(U\+2067\)/ },
  { value: "a\u2068b", what: /bidirectional control character \(U\+2068\)/ },
  { value: "a\u2069b", what: /bidirectional control character \(U\+2069\)/ },
  { value: "a\ud800b", what: /lone surrogate \(U\+D800\) at position 2/ },
  { value: "a\udc00b", what: /lone surrogate \(U\+DC00\)/ },
  { value: "Support \ud83d", what: /lone surrogate \(U\+D83D\) at position 9/ },
  { value: "a\uffffb", what: /noncharacter \(U\+FFFF\)/ },
  { value: "\u200b", what: /made only of invisible characters \(U\+200B\)/ },
  { value: "\u200b\u200c\u200d", what: /made only of invisible characters \(U\+200B, U\+200C, U\+200D\)/ },
  { value: "\u2060", what: /made only of invisible characters \(U\+2060\)/ },
  { value: "\ufeff\u200b", what: /made only of invisible characters/ },
  { value: " \u200b ", what: /made only of invisible characters \(U\+200B\)/ },
  { value: "\u00ad", what: /made only of invisible characters \(U\+00AD\)/ },
  { value: "\u180e", what: /made only of invisible characters \(U\+180E\)/ },
  { value: "\u3164\u3164", what: /made only of invisible characters \(U\+3164\)/ },
  { value: "\u2800", what: /made only of invisible characters \(U\+2800\)/ },
  { value: "\u034f", what: /made only of invisible characters \(U\+034F\)/ },
  { value: "\ufe0f", what: /made only of invisible characters \(U\+FE0F\)/ },
  { value: "\u{e0041}\u{e0042}", what: /made only of invisible characters \(U\+E0041, U\+E0042\)/ },
  { value: "\u2061\u2062", what: /made only of invisible characters/ },
  { value: "\u200e\u200f", what: /made only of invisible characters \(U\+200E, U\+200F\)/ },
  { value: "\ufeff", what: /must not be empty/ },
  { value: "\u3000\u00a0", what: /must not be empty/ },
];

/** Names that look unusual but are fine: accents, emoji (a ZWJ inside a family emoji), RTL text with its mark. */
export const GOOD_NAMES: readonly string[] = [
  "Support",
  "Suporte São Paulo",
  "Ürün 📞",
  "👨‍👩‍👧 Family line",
  "مرحبا\u200f",
  "日本語サポート",
  " Support ",
];

/** pairingRedirectUrl: https only, http only to a loopback host (the baseUrl rule), no controls or spaces. */
export const BAD_REDIRECT_URLS: readonly { value: string; what: RegExp }[] = [
  { value: "http://example.com/paired", what: /https:\/\/.*loopback/ },
  { value: "http://10.0.0.1/paired", what: /https:\/\/.*loopback/ },
  { value: "http://128.0.0.1/paired", what: /https:\/\/.*loopback/ },
  { value: "http://localhost.evil.com/paired", what: /https:\/\/.*loopback/ },
  { value: "javascript:alert(1)", what: /https:\/\// },
  { value: "data:text/html,<script>alert(1)</script>", what: /https:\/\// },
  { value: "ftp://example.com/x", what: /https:\/\// },
  { value: "ws://localhost/x", what: /https:\/\// },
  { value: "file:///etc/passwd", what: /https:\/\// },
  { value: "mailto:owner@example.com", what: /https:\/\// },
  { value: "//example.com/paired", what: /absolute URL/ },
  { value: "example.com/paired", what: /absolute URL/ },
  { value: "", what: /absolute URL/ },
  { value: "https://exa\nmple.com/", what: /control character \(U\+000A\) at position 12/ },
  { value: "https://example.com/\t", what: /control character \(U\+0009\)/ },
  { value: "https://example.com/\u202egpj.exe", what: /bidirectional control character \(U\+202E\)/ },
  { value: "https://example.com/\u200b", what: /invisible character \(U\+200B\)/ },
  { value: " https://example.com/", what: /whitespace character \(U\+0020\) at position 1/ },
  { value: "https://example.com/a b", what: /whitespace character \(U\+0020\)/ },
  { value: `https://example.com/${"a".repeat(2100)}`, what: /at most 2048 characters/ },
];

export const GOOD_REDIRECT_URLS: readonly string[] = [
  "https://example.com/paired",
  "https://example.com/paired?from=pilot#done",
  "http://127.0.0.1:8080/paired",
  "http://localhost/paired",
  "http://[::1]:3000/paired",
];
