import { fileURLToPath } from "node:url";

/** The shared, read-only fixtures: `../shared/fixtures` beside the project root. */
export const FIXTURES = fileURLToPath(new URL("../../../shared/fixtures/", import.meta.url));
/** kubernetes/enhancements metadata at a known commit. */
export const ENHANCEMENTS = `${FIXTURES}enhancements`;
/** sig-release Timeline tables, v1.28 to v1.37. */
export const TIMELINES = `${FIXTURES}release-timelines`;
/** The project root. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
