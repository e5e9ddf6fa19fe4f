import { STATUS_MARKER } from "../../src/reading/markers.js";

/** A status comment as renderComment wrote it before the verdict marker (the parts the outcome reads). */
export function statusBody(release: string, status: string, stage = "beta"): string {
  const head = [STATUS_MARKER, "<!-- kep-tracker:inputs 0123abcd -->", `Hello @alice 👋, ${release} Enhancements team here.`, ""];
  if (status === "Removed from milestone") return [...head, `**Status: Removed from milestone** ${release}.`].join("\n");
  return [
    ...head,
    `**Status: ${status}** · stage **${stage}** · KEP \`keps/sig-node/1-x/\``,
    "",
    "**To do:**",
    "- [ ] docs PR: open one",
  ].join("\n");
}

/** The status a status comment shows its readers, from its visible status line. */
export const statusOf = (body: string): string | null => /^\*\*Status: ([^*]+)\*\*/m.exec(body)?.[1] ?? null;
