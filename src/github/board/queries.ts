import { z } from "zod";

/**
 * The GraphQL documents for a release board (GitHub Projects v2), and the shapes of their
 * answers. One home for every board document, so that the schema test checks them all.
 *
 * `repositoryOwner(login:)` answers for an organisation and for a user alike, and both are
 * ProjectV2Owners: one document reads either kind of board.
 */

/** An item: the issue it stands for, and its values. Projects allow at most 50 fields, so 100 values are all of them. */
const ITEM = `id
          isArchived
          content { __typename ... on Issue { id number repository { name owner { login } } } }
          fieldValues(first: 100) {
            nodes {
              __typename
              ... on ProjectV2ItemFieldSingleSelectValue { optionId name field { ... on ProjectV2FieldCommon { id } } }
              ... on ProjectV2ItemFieldTextValue { text field { ... on ProjectV2FieldCommon { id } } }
              ... on ProjectV2ItemFieldNumberValue { number field { ... on ProjectV2FieldCommon { id } } }
              ... on ProjectV2ItemFieldDateValue { date field { ... on ProjectV2FieldCommon { id } } }
            }
          }`;

const ITEM_NODES = `pageInfo { hasNextPage endCursor }
        nodes {
          ${ITEM}
        }`;

/** The board's fields with their options. */
const FIELDS = `fields(first: 100) {
            nodes {
              __typename
              ... on ProjectV2FieldCommon { id name dataType }
              ... on ProjectV2SingleSelectField { options { id name } }
            }
          }`;

/** The board, its fields with their options, and its first 100 items. */
export const BOARD = /* GraphQL */ `
  query Board($owner: String!, $number: Int!) {
    repositoryOwner(login: $owner) {
      ... on ProjectV2Owner {
        projectV2(number: $number) {
          id
          title
          ${FIELDS}
          items(first: 100) {
        ${ITEM_NODES}
          }
        }
      }
    }
  }
`;

/** The next 100 items after `after`. */
export const BOARD_ITEMS = /* GraphQL */ `
  query BoardItems($owner: String!, $number: Int!, $after: String!) {
    repositoryOwner(login: $owner) {
      ... on ProjectV2Owner {
        projectV2(number: $number) {
          items(first: 100, after: $after) {
        ${ITEM_NODES}
          }
        }
      }
    }
  }
`;

/**
 * For an event on one issue: the board's fields and the issue's items on any board (kept: the
 * one on this board), in one request instead of reading the whole board.
 */
export const ISSUE_ON_BOARD = /* GraphQL */ `
  query IssueOnBoard($owner: String!, $repo: String!, $number: Int!, $boardOwner: String!, $board: Int!) {
    repository(owner: $owner, name: $repo) {
      issue(number: $number) {
        id
        projectItems(first: 50) { nodes { project { id } ${ITEM} } }
      }
    }
    repositoryOwner(login: $boardOwner) {
      ... on ProjectV2Owner {
        projectV2(number: $board) {
          id
          title
          ${FIELDS}
        }
      }
    }
  }
`;

/** For a projects_v2_item event: the item, and its board's fields, by the item's node id. */
export const BOARD_ITEM = /* GraphQL */ `
  query BoardItem($item: ID!) {
    node(id: $item) {
      ... on ProjectV2Item {
        ${ITEM}
        project {
          id
          title
          number
          owner { __typename ... on Organization { login } ... on User { login } }
          ${FIELDS}
        }
      }
    }
  }
`;

/** Whether the board's owner is an organisation or a user: the App can work only with an organisation's. */
export const BOARD_OWNER = /* GraphQL */ `
  query BoardOwner($owner: String!) {
    repositoryOwner(login: $owner) { __typename }
  }
`;

export const BoardOwnerResponse = z.object({ repositoryOwner: z.object({ __typename: z.string() }).nullable() });

export const ADD_BOARD_ITEM = /* GraphQL */ `
  mutation AddBoardItem($project: ID!, $content: ID!) {
    addProjectV2ItemById(input: { projectId: $project, contentId: $content }) { item { id } }
  }
`;

/** `$value` is one of { singleSelectOptionId }, { text } or { number }. */
export const SET_BOARD_FIELD = /* GraphQL */ `
  mutation SetBoardField($project: ID!, $item: ID!, $field: ID!, $value: ProjectV2FieldValue!) {
    updateProjectV2ItemFieldValue(input: { projectId: $project, itemId: $item, fieldId: $field, value: $value }) { projectV2Item { id } }
  }
`;

export const CLEAR_BOARD_FIELD = /* GraphQL */ `
  mutation ClearBoardField($project: ID!, $item: ID!, $field: ID!) {
    clearProjectV2ItemFieldValue(input: { projectId: $project, itemId: $item, fieldId: $field }) { projectV2Item { id } }
  }
`;

/** Every board document, for the schema test. */
export const BOARD_DOCUMENTS = {
  BOARD,
  BOARD_ITEMS,
  ISSUE_ON_BOARD,
  BOARD_ITEM,
  BOARD_OWNER,
  ADD_BOARD_ITEM,
  SET_BOARD_FIELD,
  CLEAR_BOARD_FIELD,
} as const;

const FieldRef = z.object({ id: z.string() }).partial();

// Value types kep-tracker does not read (dates, iterations, labels, assignees…) come as bare `__typename`.
const FieldValueNode = z.union([
  z.object({
    __typename: z.literal("ProjectV2ItemFieldSingleSelectValue"),
    optionId: z.string().nullable(),
    name: z.string().nullable(),
    field: FieldRef,
  }),
  z.object({ __typename: z.literal("ProjectV2ItemFieldTextValue"), text: z.string().nullable(), field: FieldRef }),
  z.object({ __typename: z.literal("ProjectV2ItemFieldNumberValue"), number: z.number().nullable(), field: FieldRef }),
  z.object({ __typename: z.literal("ProjectV2ItemFieldDateValue"), date: z.string().nullable(), field: FieldRef }),
  z.object({ __typename: z.string() }),
]);

const ItemNode = z.object({
  id: z.string(),
  isArchived: z.boolean().optional(),
  content: z
    .object({
      __typename: z.string(),
      id: z.string().optional(),
      number: z.number().int().optional(),
      repository: z.object({ name: z.string(), owner: z.object({ login: z.string() }) }).optional(),
    })
    .nullable(),
  fieldValues: z.object({ nodes: z.array(FieldValueNode.nullable()) }),
});
export type ItemNode = z.infer<typeof ItemNode>;

export const ItemPage = z.object({
  pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
  nodes: z.array(ItemNode.nullable()),
});

export const FieldNode = z.object({
  __typename: z.string(),
  id: z.string().optional(),
  name: z.string().optional(),
  dataType: z.string().optional(),
  options: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
});
export type FieldNode = z.infer<typeof FieldNode>;
const FieldList = z.object({ nodes: z.array(FieldNode.nullable()) });

export const BoardResponse = z.object({
  repositoryOwner: z
    .object({
      projectV2: z.object({ id: z.string(), title: z.string(), fields: FieldList, items: ItemPage }).nullable().optional(),
    })
    .nullable(),
});

export const BoardItemsResponse = z.object({
  repositoryOwner: z.object({ projectV2: z.object({ items: ItemPage }).nullable().optional() }).nullable(),
});

export const IssueOnBoardResponse = z.object({
  repository: z
    .object({
      issue: z
        .object({
          id: z.string(),
          projectItems: z.object({ nodes: z.array(ItemNode.extend({ project: z.object({ id: z.string() }) }).nullable()) }),
        })
        .nullable(),
    })
    .nullable(),
  repositoryOwner: z
    .object({ projectV2: z.object({ id: z.string(), title: z.string(), fields: FieldList }).nullable().optional() })
    .nullable(),
});

/** `node` is `{}` when the id names something other than an item, null when it names nothing. */
export const BoardItemResponse = z.object({ node: z.record(z.string(), z.unknown()).nullable() });

export const BoardItemNode = ItemNode.extend({
  project: z.object({
    id: z.string(),
    title: z.string(),
    number: z.number().int(),
    owner: z.object({ login: z.string().optional() }),
    fields: FieldList,
  }),
});

export const AddItemResponse = z.object({ addProjectV2ItemById: z.object({ item: z.object({ id: z.string() }).nullable() }).nullable() });
