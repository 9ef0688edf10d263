import { defineConfig } from "vitest/config";

/** Unit files whose assertions time the machine (start-up, browsers, child servers): run alone, after the others. */
const TIMED = [
  "src/cli-entry.test.ts",
  "src/ui.browser.test.ts",
  "reporters/html.browser.test.ts",
  "fixtures/pure-graph.test.ts",
];

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
          exclude: ["**/*.e2e.test.ts", "**/node_modules/**", "dist/**", ...TIMED],
          // Most unit files wait on fakes and timers rather than compute: more workers than cores finish sooner.
          maxWorkers: 4,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: "timed", include: TIMED, maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
      {
        extends: true,
        // One at a time: each starts real servers and full runs, and their timing assertions need the machine.
        test: {
          name: "e2e",
          include: ["suites/e2e/**/*.e2e.test.ts"],
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
