// What every area's scenarios share, each helper defined once.

export * from "./answers.ts";
export * from "./resources.ts";
export * from "./runs.ts";
export * from "./wait.ts";
export * from "./search.ts";
export * from "./gone.ts";
