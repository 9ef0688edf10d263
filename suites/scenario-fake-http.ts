// The HTTP side of the scenario fakes: a route table with path parameters, answers, planted route faults, jsonb containment.

import type { Route, ScriptedAnswer, ScriptedRequest } from "../fixtures/faulty-server.ts";

export interface FakeRequest extends ScriptedRequest {
  params: Record<string, string>;
  /** The parsed body: the fakes read request bodies of every shape. */
  json: any;
}

export type Handler = (req: FakeRequest) => ScriptedAnswer;

/** Planted faults: names each fake module knows, or "500:METHOD /path" to break one route. */
export type Faults = ReadonlySet<string>;

export const ok = (body: unknown): ScriptedAnswer => ({ status: 200, body });
export const noContent: ScriptedAnswer = { status: 204 };
export const error = (status: number, detail: string): ScriptedAnswer => ({ status, body: { detail } });
export const now = () => new Date().toISOString();

/** Routes from a table of "METHOD /path/{param}" handlers; "500:<key>" in the faults breaks that route. */
export function routes(table: Record<string, Handler>, faults: Faults): Route[] {
  return Object.entries(table).map(([key, handler]) => {
    const [method, template = ""] = key.split(" ");
    const names: string[] = [];
    const pattern = new RegExp(`^${template.replace(/\{([^}]+)\}/g, (_, name: string) => (names.push(name), "([^/]+)"))}$`);
    return (req) => {
      const match = req.method === method ? pattern.exec(req.path) : null;
      if (!match) return undefined;
      if (faults.has(`500:${key}`)) return error(500, "planted fault");
      let json: unknown;
      try {
        json = req.body ? JSON.parse(req.body) : undefined;
      } catch {
        return error(422, "malformed JSON");
      }
      return handler({ ...req, json, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1] ?? "")])) });
    };
  });
}

/** Postgres jsonb containment (`@>`): every pair of `sub` is in `sup`; an array element matches any element. */
export function contains(sup: unknown, sub: unknown): boolean {
  if (Array.isArray(sub)) return Array.isArray(sup) && sub.every((s) => sup.some((x) => contains(x, s)));
  if (sub && typeof sub === "object") return !!sup && typeof sup === "object" && !Array.isArray(sup) && Object.entries(sub).every(([k, v]) => contains((sup as Record<string, unknown>)[k], v));
  return sup === sub;
}

export const page = <T>(items: T[], body: { limit?: number; offset?: number } | undefined, limit = 10) => items.slice(body?.offset ?? 0, (body?.offset ?? 0) + (body?.limit ?? limit));
