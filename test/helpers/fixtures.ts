import { fileURLToPath } from "node:url";

/** Real upstream data copied into the project (provenance in `test/fixtures/README.md`). */
export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
/** kubernetes/enhancements metadata at a known commit. */
export const ENHANCEMENTS = `${FIXTURES}enhancements`;
/** sig-release Timeline tables, v1.28 to v1.37. */
export const TIMELINES = `${FIXTURES}release-timelines`;
/** The project root. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
