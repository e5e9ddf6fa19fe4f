import { defineConfig } from "vitest/config";

// Sized for a busy 2-core machine (CI, or a laptop running other jobs): vitest's own defaults (5 s a
// test, 10 s a hook) fail tests that only waited for a CPU. Tests that start a process or a server
// set their own, larger timeout; these are the floor for everything else.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
