// The catalogue refuses what would make selection and reports ambiguous: duplicate ids, odd ids, levels without reason.

import { describe, expect, it } from "vitest";
import { CHECKS } from "../checks/index.ts";
import { defineArea } from "./area.ts";
import { buildCatalogue, CatalogueError } from "./catalogue.ts";
import { catalogueMarkdown, catalogueText } from "./render.ts";
import { defineRules, specRef, type RuleDeclaration } from "./rule.ts";

const declaration: RuleDeclaration = {
  title: "a thing reads back",
  severity: "major",
  level: "standard",
  operations: ["GET /things/{id}"],
  ref: "spec#/paths",
};
const area = (rules: Record<string, RuleDeclaration>) => ({
  id: "things",
  title: "Things",
  rules: Object.values(defineRules(rules)),
});

describe("buildCatalogue", () => {
  it("lists the checks, then each area's rules, with a version that follows ids and levels", () => {
    const one = buildCatalogue(CHECKS, [area({ thing_reads_back: declaration })]);
    expect(one.entries.map((e) => e.id)).toEqual([...CHECKS.map((c) => c.id), "thing_reads_back"]);
    expect(one.byId.get("thing_reads_back")).toMatchObject({ kind: "rule", area: "things", level: "standard" });
    const relevelled = buildCatalogue(CHECKS, [area({ thing_reads_back: { ...declaration, level: "core" } })]);
    expect(relevelled.version).not.toBe(one.version);
    expect(buildCatalogue(CHECKS, [area({ thing_reads_back: { ...declaration, title: "other words" } })]).version).toBe(
      one.version,
    );
  });

  it("refuses a rule id that is already a check id, or declared by two areas", () => {
    expect(() => buildCatalogue(CHECKS, [area({ not_a_server_error: declaration })])).toThrow(CatalogueError);
    const twice = [
      area({ thing_reads_back: declaration }),
      { ...area({ thing_reads_back: declaration }), id: "others" },
    ];
    expect(() => buildCatalogue(CHECKS, twice)).toThrow(/declared twice \(things and others\)/);
  });

  it("refuses ids that are not snake_case, and optional rules without a capability (or the other way round)", () => {
    expect(() => buildCatalogue([], [area({ "Thing-Reads": declaration })])).toThrow(/not snake_case/);
    expect(() => buildCatalogue([], [area({ thing: { ...declaration, level: "optional" } })])).toThrow(/capability/);
    expect(() => buildCatalogue([], [area({ thing: { ...declaration, capability: "crons" } })])).toThrow(/capability/);
  });
});

describe("out of scope", () => {
  const outOfScope = [
    { operation: "GET /things/{id}", behaviour: "the colour of a thing", reason: "nothing shows it" },
  ];
  const operations = [{ method: "GET", path: "/things/{id}" }] as unknown as Parameters<typeof buildCatalogue>[2];

  it("is listed with its area, and shown in the text and Markdown catalogues", () => {
    const things = { ...area({ thing_reads_back: declaration }), outOfScope };
    const catalogue = buildCatalogue([], [things], operations);
    expect(catalogue.outOfScope).toEqual([{ ...outOfScope[0], area: "things" }]);
    const text = catalogueText(catalogue).split("\n");
    expect(text).toContain("  GET /things/{id}  the colour of a thing: nothing shows it");
    expect(text.at(-1)).toMatch(/^1 entries, catalogue /);
    const areas = [defineArea({ ...things, rules: {}, scenarios: [], faults: {} })];
    expect(catalogueMarkdown(catalogue, areas)).toContain(
      "| `GET /things/{id}` | the colour of a thing | nothing shows it |",
    );
  });

  it("must name an operation of the spec, and give what is left out and why", () => {
    const named = (item: (typeof outOfScope)[number]) => [{ ...area({}), outOfScope: [item] }];
    expect(() => buildCatalogue([], named({ ...outOfScope[0]!, operation: "GET /other" }), operations)).toThrow(
      /names no operation of the spec: GET \/other/,
    );
    expect(() => buildCatalogue([], named({ ...outOfScope[0]!, reason: " " }), operations)).toThrow(/a reason/);
  });
});

describe("defineArea", () => {
  it("refuses a fault table that does not name exactly the area's rules", () => {
    const rules = defineRules({ thing_reads_back: declaration, thing_has_name: declaration });
    const base = { id: "things", title: "Things", rules, scenarios: [] };
    expect(() => defineArea({ ...base, faults: { thing_reads_back: { fault: "x" } } })).toThrow(
      /missing thing_has_name/,
    );
    const extra = { thing_reads_back: { fault: "x" }, thing_has_name: { fault: "y" }, thing_gone: { fault: "z" } };
    expect(() => defineArea({ ...base, faults: extra })).toThrow(/unknown thing_gone/);
  });
});

describe("specRef", () => {
  it("escapes the path as a JSON pointer token", () => {
    expect(specRef("GET /threads/{thread_id}/state", "/responses/200")).toBe(
      "spec#/paths/~1threads~1{thread_id}~1state/get/responses/200",
    );
  });
});
