// The graph view's layout worker, as the extension runs it: the built dist/graph-layout.js in a worker thread.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { LAYOUT_WORKER, LayoutService } from "../../client/src/graph/layout-service";
import { graphFromText, type PipelineGraph } from "../../core/src/graph-view";
import { layoutGraph } from "../../core/src/graph-view/layout";
import { syntheticDefinition } from "../core/graph-view/synthetic";

const ROOT = join(import.meta.dirname, "../..");

test("layout worker: lays graphs out off the calling thread, seeded like the pure layout; a bad request is an error, the worker goes on", async (t) => {
  const service = new LayoutService(join(ROOT, LAYOUT_WORKER));
  t.after(() => service.dispose());
  const graph = graphFromText(syntheticDefinition(200)).graph!;
  const [a, b] = await Promise.all([service.layout(graph), service.layout(graph)]);
  assert.deepEqual(a, layoutGraph(graph));
  assert.deepEqual(b, a);
  const seeded = await service.layout(graph, a);
  assert.deepEqual(seeded, layoutGraph(graph, { previous: a }));
  await assert.rejects(service.layout({ nodes: null } as unknown as PipelineGraph), /null|undefined|map/i);
  assert.equal((await service.layout({ nodes: [], edges: [] })).nodes.length, 0, "the worker answers after an error");
});

test("layout worker: a worker that is terminated rejects what it had pending and is started again on the next request", async (t) => {
  const service = new LayoutService(join(ROOT, LAYOUT_WORKER));
  t.after(() => service.dispose());
  const graph = graphFromText(syntheticDefinition(50)).graph!;
  await service.layout(graph);
  const pending = service.layout(graphFromText(syntheticDefinition(1_000)).graph!);
  service.dispose();
  await assert.rejects(pending, /exited/);
  assert.equal((await service.layout(graph)).nodes.length, graph.nodes.length);
});
