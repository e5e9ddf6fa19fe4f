// Projects v2 boards in the fake GitHub: the model, helpers to seed and read
// it, and a board like the release team's "v1.38 Release Tracking".
import { createHash } from "node:crypto";

export type FieldType = "TEXT" | "NUMBER" | "DATE" | "SINGLE_SELECT" | "TITLE" | "ASSIGNEES" | "LABELS" | "MILESTONE" | "REPOSITORY";
export type FakeOption = { id: string; name: string; color: string; description: string };
export type FakeField = { id: string; databaseId: number; name: string; dataType: FieldType; options?: FakeOption[] };
/** `createdAt`: when a single-select value was set (GitHub gives it; an exception request's date). */
export type FakeFieldValue = { text: string } | { number: number } | { date: string } | { optionId: string; createdAt?: string };
/** An issue of a repository, or a draft (a second exception request for one KEP is a draft item). */
export type FakeItemContent = { owner: string; repo: string; number: number } | { draft: string };
export type FakeItem = {
  id: string;
  databaseId: number;
  content: FakeItemContent;
  values: Record<string, FakeFieldValue>;
  archived: boolean;
};
export type FakeProject = {
  id: string;
  databaseId: number;
  owner: string;
  ownerType: "Organization" | "User";
  number: number;
  title: string;
  closed: boolean;
  fields: FakeField[];
  items: FakeItem[];
  /** Last item database id given; items are numbered in the order they are added. */
  lastItem: number;
};

/** A field to create: a single select with its options, or a plain field. */
export type FieldSpec = { name: string; options: string[] } | { name: string; type: "TEXT" | "NUMBER" | "DATE" };

const b64 = (s: string) => Buffer.from(s).toString("base64url");
const hex8 = (s: string) => createHash("sha1").update(s).digest("hex").slice(0, 8);

/** Fields every board has; their values come from the issue (only Title's is modelled). */
const BUILT_IN: Array<[string, FieldType]> = [
  ["Title", "TITLE"],
  ["Assignees", "ASSIGNEES"],
  ["Labels", "LABELS"],
  ["Milestone", "MILESTONE"],
  ["Repository", "REPOSITORY"],
];

export function makeProject(spec: {
  owner: string;
  ownerType?: "Organization" | "User";
  number: number;
  title: string;
  fields: FieldSpec[];
}): FakeProject {
  const id = `PVT_${b64(`${spec.owner}#${spec.number}`)}`;
  let fieldDb = spec.number * 1000;
  const field = (name: string, dataType: FieldType, options?: string[]): FakeField => ({
    id: `${options ? "PVTSSF" : "PVTF"}_${b64(`${id}:${name}`)}`,
    databaseId: ++fieldDb,
    name,
    dataType,
    ...(options ? { options: options.map((o) => ({ id: hex8(`${name}:${o}`), name: o, color: "GRAY", description: "" })) } : {}),
  });
  const fields = [
    ...BUILT_IN.map(([name, type]) => field(name, type)),
    ...spec.fields.map((f) => ("options" in f ? field(f.name, "SINGLE_SELECT", f.options) : field(f.name, f.type))),
  ];
  return {
    id,
    databaseId: spec.number * 7,
    owner: spec.owner,
    ownerType: spec.ownerType ?? "Organization",
    number: spec.number,
    title: spec.title,
    closed: false,
    fields,
    items: [],
    lastItem: 0,
  };
}

/** v1.38's Status options: KEP readiness replaces PRR freeze; case varies between boards, as it does on GitHub. */
export const V138_STATUS = [
  "Tracked for KEP readiness",
  "At risk for KEP readiness",
  "Tracked for Enhancements Freeze",
  "At Risk for Enhancements Freeze",
  "Tracked for Code Freeze",
  "At Risk for Code Freeze",
  "Tracked for Docs Freeze",
  "At Risk for Docs Freeze",
  "Exception Pending",
  "Exception Approved",
  "Deferred",
  "Removed From Milestone",
];

export const BOARD_SIGS = [
  "sig-api-machinery",
  "sig-apps",
  "sig-architecture",
  "sig-auth",
  "sig-autoscaling",
  "sig-cli",
  "sig-cloud-provider",
  "sig-cluster-lifecycle",
  "sig-contributor-experience",
  "sig-docs",
  "sig-instrumentation",
  "sig-k8s-infra",
  "sig-multicluster",
  "sig-network",
  "sig-node",
  "sig-release",
  "sig-scalability",
  "sig-scheduling",
  "sig-security",
  "sig-storage",
  "sig-testing",
  "sig-ui",
  "sig-windows",
  "wg-device-management",
];

/** The fields of a release board (domain guide §9): the Enhancements team's, the PRR and Docs teams', and the exception requests'. */
export const RELEASE_BOARD_FIELDS: FieldSpec[] = [
  { name: "Status", options: V138_STATUS },
  { name: "Stage", options: ["Alpha", "Beta", "Stable"] },
  { name: "SIG", options: BOARD_SIGS },
  { name: "Enhancement Type", options: ["Net New", "Major Change", "Graduating", "Deprecation", "Docs"] },
  { name: "Enhancements Contact", options: ["dipesh-rawat", "jenshu", "lauralorenz", "sreeram-venkitesh"] },
  { name: "Note", type: "TEXT" },
  { name: "Issue Number", type: "TEXT" },
  { name: "PRR Status", options: ["Not Started", "In Progress", "Approved"] },
  { name: "PRR Assignees", type: "TEXT" },
  {
    name: "Docs Required?",
    options: ["Need docs", "Has Docs", "None Required", "Removed from release", "Unknown", "Complete", "PR Ready for Review"],
  },
  {
    name: "Docs Status",
    options: ["No PR", "Draft(PR)", "PR Ready to Review", "Complete (Merged PR)", "No Docs Needed", "Removed from Release"],
  },
  { name: "Docs Assignee", type: "TEXT" },
  { name: "Exception Request Type", options: ["PRR / KEP Readiness", "Enhancements", "Code and Test", "Docs"] },
  { name: "Exception Status", options: ["In Review", "Approved", "Rejected"] },
  { name: "Additional Time", type: "NUMBER" },
  { name: "Link", type: "TEXT" },
  { name: "Exception Request Date", type: "DATE" },
  { name: "Exception Decision Date", type: "DATE" },
];

/** "v1.38 Release Tracking", kubernetes project 269, with these issues as items (in order) and nothing filled in. */
export function releaseBoard(
  opts: {
    owner?: string;
    ownerType?: "Organization" | "User";
    number?: number;
    title?: string;
    fields?: FieldSpec[];
    issues?: Array<{ owner: string; repo: string; number: number }>;
  } = {},
): FakeProject {
  const project = makeProject({
    owner: opts.owner ?? "kubernetes",
    ...(opts.ownerType ? { ownerType: opts.ownerType } : {}),
    number: opts.number ?? 269,
    title: opts.title ?? "v1.38 Release Tracking",
    fields: opts.fields ?? RELEASE_BOARD_FIELDS,
  });
  for (const issue of opts.issues ?? []) addItem(project, issue);
  return project;
}

export function fieldNamed(project: FakeProject, name: string): FakeField {
  const field = project.fields.find((f) => f.name === name);
  if (!field) throw new Error(`board ${project.title} has no field "${name}"`);
  return field;
}

const sameContent = (a: FakeItemContent, b: FakeItemContent) =>
  "draft" in a || "draft" in b
    ? false
    : a.owner.toLowerCase() === b.owner.toLowerCase() && a.repo.toLowerCase() === b.repo.toLowerCase() && a.number === b.number;

export function itemFor(project: FakeProject, content: { owner: string; repo: string; number: number }): FakeItem | undefined {
  return project.items.find((i) => sameContent(i.content, content));
}

/** Adds an item, or gives the existing one for the same issue (as addProjectV2ItemById does). */
export function addItem(project: FakeProject, content: FakeItemContent): FakeItem {
  const existing = "draft" in content ? undefined : itemFor(project, content);
  if (existing) return existing;
  const databaseId = ++project.lastItem + project.number * 1_000_000;
  const item: FakeItem = { id: `PVTI_${b64(`${project.id}:${databaseId}`)}`, databaseId, content, values: {}, archived: false };
  project.items.push(item);
  return item;
}

/** Sets a field by name, an option by its name: for seeding what people filled in. null clears it. */
export function setValue(project: FakeProject, item: FakeItem, fieldName: string, value: string | number | null): void {
  const field = fieldNamed(project, fieldName);
  if (value === null) {
    delete item.values[field.id];
    return;
  }
  if (field.dataType === "SINGLE_SELECT") {
    const option = field.options!.find((o) => o.name === value);
    if (!option) throw new Error(`field "${fieldName}" has no option "${value}"`);
    item.values[field.id] = { optionId: option.id };
  } else if (field.dataType === "NUMBER") item.values[field.id] = { number: Number(value) };
  else if (field.dataType === "DATE") item.values[field.id] = { date: String(value) };
  else item.values[field.id] = { text: String(value) };
}

/** A field's value on an item as people read it (an option's name), or null: for assertions. */
export function fieldValueOf(project: FakeProject, item: FakeItem, fieldName: string): string | number | null {
  const field = fieldNamed(project, fieldName);
  const v = item.values[field.id];
  if (!v) return null;
  if ("optionId" in v) return field.options!.find((o) => o.id === v.optionId)?.name ?? null;
  return "number" in v ? v.number : "date" in v ? v.date : v.text;
}
