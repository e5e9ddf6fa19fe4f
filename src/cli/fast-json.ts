import type { Octokit } from "@octokit/core";
import { JSONParse } from "json-with-bigint";

/**
 * GitHub's answers parsed with the engine's own JSON.parse when that gives
 * exactly what Octokit's parser gives.
 *
 * Octokit parses every JSON answer with json-with-bigint, which turns an
 * integer past 2^53 into a BigInt. On Node 20 it does so by rewriting the
 * whole text with a regular expression and reviving every value: a sweep's
 * pages, file batches and tree listing (a few MB) cost about 100 ms of CPU
 * that way. An integer past 2^53 has at least 16 digits, and a number in
 * JSON follows `:`, `[` or `,` (or starts the text): a text where no 16
 * digits follow one of those has no such integer, and JSON.parse reads it
 * alike. Any other text (a digit run inside a string may be taken for one:
 * that only costs time) goes through Octokit's own parser; errors and
 * answers with no body are left to Octokit.
 *
 * A plugin placed before throttling and retry, so that they, and GraphQL's
 * error handling, see the parsed answer as always.
 */
export function fastJson(octokit: Octokit): void {
  octokit.hook.wrap("request", async (request, options) => {
    if (options.request?.parseSuccessResponseBody === false) return request(options);
    // before-after-hook hands every wrap the same options object and passes it on itself (the
    // options a wrap gives `request` are not used): the flag goes on that object, in a new `request`.
    options.request = { ...options.request, parseSuccessResponseBody: false };
    const response = await request(options);
    const body: unknown = response.data;
    // An empty answer reads as empty text, as Octokit reads it.
    if (body === null) return { ...response, data: "" };
    if (!(body instanceof ReadableStream)) return response;
    return { ...response, data: await parsedLikeOctokit(new Response(body), response.headers["content-type"]) };
  });
}

const LONG_DIGITS = /\d{16}/;
const LONG_NUMBER = /(?:^|[:[,])\s*-?\d{16}/;

/** What Octokit's getResponseData makes of a 200 answer's body. */
async function parsedLikeOctokit(body: Response, contentType: string | undefined): Promise<unknown> {
  if (contentType === undefined) return body.text().catch(() => "");
  const [type = "", ...params] = contentType.split(";").map((p) => p.trim().toLowerCase());
  if (type !== "application/json" && type !== "application/scim+json") {
    // As Octokit does: text for text (GitHub's raw file contents), bytes for anything else.
    const utf8 = params.some((p) => p.replace(/\s/g, "") === "charset=utf-8" || p.replace(/\s/g, "") === 'charset="utf-8"');
    if (type.startsWith("text/") || (utf8 && type !== "application/octet-stream")) return body.text().catch(() => "");
    return body.arrayBuffer().catch(() => new ArrayBuffer(0));
  }
  let text = "";
  try {
    text = await body.text();
    // The plain digit scan is the cheaper test, and most texts fail it.
    if (!LONG_DIGITS.test(text) || !LONG_NUMBER.test(text)) return JSON.parse(text);
    // Rare: numbers that might need a BigInt. Octokit's own parser (a dependency of ours too; @octokit/request loads it anyway).
    return JSONParse(text);
  } catch {
    return text;
  }
}
