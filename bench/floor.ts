// The floor for the audit benchmark: the same process work of listing,
// reading and YAML-parsing the same files, with no validation.
import { readCheckout } from "../src/cli/checkout.js";
import { parseYaml } from "../src/kep/yaml-text.js";

const dir = process.argv[2];
if (!dir) throw new Error("usage: floor.js <enhancements checkout>");
const checkout = readCheckout(dir);
let files = 0;
for (const path of checkout.paths) {
  if (!path.endsWith(".yaml")) continue;
  parseYaml(checkout.read(path) ?? "");
  files++;
}
process.stdout.write(`${files}\n`);
