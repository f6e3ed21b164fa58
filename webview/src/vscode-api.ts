import type { FromWebview } from "../../core/src/graph-view";

/** What the webview keeps across reloads (the panel drops its page while hidden). */
export interface SavedState {
  zoom: number;
  selected: string[];
}

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): SavedState | undefined;
  setState(state: SavedState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The one handle on the extension: messages are typed by the shared protocol. */
export const host: VsCodeApi = acquireVsCodeApi();
