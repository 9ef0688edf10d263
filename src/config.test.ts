// The config file: found by default name, validated with one-line errors, applied to expected statuses.

import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, loadConfig, validate } from "./config.ts";
import { expectedStatuses } from "./property/expectations.ts";
import type { Operation } from "./spec/operations.ts";

const dir = () => mkdtempSync(join(tmpdir(), "conformance-config-"));

const op = (statuses: string[]): Operation =>
  ({
    operationId: "createThread",
    method: "POST",
    path: "/threads",
    tag: "Threads",
    tags: ["Threads"],
    pointer: "",
    parameters: [],
    responses: statuses.map((status) => ({ status, pointer: "", content: {}, headers: {} })),
  }) as Operation;

describe("loadConfig", () => {
  it("is empty without a file", async () => {
    expect(await loadConfig(undefined, dir())).toEqual({});
  });

  it("reads conformance.config.json from the working directory", async () => {
    const d = dir();
    writeFileSync(
      join(d, "conformance.config.json"),
      JSON.stringify({ expectedStatuses: { createThread: { invalid: [400, 422] } } }),
    );
    expect(await loadConfig(undefined, d)).toEqual({ expectedStatuses: { createThread: { invalid: [400, 422] } } });
  });

  it("reads a module's default export", async () => {
    const d = dir();
    writeFileSync(join(d, "custom.mjs"), "export default { expectedStatuses: { 'POST /threads': { valid: [201] } } };");
    expect(await loadConfig("custom.mjs", d)).toEqual({ expectedStatuses: { "POST /threads": { valid: [201] } } });
  });

  it.each([
    ["a CommonJS folder", undefined],
    ["an ES module folder", '{ "type": "module" }'],
  ])("reads a TypeScript config's default export in %s", async (_, packageJson) => {
    const d = dir();
    if (packageJson) writeFileSync(join(d, "package.json"), packageJson);
    writeFileSync(
      join(d, "conformance.config.ts"),
      "const statuses: number[] = [201];\nexport default { expectedStatuses: { 'POST /threads': { valid: statuses } } };",
    );
    expect(await loadConfig(undefined, d)).toEqual({ expectedStatuses: { "POST /threads": { valid: [201] } } });
  });

  it.each([
    [{ expectedStatus: {} }, /unknown key expectedStatus/],
    [{ expectedStatuses: { createThread: { sometimes: [200] } } }, /only valid and invalid are known/],
    [{ expectedStatuses: { createThread: { valid: ["200"] } } }, /must be a list of HTTP status codes/],
  ])("refuses %j in one line", async (content, message) => {
    const d = dir();
    writeFileSync(join(d, "conformance.config.json"), JSON.stringify(content));
    const error = await loadConfig(undefined, d).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
  });

  it("refuses a named file that does not exist and malformed JSON", async () => {
    const d = dir();
    await expect(loadConfig("nope.json", d)).rejects.toThrow(
      /`--config` must name a file, but nope.json does not exist/,
    );
    writeFileSync(join(d, "conformance.config.json"), "{oops");
    await expect(loadConfig(undefined, d)).rejects.toThrow(/^cannot read config .*conformance\.config\.json: /);
  });
});

describe("credentials in the config", () => {
  it("reads the headers of each identity, taking ${NAME} from the environment", () => {
    const config = validate(
      { auth: { self: ["Authorization: Bearer ${TOKEN_A}"], other: ["Authorization: Bearer ${TOKEN_B}"] } },
      "c.json",
      { TOKEN_A: "aaa", TOKEN_B: "bbb" },
    );
    expect(config.auth).toEqual({ self: ["Authorization: Bearer aaa"], other: ["Authorization: Bearer bbb"] });
  });

  it.each([
    [{ auth: { self: ["Authorization: Bearer ${MISSING}"] } }, /auth\.self: \$\{MISSING\} is not set/],
    [{ auth: { admin: [] } }, /auth\.admin: only self and other are known/],
    [{ auth: { self: "Authorization: x" } }, /auth\.self must be a list/],
    [{ auth: [] }, /auth must be an object/],
  ])("refuses %j", (raw, message) => {
    expect(() => validate(raw, "c.json", {})).toThrow(message);
  });
});

describe("expectedStatuses", () => {
  it("lets valid requests meet the documented 404 and 409, and wants the other documented 4xx for invalid ones", () => {
    const documented = op(["200", "404", "409", "422"]);
    expect(expectedStatuses(documented, "valid")).toEqual([404, 409]);
    expect(expectedStatuses(documented, "invalid")).toEqual([422]);
  });

  it("names no status when the operation documents no rejection (any 4xx will do)", () => {
    expect(expectedStatuses(op(["200"]), "invalid")).toEqual([]);
  });

  it("follows the user's overrides by operation id or method and path", () => {
    expect(expectedStatuses(op(["200", "422"]), "invalid", { createThread: { invalid: [400] } })).toEqual([400]);
    expect(expectedStatuses(op(["200", "422"]), "valid", { "POST /threads": { valid: [201] } })).toEqual([201]);
  });
});
