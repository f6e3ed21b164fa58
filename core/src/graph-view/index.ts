// The graph view's pure core. The layout (./layout and ./layered) is imported on its own by the extension's layout
// worker (client/src/graph/layout-worker.ts) and by benchmarks and tests, so no other bundle carries it.
export * from "./types";
export * from "./graph-model";
export * from "./collapse";
export * from "./shape";
export * from "./live";
export * from "./locate";
export * from "./status";
export * from "./protocol";
