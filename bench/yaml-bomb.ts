import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A YAML alias bomb ("billion laughs"): each line lists the previous anchor
 * nine times, so a file of about 600 bytes stands for 9^9 scalars once its
 * aliases are expanded. The kind of kep.yaml anyone can put in a pull request.
 */
export function yamlBomb(levels = 9): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < levels; i++)
    lines.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(",")}]`,
    );
  return `${lines.join("\n")}\n`;
}

/** A checkout on disk whose only KEP is the bomb, with the real approvers; returns its root. */
export function bombCheckout(ownersAliases: string, dir: string): string {
  mkdirSync(join(dir, "keps/sig-node/1-bomb"), { recursive: true });
  writeFileSync(join(dir, "keps/sig-node/1-bomb/kep.yaml"), yamlBomb());
  copyFileSync(ownersAliases, join(dir, "OWNERS_ALIASES"));
  return dir;
}
