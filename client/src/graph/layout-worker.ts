// The graph view's layout, in a worker thread of the extension host (bundled alone as dist/graph-layout.js): a large
// graph is laid out without pausing the extension host or the webview's page. One request at a time, in order.
import { parentPort } from "node:worker_threads";
import { answerLayout, type LayoutRequest } from "../../../core/src/graph-view/layout";

parentPort?.on("message", (request: LayoutRequest) => parentPort!.postMessage(answerLayout(request)));
