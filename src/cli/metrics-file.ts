import { rename, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Writes a Prometheus textfile whole or not at all: node_exporter's textfile collector may read the
 * directory at any moment, and must never see half a file (it ignores names not ending in .prom,
 * so the temporary file beside it is never read).
 */
export async function writeMetricsFile(path: string, text: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  await writeFile(temporary, text);
  await rename(temporary, path);
}
