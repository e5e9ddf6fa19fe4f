// Projects v2 as GraphQL nodes: an owner's projectV2(number:), its fields and
// items with their field values, and the mutations that add items and set
// or clear their values. Mistakes GitHub refuses are refused here too.
import type { GraphQLResolveInfo } from "graphql";
import { type Args, connection, FakeGraphQLError, idKey, late, nodeId, type PageArgs } from "./connection.js";
import { addItem, type FakeField, type FakeFieldValue, type FakeItem, type FakeProject } from "./projects.js";
import type { FakeIssue, FakeRepo, World } from "./world.js";

/** An organization or user, for its projects; GitHub's NOT_FOUND when nobody by that login is known. */
export function projectOwner(world: World, login: string, typename: "Organization" | "User") {
  const lower = login.toLowerCase();
  const known = world.projects.some((p) => p.owner.toLowerCase() === lower) || world.repos.some((r) => r.owner.toLowerCase() === lower);
  if (!known)
    throw new FakeGraphQLError(
      `Could not resolve to a${typename === "User" ? " User" : "n Organization"} with the login of '${login}'.`,
      "NOT_FOUND",
    );
  const owned = () => world.projects.filter((p) => p.owner.toLowerCase() === lower && p.ownerType === typename);
  return {
    __typename: typename,
    id: nodeId(typename === "User" ? "U" : "O", login),
    login,
    projectV2: ({ number }: Args) => {
      const project = owned().find((p) => p.number === Number(number));
      if (!project) throw new FakeGraphQLError(`Could not resolve to a ProjectV2 with the number ${String(number)}.`, "NOT_FOUND");
      return projectNode(world, project);
    },
    projectsV2: (a: PageArgs, _c: unknown, i: GraphQLResolveInfo) => connection(owned(), a, i, (p) => projectNode(world, p)),
  };
}

function projectNode(world: World, project: FakeProject) {
  return {
    __typename: "ProjectV2",
    id: project.id,
    databaseId: project.databaseId,
    number: project.number,
    title: project.title,
    closed: project.closed,
    public: true,
    url: `https://github.com/${project.ownerType === "User" ? "users" : "orgs"}/${project.owner}/projects/${project.number}`,
    owner: () => ({
      __typename: project.ownerType,
      id: nodeId(project.ownerType === "User" ? "U" : "O", project.owner),
      login: project.owner,
    }),
    fields: (a: PageArgs, _c: unknown, i: GraphQLResolveInfo) => connection(project.fields, a, i, fieldNode),
    field: ({ name }: Args) => {
      const field = project.fields.find((f) => f.name === name);
      return field ? fieldNode(field) : null;
    },
    items: (a: PageArgs, _c: unknown, i: GraphQLResolveInfo) => connection(project.items, a, i, (item) => itemNode(world, project, item)),
  };
}

function fieldNode(field: FakeField) {
  const common = { id: field.id, databaseId: field.databaseId, name: field.name, dataType: field.dataType };
  if (field.dataType !== "SINGLE_SELECT") return { __typename: "ProjectV2Field", ...common };
  return {
    __typename: "ProjectV2SingleSelectField",
    ...common,
    options: ({ names }: Args) =>
      field
        .options!.filter((o) => !names || (names as string[]).includes(o.name))
        .map((o) => ({ ...o, nameHTML: o.name, descriptionHTML: o.description })),
  };
}

function itemNode(world: World, project: FakeProject, item: FakeItem) {
  const content = () => {
    if ("draft" in item.content) return { __typename: "DraftIssue", id: `DI_${item.id}`, title: item.content.draft, body: "" };
    const repo = world.repo(item.content.owner, item.content.repo);
    const issue = repo && world.issue(repo, item.content.number);
    return repo && issue ? late.issueNode!(world, repo, issue) : null;
  };
  const values = () => {
    const out: Array<{ field: FakeField; value: FakeFieldValue }> = [];
    for (const field of project.fields) {
      if (field.dataType === "TITLE") {
        const c = content() as { title?: string } | null;
        if (c?.title !== undefined) out.push({ field, value: { text: c.title } });
      } else if (item.values[field.id]) out.push({ field, value: item.values[field.id]! });
    }
    return out;
  };
  return {
    __typename: "ProjectV2Item",
    id: item.id,
    databaseId: item.databaseId,
    fullDatabaseId: String(item.databaseId),
    type: "draft" in item.content ? "DRAFT_ISSUE" : "ISSUE",
    isArchived: item.archived,
    project: () => projectNode(world, project),
    content,
    fieldValues: (a: PageArgs, _c: unknown, i: GraphQLResolveInfo) => connection(values(), a, i, valueNode),
    fieldValueByName: ({ name }: Args) => {
      const found = values().find((v) => v.field.name === name);
      return found ? valueNode(found) : null;
    },
  };
}

function valueNode({ field, value }: { field: FakeField; value: FakeFieldValue }) {
  const common = { field: fieldNode(field) };
  if ("optionId" in value) {
    const option = field.options!.find((o) => o.id === value.optionId);
    // A value seeded without a date reads as set long before any freeze.
    const createdAt = value.createdAt ?? "2026-01-01T00:00:00Z";
    return {
      __typename: "ProjectV2ItemFieldSingleSelectValue",
      ...common,
      createdAt,
      optionId: value.optionId,
      name: option?.name ?? null,
      nameHTML: option?.name ?? null,
      color: option?.color ?? "GRAY",
    };
  }
  if ("number" in value) return { __typename: "ProjectV2ItemFieldNumberValue", ...common, number: value.number };
  if ("date" in value) return { __typename: "ProjectV2ItemFieldDateValue", ...common, date: value.date };
  return { __typename: "ProjectV2ItemFieldTextValue", ...common, text: value.text };
}

/** An issue's items on every board (Issue.projectItems), archived ones too unless `includeArchived: false`. */
export function issueProjectItems(world: World, repo: FakeRepo, issue: FakeIssue, args: PageArgs & Args, info: GraphQLResolveInfo) {
  const on = (item: FakeItem) =>
    !("draft" in item.content) && item.content.number === issue.number && world.repo(item.content.owner, item.content.repo) === repo;
  const found = world.projects.flatMap((project) =>
    project.items.filter((item) => on(item) && (args.includeArchived !== false || !item.archived)).map((item) => ({ project, item })),
  );
  return connection(found, args, info, ({ project, item }) => itemNode(world, project, item));
}

/** A project or one of its items by node id, for node(id:). */
export function projectById(world: World, id: string): unknown {
  for (const project of world.projects) {
    if (project.id === id) return projectNode(world, project);
    const item = project.items.find((i) => i.id === id);
    if (item) return itemNode(world, project, item);
  }
  return null;
}

function projectAndItem(world: World, input: Args): { project: FakeProject; item: FakeItem | null } {
  const project = world.projects.find((p) => p.id === input.projectId);
  if (!project) throw new FakeGraphQLError(`Could not resolve to a node with the global id of '${String(input.projectId)}'`, "NOT_FOUND");
  const item = input.itemId === undefined ? null : (project.items.find((i) => i.id === input.itemId) ?? null);
  if (input.itemId !== undefined && !item)
    throw new FakeGraphQLError(`Could not resolve to a node with the global id of '${String(input.itemId)}'`, "NOT_FOUND");
  return { project, item };
}

/** GitHub refuses to change an archived item's fields: a person archived it, and it must be restored first. */
function editableItem(world: World, input: Args): { project: FakeProject; item: FakeItem } {
  const { project, item } = projectAndItem(world, input);
  if (!item) throw new FakeGraphQLError("An item id is required.", "UNPROCESSABLE");
  if (item.archived) throw new FakeGraphQLError("The item is archived and cannot be updated.", "UNPROCESSABLE");
  return { project, item };
}

function editableField(project: FakeProject, fieldId: unknown): FakeField {
  const field = project.fields.find((f) => f.id === fieldId);
  if (!field) throw new FakeGraphQLError(`Could not resolve to a node with the global id of '${String(fieldId)}'`, "NOT_FOUND");
  if (!["TEXT", "NUMBER", "DATE", "SINGLE_SELECT"].includes(field.dataType))
    throw new FakeGraphQLError(`The field ${field.name} (${field.dataType}) cannot be updated through this mutation.`, "UNPROCESSABLE");
  return field;
}

/** The value input of updateProjectV2ItemFieldValue, checked against the field's type and options. */
function fieldValue(field: FakeField, value: Args): FakeFieldValue {
  const given = Object.entries(value).filter(([, v]) => v !== null && v !== undefined);
  if (given.length !== 1) throw new FakeGraphQLError("Exactly one value must be given.", "UNPROCESSABLE");
  const [key, v] = given[0]!;
  const wanted = { TEXT: "text", NUMBER: "number", DATE: "date", SINGLE_SELECT: "singleSelectOptionId" }[field.dataType as "TEXT"];
  if (key !== wanted) throw new FakeGraphQLError(`The field ${field.name} takes a ${wanted} value, not ${key}.`, "UNPROCESSABLE");
  if (key === "singleSelectOptionId" && !field.options!.some((o) => o.id === v))
    throw new FakeGraphQLError(`The single select option Id does not belong to the field ${field.name}.`, "UNPROCESSABLE");
  return key === "singleSelectOptionId"
    ? { optionId: String(v), createdAt: new Date().toISOString() }
    : key === "number"
      ? { number: Number(v) }
      : key === "date"
        ? { date: String(v) }
        : { text: String(v) };
}

/** The root of a mutation: Projects v2's item mutations. */
export function projectMutations(world: World, actor: string) {
  return {
    addProjectV2ItemById: ({ input }: { input: Args }) => {
      const { project } = projectAndItem(world, { projectId: input.projectId });
      const id = String(input.contentId);
      const m = id.startsWith("I_") ? /^(.+)\/(.+)#(\d+)$/.exec(idKey(id)) : null;
      const repo = m ? world.repo(m[1], m[2]) : undefined;
      if (!m || !repo || !world.issue(repo, Number(m[3])))
        throw new FakeGraphQLError(`Could not resolve to a node with the global id of '${id}'`, "NOT_FOUND");
      const before = project.items.length;
      const item = addItem(project, { owner: repo.owner, repo: repo.name, number: Number(m[3]) });
      if (project.items.length > before) world.emit({ what: "item added", actor, project, item });
      return { item: itemNode(world, project, item) };
    },
    updateProjectV2ItemFieldValue: ({ input }: { input: Args }) => {
      const { project, item } = editableItem(world, input);
      const field = editableField(project, input.fieldId);
      item.values[field.id] = fieldValue(field, input.value as Args);
      world.emit({ what: "field set", actor, project, item, fieldName: field.name });
      return { projectV2Item: itemNode(world, project, item) };
    },
    clearProjectV2ItemFieldValue: ({ input }: { input: Args }) => {
      const { project, item } = editableItem(world, input);
      const field = editableField(project, input.fieldId);
      delete item.values[field.id];
      world.emit({ what: "field cleared", actor, project, item, fieldName: field.name });
      return { projectV2Item: itemNode(world, project, item) };
    },
    archiveProjectV2Item: ({ input }: { input: Args }) => {
      const { project, item } = projectAndItem(world, input);
      item!.archived = true;
      return { item: itemNode(world, project, item!) };
    },
    deleteProjectV2Item: ({ input }: { input: Args }) => {
      const { project, item } = projectAndItem(world, input);
      project.items.splice(project.items.indexOf(item!), 1);
      return { deletedItemId: item!.id };
    },
  };
}
