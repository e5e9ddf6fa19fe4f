import type { AddressInfo } from "node:net";
import { createServer } from "node:net";

/** A loopback port free right now, for a process the test starts (which listens on it itself). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}
