import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["{src,reporters,suites,fixtures}/**/*.test.ts"],
          exclude: ["**/*.e2e.test.ts", "**/node_modules/**", "dist/**"],
        },
      },
      {
        extends: true,
        // One at a time: each starts real servers and full runs, and their timing assertions need the machine.
        test: { name: "e2e", include: ["suites/e2e/**/*.e2e.test.ts"], fileParallelism: false },
      },
    ],
  },
});
