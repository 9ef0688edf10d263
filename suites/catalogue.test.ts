// The catalogue as a whole: ids unique and stable in form, references that resolve, every rule judged and proven,
// and docs/rules.md as the catalogue renders it.

import { existsSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { catalogueMarkdown } from "../src/rules/render.ts";
import type { Catalogue } from "../src/rules/catalogue.ts";
import { locate } from "../src/spec/pointer.ts";
import { loadSpec, type LoadedSpec } from "../src/spec/load.ts";
import { AREAS, catalogue as buildCatalogue, SCENARIOS } from "./index.ts";
import { SDK_METHODS } from "./sdk/methods.ts";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");

let spec: LoadedSpec;
let catalogue: Catalogue;

beforeAll(async () => {
  spec = await loadSpec();
  catalogue = buildCatalogue(spec.operations);
});

describe("the catalogue", () => {
  it("lists every check and rule once, at least 140 of them", () => {
    expect(catalogue.entries.length).toBeGreaterThanOrEqual(140);
    expect(new Set(catalogue.entries.map((e) => e.id)).size).toBe(catalogue.entries.length);
  });

  it("names only operations of the spec and SDK methods of the method list", () => {
    const operations = new Set(spec.operations.map((op) => `${op.method} ${op.path}`));
    const methods = new Set<string>(SDK_METHODS);
    for (const entry of catalogue.entries) {
      expect(
        entry.operations.filter((op) => !operations.has(op)),
        entry.id,
      ).toEqual([]);
      expect(
        entry.sdk.filter((m) => !methods.has(m)),
        entry.id,
      ).toEqual([]);
    }
  });

  it("points every rule at a place in the spec or an erratum that exists", () => {
    const errata = new Set([...read("../spec/ERRATA.md").matchAll(/^### (E\d+)\./gm)].map((m) => m[1]));
    for (const { id, ref } of catalogue.entries) {
      const [kind, target = ""] = ref.split("#");
      if (kind === "errata") expect(errata.has(target), `${id}: ${ref}`).toBe(true);
      else {
        expect(kind, id).toBe("spec");
        expect(locate(spec.document, `#${target}`).node, `${id}: ${ref}`).toBeDefined();
      }
    }
  });

  it("has every rule judged by a scenario of its own area, and no scenario judging a rule outside the catalogue", () => {
    for (const area of AREAS) {
      const judged = new Set(area.scenarios.flatMap((s) => s.rules.map((r) => r.id)));
      expect(
        area.rules.map((r) => r.id).filter((id) => !judged.has(id)),
        area.id,
      ).toEqual([]);
    }
    expect(SCENARIOS.flatMap((s) => s.rules.map((r) => r.id)).filter((id) => !catalogue.byId.has(id))).toEqual([]);
  });

  it("has a planted-fault test file for every area", () => {
    for (const area of AREAS) {
      const file = new URL(`./${area.id}/${area.id}.test.ts`, import.meta.url);
      expect(existsSync(file), area.id).toBe(true);
      expect(readFileSync(file, "utf8"), area.id).toMatch(/provePlantedFaults\(/);
    }
  });

  it("is what docs/rules.md says (run `npm run docs` after changing a rule)", () => {
    expect(read("../docs/rules.md")).toBe(catalogueMarkdown(catalogue, AREAS));
  });
});
