// The test file `conformance --ui` runs in Vitest: the suite under the command line's options.

import { describeConformance } from "../vitest.ts";
import { decodeUiOptions } from "./options.ts";

// Run in a process of its own by `conformance --ui`: should that go away without stopping it, so does this one (and
// the embedded server it started, which watches its parent).
process.once("disconnect", () => process.exit(1));

describeConformance(decodeUiOptions());
