// Tests for --only / --skip selection: areas (tags, operation ids), rule ids, levels, capabilities, and unknown names.
import { describe, expect, it } from "vitest";
import type { Catalogue, CatalogueEntry } from "../rules/catalogue.ts";
import { createFilter, unknownNames, type Selection } from "./filter.ts";

const checkIds = ["status_code", "response_schema", "content_type"];
const entry = (
  id: string,
  level: CatalogueEntry["level"],
  capability?: CatalogueEntry["capability"],
): CatalogueEntry => ({
  id,
  level,
  title: id,
  kind: "rule",
  area: "test",
  severity: "major",
  operations: [],
  sdk: [],
  ref: "spec#/paths",
  ...(capability ? { capability } : {}),
});
const entries = [
  entry("status_code", "standard"),
  entry("response_schema", "core"),
  entry("content_type", "optional", "crons"),
];
const catalogue: Catalogue = { entries, byId: new Map(entries.map((e) => [e.id, e])), version: "test" };
const operations = [
  { operationId: "create_thread", tag: "Threads" },
  { operationId: "get_thread", tag: "Threads" },
  { operationId: "create_run", tag: "Thread Runs" },
  { operationId: "search_assistants", tag: "Assistants" },
];

const filter = (selection: Partial<Selection>) =>
  createFilter({ only: [], skip: [], ...selection }, catalogue, operations);

/** Every (operation id, check id) pair the filter wants, as "operation/check". */
function wanted(selection: Partial<Selection>): string[] {
  const f = filter(selection);
  return operations.flatMap((op) => checkIds.filter((c) => f.wants(op, c)).map((c) => `${op.operationId}/${c}`));
}

const all = operations.flatMap((op) => checkIds.map((c) => `${op.operationId}/${c}`));

describe("createFilter().wants", () => {
  it("wants everything when nothing is selected", () => {
    expect(wanted({})).toEqual(all);
  });

  it("--only a tag keeps that tag's operations, case-insensitively", () => {
    expect(wanted({ only: ["threads"] })).toEqual(all.filter((k) => /^(create|get)_thread\//.test(k)));
    expect(wanted({ only: ["THREADS"] })).toEqual(wanted({ only: ["Threads"] }));
  });

  it("--only a tag with a space in its name", () => {
    expect(wanted({ only: ["Thread Runs"] })).toEqual(checkIds.map((c) => `create_run/${c}`));
  });

  it("--only an operation id keeps just that operation", () => {
    expect(wanted({ only: ["get_thread"] })).toEqual(checkIds.map((c) => `get_thread/${c}`));
  });

  it("--only a check id keeps that check on every operation", () => {
    expect(wanted({ only: ["response_schema"] })).toEqual(operations.map((op) => `${op.operationId}/response_schema`));
  });

  it("--only several areas keeps their union", () => {
    expect(wanted({ only: ["get_thread", "Assistants"] })).toEqual([
      ...checkIds.map((c) => `get_thread/${c}`),
      ...checkIds.map((c) => `search_assistants/${c}`),
    ]);
  });

  it("--only several checks keeps their union", () => {
    expect(wanted({ only: ["status_code", "content_type"] })).toEqual(
      operations.flatMap((op) => [`${op.operationId}/status_code`, `${op.operationId}/content_type`]),
    );
  });

  it("--only an area and a check requires both to match", () => {
    expect(wanted({ only: ["Threads", "status_code"] })).toEqual([
      "create_thread/status_code",
      "get_thread/status_code",
    ]);
    expect(wanted({ only: ["create_run", "STATUS_CODE", "content_type"] })).toEqual([
      "create_run/status_code",
      "create_run/content_type",
    ]);
  });

  it("--skip a tag, an operation id or a check id removes it", () => {
    expect(wanted({ skip: ["threads"] })).toEqual(all.filter((k) => !k.match(/^(create|get)_thread\//)));
    expect(wanted({ skip: ["create_run"] })).toEqual(all.filter((k) => !k.startsWith("create_run/")));
    expect(wanted({ skip: ["Content_Type"] })).toEqual(all.filter((k) => !k.endsWith("/content_type")));
  });

  it("--skip wins over --only", () => {
    expect(wanted({ only: ["Threads"], skip: ["get_thread", "response_schema"] })).toEqual([
      "create_thread/status_code",
      "create_thread/content_type",
    ]);
  });

  it("judges operations that are not in the list by their tag and id", () => {
    const f = filter({ only: ["Threads"] });
    expect(f.wants({ operationId: "delete_thread", tag: "Threads" }, "status_code")).toBe(true);
    expect(f.wants({ operationId: "delete_thread", tag: "Crons" }, "status_code")).toBe(false);
  });
});

describe("levels and capabilities", () => {
  it("--only a level keeps the rules of that level, on every operation", () => {
    expect(wanted({ only: ["core"] })).toEqual(operations.map((op) => `${op.operationId}/response_schema`));
  });

  it("--only a capability keeps the rules that need it", () => {
    expect(wanted({ only: ["crons"] })).toEqual(operations.map((op) => `${op.operationId}/content_type`));
  });

  it("--skip a level or a capability removes its rules", () => {
    expect(wanted({ skip: ["optional"] })).toEqual(all.filter((k) => !k.endsWith("/content_type")));
    expect(wanted({ skip: ["crons"] })).toEqual(wanted({ skip: ["optional"] }));
  });

  it("dimensions combine: a level and an area must both match", () => {
    expect(wanted({ only: ["standard", "get_thread"] })).toEqual(["get_thread/status_code"]);
  });

  it("a level and a rule id must both match", () => {
    expect(wanted({ only: ["core", "status_code"] })).toEqual([]);
  });
});

describe("createFilter().wantsTag", () => {
  it("wants every tag when no area is selected, even with checks in --only", () => {
    for (const selection of [{}, { only: ["status_code"] }]) {
      const f = filter(selection);
      expect(["Threads", "Assistants", "Crons"].map((t) => f.wantsTag(t))).toEqual([true, true, true]);
    }
  });

  it("wants the tags named in --only", () => {
    const f = filter({ only: ["threads"] });
    expect(f.wantsTag("Threads")).toBe(true);
    expect(f.wantsTag("Assistants")).toBe(false);
  });

  it("wants the tag of an operation named in --only", () => {
    const f = filter({ only: ["create_run", "status_code"] });
    expect(f.wantsTag("Thread Runs")).toBe(true);
    expect(f.wantsTag("threads")).toBe(false);
  });

  it("does not want a skipped tag", () => {
    const f = filter({ only: ["Threads"], skip: ["threads"] });
    expect(f.wantsTag("Threads")).toBe(false);
    expect(filter({ skip: ["Assistants"] }).wantsTag("Assistants")).toBe(false);
    expect(filter({ skip: ["Assistants"] }).wantsTag("Threads")).toBe(true);
  });

  it("still wants a tag when only one of its operations is skipped", () => {
    expect(filter({ skip: ["get_thread"] }).wantsTag("Threads")).toBe(true);
  });
});

describe("unknownNames", () => {
  it("returns nothing when every name is a rule, a level, a capability, an operation id or a tag (any case)", () => {
    const selection = { only: ["threads", "GET_THREAD", "status_code", "Core", "crons"], skip: ["Thread Runs", "a2a"] };
    expect(unknownNames(selection, catalogue, operations)).toEqual([]);
  });

  it("returns the names of --only and --skip that match nothing, as given", () => {
    expect(
      unknownNames({ only: ["Threads", "Thred", "status"], skip: ["Cronz", "content_type"] }, catalogue, operations),
    ).toEqual(["Thred", "status", "Cronz"]);
  });

  it("returns nothing for an empty selection", () => {
    expect(unknownNames({ only: [], skip: [] }, catalogue, operations)).toEqual([]);
  });
});
