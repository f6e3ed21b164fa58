// The graph view's pure core. The layout (./layout, which bundles the layout library) is imported on its own by the
// webview script and by benchmarks, so the language server and the CLI do not carry it.
export * from "./types";
export * from "./graph-model";
export * from "./live";
export * from "./locate";
export * from "./status";
export * from "./protocol";
