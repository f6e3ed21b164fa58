// The Run Plan: the view model the editor's panel and the CLI's table share, and the panel's message protocol.
export * from "./view";
export * from "./protocol";
export * from "./session";
