/**
 * UTF-8 decoding that says where a file stops being UTF-8, as upstream's YAML
 * reader (yaml.v3) refuses such a file: Node's own decoding would quietly put
 * U+FFFD in its place and the file would pass.
 */

export type Utf8Problem = { offset: number; line: number; message: string };

const fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder("utf-8", { ignoreBOM: true });

/** The expected length of a sequence from its lead byte; 0 when it cannot lead. */
const sequenceLength = (b: number): number =>
  b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;

/** yaml.v3's words for the first byte that is not UTF-8, and its offset. */
function firstProblem(bytes: Uint8Array): { offset: number; message: string } {
  for (let i = 0; i < bytes.length; ) {
    const n = sequenceLength(bytes[i]!);
    if (n === 0) return { offset: i, message: "invalid leading UTF-8 octet" };
    if (i + n > bytes.length) return { offset: i, message: "incomplete UTF-8 octet sequence" };
    for (let k = 1; k < n; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return { offset: i + k, message: "invalid trailing UTF-8 octet" };
    if (n > 1) {
      try {
        fatal.decode(bytes.subarray(i, i + n));
      } catch {
        // Overlong forms, surrogates and code points past U+10FFFF.
        return { offset: i, message: "invalid length of a UTF-8 sequence" };
      }
    }
    i += n;
  }
  return { offset: bytes.length, message: "invalid UTF-8" };
}

/** The text of a file, and where it is not UTF-8 (null when it all is). */
export function decodeUtf8(bytes: Uint8Array): { text: string; problem: Utf8Problem | null } {
  try {
    return { text: fatal.decode(bytes), problem: null };
  } catch {
    const { offset, message } = firstProblem(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    return { text: lenient.decode(bytes), problem: { offset, line, message } };
  }
}
