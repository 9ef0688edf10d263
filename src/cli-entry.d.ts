// Types of cli-entry.js: plain JavaScript, since bin.js loads it before anything could compile TypeScript.

export declare const ROOT: string;
export declare const BUILD_STAMP: string;
export declare const COMPILED_CLI: string;
export declare const SOURCE_DIRS: readonly string[];

/** What bin.js runs, or why it can run nothing. */
export type CliChoice = { run: "compiled" | "sources"; problem?: undefined } | { run?: undefined; problem: string };

export interface CliFacts {
  forceSources: boolean;
  hasSources: boolean;
  stampMs: number | undefined;
  newestSourceMs: number | undefined;
}

export declare function chooseCli(facts: CliFacts): CliChoice;
export declare function newestSourceMtime(root: string, dirs?: readonly string[]): number;
export declare function cliToRun(env?: NodeJS.ProcessEnv, root?: string): CliChoice;
