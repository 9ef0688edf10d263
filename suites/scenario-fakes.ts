// A small in-memory Agent Server for the scenario tests: right about store, threads and assistants except for planted faults.

import { startFaultyServer, type FaultyServer } from "../fixtures/faulty-server.ts";
import { assistantRoutes } from "./scenario-fake-assistants.ts";
import { storeRoutes } from "./scenario-fake-store.ts";
import { threadRoutes } from "./scenario-fake-threads.ts";

/** Starts the fake with these faults planted: names the fake modules know, or "500:METHOD /path" to break one route. */
export function startFake(faults: readonly string[] = []): Promise<FaultyServer> {
  const set = new Set(faults);
  return startFaultyServer([...storeRoutes(set), ...threadRoutes(set), ...assistantRoutes(set)]);
}
