"""The SDK flows driven through the official Python client (langgraph_sdk), one JSON line per SDK call and claim.

Reads one JSON object on stdin: {url, headers, prefix, metadata, flows, graph_id, assistant_id, slow_assistant_id,
timeout_s}.
Prints, per SDK call: {"type": "call", flow, method, op, call, ok, error?, value?, exchanges}; per claim on a result:
{"type": "claim", flow, method, op, call, claim, holds, expected, actual}; when a flow stops early:
{"type": "stop", flow, reason}; and at the end {"type": "done", version}. Everything it creates is deleted at the end,
also when a flow fails or the process is told to stop (SIGTERM).
"""

from __future__ import annotations

import asyncio
import inspect
import json
import os
import signal
import sys
import time
from typing import Any, Awaitable, Callable

for name in ("LANGGRAPH_API_KEY", "LANGSMITH_API_KEY", "LANGCHAIN_API_KEY"):
    os.environ.pop(name, None)  # only the headers the run was given reach the target

import httpx  # noqa: E402
import langgraph_sdk  # noqa: E402
from langgraph_sdk import get_client  # noqa: E402

BODY_CHARS = 4000
# Set by the transport, not by the SDK: a curl replay sets its own.
TRANSPORT_HEADERS = {"host", "content-length", "connection", "accept-encoding"}
VALUE_CHARS = 8000


def emit(line: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(line, default=str) + "\n")
    sys.stdout.flush()


def bounded(value: Any) -> Any:
    """The value as JSON, or its text cut short when it is large."""
    try:
        text = json.dumps(value, default=str)
    except (TypeError, ValueError):
        return repr(value)[:VALUE_CHARS]
    return value if len(text) <= VALUE_CHARS else text[:VALUE_CHARS]


class Recorder:
    """Keeps every HTTP exchange of the client, through httpx event hooks."""

    def __init__(self) -> None:
        self.exchanges: list[dict[str, Any]] = []
        self._open: dict[int, dict[str, Any]] = {}

    async def on_request(self, request: httpx.Request) -> None:
        try:
            body = request.content.decode("utf-8", "replace")
        except httpx.RequestNotRead:
            body = None
        record: dict[str, Any] = {
            "request": {
                "method": request.method,
                "url": str(request.url),
                "headers": {k.lower(): v for k, v in request.headers.items() if k.lower() not in TRANSPORT_HEADERS},
                **({"body": body} if body else {}),
            },
            "_started": time.monotonic(),
        }
        self._open[id(request)] = record
        self.exchanges.append(record)

    async def on_response(self, response: httpx.Response) -> None:
        record = self._open.pop(id(response.request), None)
        if record is None:
            return
        streamed = "text/event-stream" in response.headers.get("content-type", "")
        body = ""
        if not streamed:
            await response.aread()
            body = response.content.decode("utf-8", "replace")[:BODY_CHARS]
        record["response"] = {
            "status": response.status_code,
            "headers": {k.lower(): v for k, v in response.headers.items()},
            "body": body,
            "durationMs": round((time.monotonic() - record.pop("_started")) * 1000),
        }

    def since(self, start: int) -> list[dict[str, Any]]:
        out = []
        for record in self.exchanges[start:]:
            record.pop("_started", None)
            out.append(record)
        return out


class Flow:
    """One flow's calls on the recording client, and what it created (deleted at the end)."""

    def __init__(self, name: str, client: Any, recorder: Recorder, created: list[Callable[[], Awaitable[Any]]]):
        self.name = name
        self.client = client
        self.recorder = recorder
        self.created = created

    async def call(
        self,
        method: str,
        op: str,
        call: str,
        run: Callable[[Any], Awaitable[Any]],
        claim: tuple[str, Any, Callable[[Any], bool]] | None = None,
    ) -> tuple[bool, Any]:
        start = len(self.recorder.exchanges)
        where = {"flow": self.name, "method": method, "op": op, "call": call}
        try:
            value = await run(self.client)
        except asyncio.CancelledError:
            raise
        except Exception as err:  # noqa: BLE001 - every SDK error is a verdict
            exchanges = self.recorder.since(start)
            if exchanges and "response" not in exchanges[-1]:
                exchanges[-1]["error"] = f"{type(err).__name__}: {err}"
            emit({"type": "call", **where, "ok": False, "error": f"{type(err).__name__}: {err}", "exchanges": exchanges})
            return False, None
        exchanges = self.recorder.since(start)
        if exchanges and isinstance(value, list) and exchanges[-1].get("response", {}).get("body") == "":
            # A stream's body is what the client read of it: its parts.
            exchanges[-1]["response"]["body"] = json.dumps(value, default=str)[:BODY_CHARS]
        emit({"type": "call", **where, "ok": True, "value": bounded(value), "exchanges": exchanges})
        if claim is not None:
            text, expected, holds = claim
            try:
                ok = bool(holds(value))
            except Exception:  # noqa: BLE001 - an answer of another shape than the SDK's types promise
                ok = False
            emit({"type": "claim", **where, "claim": text, "holds": ok, "expected": expected, "actual": bounded(value)})
        return True, value

    def stop(self, reason: str) -> None:
        emit({"type": "stop", "flow": self.name, "reason": reason})
        raise FlowStopped(reason)


class FlowStopped(Exception):
    pass


def pick(value: Any, path: str) -> Any:
    for key in path.split("."):
        if isinstance(value, dict):
            value = value.get(key)
        elif isinstance(value, list) and key.isdigit() and int(key) < len(value):
            value = value[int(key)]
        else:
            return None
    return value


def human(text: str) -> dict[str, Any]:
    return {"messages": [{"role": "human", "content": text}]}


def has_message(values: Any, text: str) -> bool:
    messages = pick(values, "messages")
    return isinstance(messages, list) and any(pick(m, "content") == text for m in messages)


async def collect(parts: Any) -> list[dict[str, Any]]:
    """A stream's parts as plain {event, data} objects."""
    return [{"event": p.event, "data": p.data} for p in [part async for part in parts]]


async def store_flow(f: Flow, cfg: dict[str, Any]) -> None:
    ns = [cfg["prefix"], "sdk-python"]
    value = {"text": "from the SDK"}
    f.created.append(lambda: f.client.store.delete_item(ns, "item"))
    ok, _ = await f.call(
        "store.put_item", "PUT /store/items", "client.store.put_item",
        lambda c: c.store.put_item(ns, "item", value, index=False),
    )
    if not ok:
        f.stop("client.store.put_item failed, so the other store methods have no item to work on")
    await f.call(
        "store.get_item", "GET /store/items", "client.store.get_item", lambda c: c.store.get_item(ns, "item"),
        ("returns the item put", value, lambda item: item["value"] == value),
    )
    await f.call(
        "store.search_items", "POST /store/items/search", "client.store.search_items",
        lambda c: c.store.search_items(ns, limit=10),
        ("finds the item", ["item"], lambda r: any(i["key"] == "item" for i in r["items"])),
    )
    await f.call(
        "store.list_namespaces", "POST /store/namespaces", "client.store.list_namespaces",
        lambda c: c.store.list_namespaces(prefix=ns),
        ("lists the item's namespace", [ns], lambda r: ns in [list(n) for n in r["namespaces"]]),
    )
    await f.call(
        "store.delete_item", "DELETE /store/items", "client.store.delete_item",
        lambda c: c.store.delete_item(ns, "item"),
    )


async def create_thread(f: Flow, meta: dict[str, str], graph_id: str) -> str:
    ok, thread = await f.call(
        "threads.create", "POST /threads", "client.threads.create",
        lambda c: c.threads.create(metadata=meta, graph_id=graph_id),
        (
            "returns a thread with the metadata given",
            meta,
            lambda t: t["metadata"]["conformance_scenario"] == meta["conformance_scenario"],
        ),
    )
    thread_id = pick(thread, "thread_id") if ok else None
    if not isinstance(thread_id, str):
        f.stop("client.threads.create failed, so the other thread methods have no thread to work on")
    f.created.append(lambda: f.client.threads.delete(thread_id))
    return thread_id


async def threads_flow(f: Flow, cfg: dict[str, Any]) -> None:
    meta = {**cfg["metadata"], "conformance_scenario": "sdk-python-threads"}
    tid = await create_thread(f, meta, cfg["graph_id"])
    await f.call(
        "threads.get", "GET /threads/{thread_id}", "client.threads.get", lambda c: c.threads.get(tid),
        ("returns the thread", tid, lambda t: t["thread_id"] == tid),
    )
    await f.call(
        "threads.update", "PATCH /threads/{thread_id}", "client.threads.update",
        lambda c: c.threads.update(tid, metadata={"extra": "1"}),
        (
            "returns the thread with the metadata merged",
            {**meta, "extra": "1"},
            lambda t: t["metadata"]["extra"] == "1"
            and t["metadata"]["conformance_scenario"] == meta["conformance_scenario"],
        ),
    )
    await f.call(
        "threads.search", "POST /threads/search", "client.threads.search", lambda c: c.threads.search(metadata=meta),
        ("finds the thread by metadata", [tid], lambda ts: any(t["thread_id"] == tid for t in ts)),
    )
    await f.call(
        "threads.count", "POST /threads/count", "client.threads.count", lambda c: c.threads.count(metadata=meta),
        ("counts the one thread with that metadata", 1, lambda n: n == 1),
    )
    updated, _ = await f.call(
        "threads.update_state", "POST /threads/{thread_id}/state", "client.threads.update_state",
        lambda c: c.threads.update_state(tid, human("sdk"), as_node="echo"),
        (
            "returns the new checkpoint",
            "checkpoint.checkpoint_id",
            lambda r: isinstance(pick(r, "checkpoint.checkpoint_id"), str),
        ),
    )
    latest_ok, latest = await f.call(
        "threads.get_state", "GET /threads/{thread_id}/state", "client.threads.get_state",
        lambda c: c.threads.get_state(tid),
        ("shows the values written by update_state", {"messages": [{"content": "sdk"}]},
         lambda s: has_message(s["values"], "sdk")),
    )
    checkpoint = pick(latest, "checkpoint") if updated and latest_ok else None
    checkpoint_id = pick(checkpoint, "checkpoint_id")
    if isinstance(checkpoint_id, str):
        at = ("returns the state at that checkpoint", checkpoint_id,
              lambda s: pick(s, "checkpoint.checkpoint_id") == checkpoint_id)
        await f.call(
            "threads.get_state", "GET /threads/{thread_id}/state/{checkpoint_id}",
            "client.threads.get_state(thread_id, checkpoint_id=...)",
            lambda c: c.threads.get_state(tid, checkpoint_id=checkpoint_id), at,
        )
        await f.call(
            "threads.get_state", "POST /threads/{thread_id}/state/checkpoint",
            "client.threads.get_state(thread_id, checkpoint=...)",
            lambda c: c.threads.get_state(tid, checkpoint=checkpoint),
            ("returns the state at the checkpoint object read from get_state", checkpoint_id, at[2]),
        )
    history_claim = (
        ("lists the latest checkpoint first", checkpoint_id,
         lambda h: pick(h[0], "checkpoint.checkpoint_id") == checkpoint_id)
        if isinstance(checkpoint_id, str)
        else ("lists the thread's checkpoints", "a non-empty list", lambda h: len(h) > 0)
    )
    await f.call(
        "threads.get_history", "POST /threads/{thread_id}/history", "client.threads.get_history",
        lambda c: c.threads.get_history(tid, limit=5), history_claim,
    )
    copied_ok, copied = await f.call(
        "threads.copy", "POST /threads/{thread_id}/copy", "client.threads.copy", lambda c: c.threads.copy(tid),
        ("returns a new thread", f"a thread other than {tid}",
         lambda t: isinstance(t["thread_id"], str) and t["thread_id"] != tid),
    )
    copy_id = pick(copied, "thread_id") if copied_ok else None
    if isinstance(copy_id, str) and copy_id != tid:
        f.created.append(lambda: f.client.threads.delete(copy_id))
    await f.call(
        "threads.delete", "DELETE /threads/{thread_id}", "client.threads.delete", lambda c: c.threads.delete(tid)
    )


async def assistants_flow(f: Flow, cfg: dict[str, Any]) -> None:
    graph_id = cfg["graph_id"]
    meta = {**cfg["metadata"], "conformance_scenario": "sdk-python-assistants"}
    ok, created = await f.call(
        "assistants.create", "POST /assistants", "client.assistants.create",
        lambda c: c.assistants.create(graph_id, name=f"{cfg['prefix']}-sdk-python", metadata=meta, if_exists="raise"),
        ("returns an assistant of the graph given", graph_id, lambda a: a["graph_id"] == graph_id),
    )
    aid = pick(created, "assistant_id") if ok else None
    if not isinstance(aid, str):
        f.stop("client.assistants.create failed, so the other assistant methods have no assistant to work on")
    f.created.append(lambda: f.client.assistants.delete(aid))
    await f.call(
        "assistants.get", "GET /assistants/{assistant_id}", "client.assistants.get", lambda c: c.assistants.get(aid),
        ("returns the assistant", aid, lambda a: a["assistant_id"] == aid),
    )
    await f.call(
        "assistants.get_graph", "GET /assistants/{assistant_id}/graph", "client.assistants.get_graph",
        lambda c: c.assistants.get_graph(aid, xray=True),
        ("returns the graph with its echo node", "a node echo", lambda g: any(n["id"] == "echo" for n in g["nodes"])),
    )
    await f.call(
        "assistants.get_schemas", "GET /assistants/{assistant_id}/schemas", "client.assistants.get_schemas",
        lambda c: c.assistants.get_schemas(aid),
        ("returns the graph's schemas", {"graph_id": graph_id}, lambda s: s["graph_id"] == graph_id),
    )
    await f.call(
        "assistants.get_subgraphs", "GET /assistants/{assistant_id}/subgraphs", "client.assistants.get_subgraphs",
        lambda c: c.assistants.get_subgraphs(aid),
        ("returns no subgraphs for a graph without any", {}, lambda s: len(s) == 0),
    )
    await f.call(
        "assistants.update", "PATCH /assistants/{assistant_id}", "client.assistants.update",
        lambda c: c.assistants.update(aid, metadata={"revision": "2"}),
        ("returns the assistant with the new metadata", {"revision": "2"},
         lambda a: a["metadata"]["revision"] == "2"),
    )
    await f.call(
        "assistants.get_versions", "POST /assistants/{assistant_id}/versions", "client.assistants.get_versions",
        lambda c: c.assistants.get_versions(aid), ("lists both versions", 2, lambda v: len(v) == 2),
    )
    await f.call(
        "assistants.set_latest", "POST /assistants/{assistant_id}/latest", "client.assistants.set_latest",
        lambda c: c.assistants.set_latest(aid, 1), ("returns the assistant at version 1", 1, lambda a: a["version"] == 1),
    )
    await f.call(
        "assistants.search", "POST /assistants/search", "client.assistants.search",
        lambda c: c.assistants.search(metadata=meta),
        ("finds the assistant by metadata", [aid], lambda xs: any(a["assistant_id"] == aid for a in xs)),
    )
    await f.call(
        "assistants.count", "POST /assistants/count", "client.assistants.count",
        lambda c: c.assistants.count(metadata=meta),
        ("counts the one assistant with that metadata", 1, lambda n: n == 1),
    )
    await f.call(
        "assistants.delete", "DELETE /assistants/{assistant_id}", "client.assistants.delete",
        lambda c: c.assistants.delete(aid),
    )


async def runs_flow(f: Flow, cfg: dict[str, Any]) -> None:
    assistant_id = cfg["assistant_id"]
    meta = {**cfg["metadata"], "conformance_scenario": "sdk-python-runs"}
    tid = await create_thread(f, meta, cfg["graph_id"])
    answered = lambda text: lambda values: has_message(values, f"echo: {text}")  # noqa: E731
    await f.call(
        "runs.wait", "POST /threads/{thread_id}/runs/wait", "client.runs.wait",
        lambda c: c.runs.wait(tid, assistant_id, input=human("wait")),
        ("returns the thread's values with the graph's answer", "echo: wait", answered("wait")),
    )
    await f.call(
        "runs.stream", "POST /threads/{thread_id}/runs/stream", "client.runs.stream",
        lambda c: collect(c.runs.stream(tid, assistant_id, input=human("stream"), stream_mode="values")),
        ("streams the values with the graph's answer", "echo: stream",
         lambda parts: any(p["event"] == "values" and answered("stream")(p["data"]) for p in parts)),
    )
    ok, run = await f.call(
        "runs.create", "POST /threads/{thread_id}/runs", "client.runs.create",
        lambda c: c.runs.create(tid, assistant_id, input=human("background")),
        ("returns a run on the thread", tid, lambda r: r["thread_id"] == tid and isinstance(r["run_id"], str)),
    )
    rid = pick(run, "run_id") if ok else None
    if isinstance(rid, str):
        await f.call(
            "runs.join", "GET /threads/{thread_id}/runs/{run_id}/join", "client.runs.join",
            lambda c: c.runs.join(tid, rid),
            ("returns the thread's values with the graph's answer", "echo: background", answered("background")),
        )
        await f.call(
            "runs.get", "GET /threads/{thread_id}/runs/{run_id}", "client.runs.get", lambda c: c.runs.get(tid, rid),
            ("returns the finished run", {"run_id": rid, "status": "success"},
             lambda r: r["run_id"] == rid and r["status"] == "success"),
        )
        await f.call(
            "runs.list", "GET /threads/{thread_id}/runs", "client.runs.list", lambda c: c.runs.list(tid),
            ("lists the run", [rid], lambda rs: any(r["run_id"] == rid for r in rs)),
        )
        await f.call(
            "runs.join_stream", "GET /threads/{thread_id}/runs/{run_id}/stream", "client.runs.join_stream",
            lambda c: collect(c.runs.join_stream(tid, rid)),
        )
        await f.call(
            "runs.delete", "DELETE /threads/{thread_id}/runs/{run_id}", "client.runs.delete",
            lambda c: c.runs.delete(tid, rid),
        )
    ok, slow = await f.call(
        "runs.create", "POST /threads/{thread_id}/runs", "client.runs.create(slow graph)",
        lambda c: c.runs.create(
            tid, cfg["slow_assistant_id"], input=human("slow"), config={"configurable": {"delay_ms": 20000}},
            multitask_strategy="interrupt",
        ),
    )
    slow_id = pick(slow, "run_id") if ok else None
    if isinstance(slow_id, str):
        await f.call(
            "threads.join_stream", "GET /threads/{thread_id}/stream", "client.threads.join_stream",
            lambda c: first_part(c.threads.join_stream(tid, stream_mode=["values"])),
            ("streams an event of the thread's run", "one part", lambda parts: len(parts) == 1),
        )
        await f.call(
            "runs.cancel", "POST /threads/{thread_id}/runs/{run_id}/cancel", "client.runs.cancel",
            lambda c: c.runs.cancel(tid, slow_id, wait=True),
        )
        await f.call(
            "runs.get", "GET /threads/{thread_id}/runs/{run_id}", "client.runs.get(cancelled run)",
            lambda c: c.runs.get(tid, slow_id),
            # That the run ended is what the client's wait gives; its status after a cancel is the runs rules' to judge.
            (
                "shows the run ended once a cancel that waits has answered",
                "not pending or running",
                lambda r: r["status"] not in ("pending", "running"),
            ),
        )
    ok, batch = await f.call(
        "runs.create_batch", "POST /runs/batch", "client.runs.create_batch",
        lambda c: c.runs.create_batch([{"assistant_id": assistant_id, "input": human("batch"), "metadata": meta}]),
        ("returns one run per payload", 1, lambda rs: len(rs) == 1 and isinstance(rs[0]["run_id"], str)),
    )
    # A stateless run's thread goes once the run ends: wait for it, and delete the thread should it stay.
    for r in batch if ok and isinstance(batch, list) else []:
        if isinstance(r, dict) and isinstance(r.get("thread_id"), str) and isinstance(r.get("run_id"), str):
            f.created.append(lambda r=r: f.client.threads.delete(r["thread_id"]))
            f.created.append(lambda r=r: f.client.runs.join(r["thread_id"], r["run_id"]))


async def first_part(stream: Any, timeout_s: float = 5) -> list[dict[str, Any]]:
    """The first part of a stream that does not end by itself (a thread's), then it is closed."""
    parts = await stream if inspect.isawaitable(stream) else stream

    async def first() -> list[dict[str, Any]]:
        async for part in parts:
            return [{"event": part.event, "data": part.data}]
        return []

    try:
        return await asyncio.wait_for(first(), timeout_s)
    finally:
        await parts.aclose()


FLOWS = {"store": store_flow, "threads": threads_flow, "assistants": assistants_flow, "runs": runs_flow}


def client_for(cfg: dict[str, Any], event_hooks: dict[str, list[Any]] | None = None) -> Any:
    headers = dict(cfg.get("headers") or {})
    api_key = next((headers.pop(k) for k in list(headers) if k.lower() == "x-api-key"), None)
    client = get_client(url=cfg["url"], api_key=api_key, headers=headers, timeout=cfg.get("timeout_s", 15))
    if event_hooks is not None:
        client.http.client.event_hooks = event_hooks
    return client


async def cleanup(created: list[Callable[[], Awaitable[Any]]]) -> None:
    for delete in reversed(created):
        try:
            await asyncio.wait_for(delete(), 10)
        except Exception:  # noqa: BLE001 - already gone, or the target cannot: the run reports leftovers
            pass


async def main() -> int:
    cfg = json.loads(sys.stdin.read() or "{}")
    recorder = Recorder()
    client = client_for(cfg, {"request": [recorder.on_request], "response": [recorder.on_response]})
    created: list[Callable[[], Awaitable[Any]]] = []
    task = asyncio.current_task()
    loop = asyncio.get_running_loop()
    if task is not None:
        loop.add_signal_handler(signal.SIGTERM, task.cancel)
    try:
        for name in cfg.get("flows", []):
            flow = FLOWS.get(name)
            if flow is None:
                emit({"type": "stop", "flow": name, "reason": f"the driver has no flow {name}"})
                continue
            try:
                await flow(Flow(name, client, recorder, created), cfg)
            except FlowStopped:
                pass
    except asyncio.CancelledError:
        pass
    finally:
        loop.remove_signal_handler(signal.SIGTERM)
        client.http.client.event_hooks = {"request": [], "response": []}  # cleanup calls are not the flows' exchanges
        await cleanup(created)
        emit({"type": "done", "version": langgraph_sdk.__version__})
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
