import type { IssueBody } from "../../src/reading/issue-body.js";

/** What a tracking issue's body that says nothing (null, blank, an unfilled template) reads as. */
export const EMPTY_BODY: IssueBody = {
  description: null,
  kepLink: null,
  discussionLink: null,
  contacts: [],
  sigs: [],
  stages: [],
  allPrs: [],
  unclosedHtmlComment: false,
};
