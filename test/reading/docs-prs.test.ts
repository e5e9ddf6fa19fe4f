import { describe, expect, it } from "vitest";
import { devBranch, indexDocsPrs, kepsNamed, notKepDocs } from "../../src/reading/docs-prs.js";
import { isBlogRow, realWebsitePrs, type WebsiteRow, websitePrOf } from "../helpers/docs-prs.js";

const isBlog = isBlogRow;
const asPr = (r: WebsiteRow) => websitePrOf(r);

describe("which KEPs a kubernetes/website PR names (the real titles)", () => {
  const rows = realWebsitePrs();

  it("has the 33 real PRs", () => {
    expect(rows).toHaveLength(33);
  });

  it.each(rows.filter((r) => r.keps.length && !isBlog(r)).map((r) => [r.number, r.title, r.keps] as const))(
    "website#%i %j names KEP %j",
    (number, title, keps) => {
      const pr = asPr(rows.find((r) => r.number === number)!);
      expect(kepsNamed(pr)).toEqual(keps);
      expect(notKepDocs(pr)).toBe(false);
      expect(title).toBe(pr.title);
    },
  );

  it("finds every PR naming a KEP, and none of the blog or integration PRs, in one index", () => {
    const index = indexDocsPrs(rows.map(asPr));
    const found = new Set([...index.values()].flat().map((p) => p.number));
    const naming = rows.filter((r) => r.keps.length && !isBlog(r)).map((r) => r.number);
    expect([...found].sort()).toEqual([...naming].sort());
    for (const r of rows.filter((r) => isBlog(r) || !r.keps.length)) expect(found.has(r.number)).toBe(false);
  });

  it("gives a KEP every PR that names it: the same KEP's placeholders of several cycles, duplicates included", () => {
    const index = indexDocsPrs(rows.map(asPr));
    expect(index.get(2371)?.map((p) => p.number)).toEqual([54721, 54720, 52750]);
    expect(index.get(4222)?.map((p) => p.number)).toEqual([56350, 46902]);
  });
});

describe("the spellings people use", () => {
  const named = (title: string, body = "") => kepsNamed({ title, body });

  it.each([
    ["KEP-3926: Docs (Placeholder PR)", [3926]],
    ["Placeholder for KEP4671", [4671]],
    ["[KEP-3962]Placeholder PR", [3962]],
    ["Placeholder docs PR for KEP 4960", [4960]],
    ["1287: placeholder for 1.33 in place KEP update", [1287]],
    ["kep-5030 docs", [5030]],
    ["KEP #4222 docs", [4222]],
    ["Docs for KEP-2433 and KEP-4444", [2433, 4444]],
  ])("%j names %j", (title, keps) => {
    expect(named(title)).toEqual(keps);
  });

  it("reads the body's links: with or without a scheme, an issue comment, a kep.k8s.io short link, owner/repo#N, the KEP's directory", () => {
    expect(named("docs", "Issue: https://kep.k8s.io/4960")).toEqual([4960]);
    expect(named("docs", "KEP: https://github.com/kubernetes/enhancements/issues/4671#issuecomment-123")).toEqual([4671]);
    expect(named("docs", "xref kubernetes/enhancements#5030")).toEqual([5030]);
    expect(named("docs", "https://github.com/kubernetes/enhancements/tree/master/keps/sig-storage/4438-some-kep")).toEqual([4438]);
    expect(named("docs", "Fixes kubernetes/kubernetes#131877 and kubernetes/website#1234")).toEqual([]);
  });

  it("does not take a version for a KEP", () => {
    expect(named("Update KEP 1.33 docs")).toEqual([]);
    expect(named("Placeholder PR for KEP-2433 doc updates in k8s 1.33")).toEqual([2433]);
  });

  it("several KEPs in one PR: the PR belongs to each", () => {
    const pr = { ...asPr(realWebsitePrs()[0]!), title: "Docs for KEP-2433 and KEP-4444" };
    const index = indexDocsPrs([pr]);
    expect(index.get(2433)).toEqual([pr]);
    expect(index.get(4444)).toEqual([pr]);
  });

  it("a blog PR naming a KEP is not its docs PR: area/blog, a blog path, or 'blog' against main", () => {
    const base = { title: "KEP-4671 feature blog", base: "main", labels: [] };
    expect(notKepDocs(base)).toBe(true);
    expect(notKepDocs({ ...base, title: "KEP-4671 docs", labels: ["area/blog"] })).toBe(true);
    expect(notKepDocs({ ...base, title: "KEP-4671 docs", files: ["content/en/blog/_posts/2026-08-01-x.md"] })).toBe(true);
    expect(notKepDocs({ ...base, title: "KEP-4671 docs" })).toBe(false);
    expect(notKepDocs({ title: "Official 1.38 Release Docs", base: "main", labels: [] })).toBe(true);
  });

  it("names the release's docs branch", () => {
    expect(devBranch("v1.38")).toBe("dev-1.38");
  });
});
