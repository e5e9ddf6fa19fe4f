// The demo's release board: "v1.37 Release Tracking" (kubernetes project 264)
// with v1.37's spelling of its Status options, the fields of every release
// board, and one item a person has already worked on (its Enhancements
// Contact set), to show that the App leaves people's fields alone.
import {
  addItem,
  BOARD_SIGS,
  type FakeProject,
  type FieldSpec,
  RELEASE_BOARD_FIELDS,
  releaseBoard,
  setValue,
  V138_STATUS,
} from "../fake-github/projects.js";

export const BOARD = { owner: "kubernetes", number: 264, title: "v1.37 Release Tracking" } as const;

/** v1.37's board said "PRR Freeze" where v1.38's says "KEP readiness"; one capitalisation throughout, as the App then speaks it. */
const V137_STATUS = V138_STATUS.map((s) => s.replace("KEP readiness", "PRR Freeze").replace(/^At risk /, "At Risk "));
/** Every SIG that owns a v1.37 KEP of the fixtures has its option (SIG etcd's #5966 among them). */
const V137_SIGS = [...BOARD_SIGS, "sig-etcd"].sort();
const OPTIONS: Record<string, string[]> = { Status: V137_STATUS, SIG: V137_SIGS };
const V137_FIELDS: FieldSpec[] = RELEASE_BOARD_FIELDS.map((f) => (OPTIONS[f.name] ? { name: f.name, options: OPTIONS[f.name]! } : f));

/** The configuration's `board:` section for it. */
export const BOARD_CONFIG = `board:
  owner: ${BOARD.owner}
  number: ${BOARD.number}
`;

/** A person's field the App never writes, and who the Enhancements team put there. */
export const PEOPLES_FIELD = { name: "Enhancements Contact", value: "jenshu" } as const;

/** The board with one item, `prefilled`, whose Enhancements Contact a person has set; the App adds the rest. */
export function demoBoard(repo: { owner: string; name: string }, prefilled: number): FakeProject {
  const board = releaseBoard({ ...BOARD, fields: V137_FIELDS });
  const item = addItem(board, { owner: repo.owner, repo: repo.name, number: prefilled });
  setValue(board, item, PEOPLES_FIELD.name, PEOPLES_FIELD.value);
  return board;
}
