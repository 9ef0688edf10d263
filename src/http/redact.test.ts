// Tests for the redactor: user-supplied header values never reach recorded text or header maps.
import { describe, expect, it } from "vitest";
import { createRedactor, REDACTED } from "./redact.ts";

describe("createRedactor", () => {
  const redactor = createRedactor({
    Authorization: "Bearer tok-1234567",
    "X-Tenant": "tenant-secret",
    "X-Short": "abc",
  });

  describe("text", () => {
    it("replaces every occurrence of a user-supplied header value", () => {
      expect(redactor.text('{"tenant":"tenant-secret","again":"tenant-secret"}')).toBe(
        `{"tenant":"${REDACTED}","again":"${REDACTED}"}`,
      );
    });

    it("hides a whole 'Bearer …' value as one piece", () => {
      expect(redactor.text("authorization: Bearer tok-1234567")).toBe(`authorization: ${REDACTED}`);
    });

    it("hides the bare token of a 'Bearer …' value", () => {
      expect(redactor.text("token=tok-1234567&x=1")).toBe(`token=${REDACTED}&x=1`);
    });

    it.each(["Basic dXNlcjpwYXNz", "Token abcdef", "bearer lower-case-1"])(
      "hides the bare credential of %j",
      (value) => {
        const bare = value.split(" ")[1];
        expect(createRedactor({ authorization: value }).text(`[${bare}]`)).toBe(`[${REDACTED}]`);
      },
    );

    it("does not replace values shorter than 4 characters in free text", () => {
      expect(redactor.text("abc abcd")).toBe("abc abcd");
    });

    it("does not hide the short bare token of 'Bearer xyz', but hides the whole value", () => {
      const r = createRedactor({ authorization: "Bearer xyz" });
      expect(r.text("got Bearer xyz")).toBe(`got ${REDACTED}`);
      expect(r.text("xyz")).toBe("xyz");
    });

    it("leaves text without secrets unchanged", () => {
      expect(redactor.text("nothing to hide here")).toBe("nothing to hide here");
    });

    it("replaces a longer secret whole even when it contains a shorter one", () => {
      const r = createRedactor({ "x-a": "key-1", "x-b": "key-1-extended" });
      expect(r.text("key-1-extended / key-1")).toBe(`${REDACTED} / ${REDACTED}`);
    });

    it("does nothing when no headers were supplied", () => {
      expect(createRedactor({}).text("Bearer tok-1234567")).toBe("Bearer tok-1234567");
    });
  });

  describe("value", () => {
    it("replaces secrets in every string of a nested value, keys included, and keeps other values", () => {
      const input = {
        list: ["tenant-secret", 1, null, true, { deep: "x tok-1234567 y" }],
        "tenant-secret": "key",
        short: "abc",
      };
      expect(redactor.value(input)).toEqual({
        list: [REDACTED, 1, null, true, { deep: `x ${REDACTED} y` }],
        [REDACTED]: "key",
        short: "abc",
      });
    });

    it("returns a copy and leaves the input untouched", () => {
      const input = { a: ["tenant-secret"] };
      const out = redactor.value(input);
      expect(out).not.toBe(input);
      expect(out.a).not.toBe(input.a);
      expect(input).toEqual({ a: ["tenant-secret"] });
    });

    it("returns scalars as they are", () => {
      expect([
        redactor.value(3),
        redactor.value(null),
        redactor.value(undefined),
        redactor.value("tenant-secret"),
      ]).toEqual([3, null, undefined, REDACTED]);
    });
  });

  describe("headers", () => {
    it("hides the values of user-supplied headers, whatever their case", () => {
      expect(redactor.headers({ "x-tenant": "anything", "X-SHORT": "abc" })).toEqual({
        "x-tenant": REDACTED,
        "X-SHORT": REDACTED,
      });
    });

    it.each([
      "Authorization",
      "authorization",
      "X-Api-Key",
      "x-api-key",
      "Cookie",
      "Proxy-Authorization",
      "api-key",
      "X-Auth-Token",
    ])("always hides %s, even when the user did not supply it", (name) => {
      expect(createRedactor({}).headers({ [name]: "v" })).toEqual({ [name]: REDACTED });
    });

    it("keeps other header names and values, redacting secrets inside them", () => {
      expect(
        redactor.headers({
          "content-type": "application/json",
          "x-echo": "tenant=tenant-secret",
          "x-api-keys": "plain",
        }),
      ).toEqual({ "content-type": "application/json", "x-echo": `tenant=${REDACTED}`, "x-api-keys": "plain" });
    });

    it("returns a copy and leaves the input untouched", () => {
      const input = { authorization: "Bearer tok-1234567", accept: "*/*" };
      const out = redactor.headers(input);
      expect(out).not.toBe(input);
      expect(input).toEqual({ authorization: "Bearer tok-1234567", accept: "*/*" });
    });
  });
});
