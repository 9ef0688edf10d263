// Runs the conformance suite as this project's tests: `npx vitest run` (or `npx vitest --ui`) in this directory.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["*.test.ts"],
  },
});
