// Differential mode (`--compare`): run the same plan against a reference, then report where the two behave differently.

export { compareRuns, type ComparedRun, type CompareOptions } from "./diff.ts";
export { comparingListener, type ComparingListener } from "./listener.ts";
export {
  comparisonFails,
  countDifferences,
  type Comparison,
  type ComparisonExtras,
  type Difference,
  type DifferenceKind,
  type Standing,
  type Unpaired,
} from "./model.ts";
export { parseReference, referenceLabel, runReference, type ReferenceChoice, type ReferenceRun } from "./reference.ts";
