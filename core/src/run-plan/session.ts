import { isFromRunPlan, type ToRunPlan } from "./protocol";
import { planView, type RunPlanInput, type PlanView } from "./view";

/** A confirmation's answer: run this plan, cancel, or plan again with these parameter values. */
export type PlanAnswer = "run" | "cancel" | { overrides: Record<string, string> };

/**
 * The Run Plan panel's side of one run, without the panel: each plan the run service asks about is posted, the
 * webview's messages answer it. Nothing runs but a Run of the plan last shown, with no parameter errors; anything
 * else (a stale Run, a closed panel) cannot start the run.
 */
export class PlanSession {
  private revision = 0;
  private view?: PlanView;
  private overrides: Record<string, string> = {};
  private pending?: (answer: PlanAnswer) => void;
  private closed = false;

  constructor(private readonly post: (message: ToRunPlan) => void) {}

  /** Shows the plan and waits for the user's answer. */
  confirm(input: RunPlanInput): Promise<PlanAnswer> {
    this.pending?.("cancel");
    if (this.closed) return Promise.resolve("cancel");
    this.view = planView(input);
    this.overrides = Object.fromEntries(input.parameters.filter((p) => p.source === "override").map((p) => [p.name, p.value]));
    this.revision++;
    this.show();
    return new Promise((resolve) => (this.pending = resolve));
  }

  /** A message from the webview; anything malformed is ignored. */
  receive(message: unknown): void {
    if (!isFromRunPlan(message)) return;
    switch (message.type) {
      case "ready":
        this.show();
        return;
      case "edit":
        // Values already planned: the page waits for a plan all the same.
        if (sameValues(message.overrides, this.overrides)) this.show();
        else this.answer({ overrides: message.overrides });
        return;
      case "run":
        if (message.revision === this.revision && this.view?.canRun) this.answer("run");
        return;
      case "cancel":
        this.close();
    }
  }

  /** The panel is gone: a pending question is cancelled, and so is any later one. */
  close(): void {
    this.closed = true;
    this.answer("cancel");
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private show(): void {
    if (this.view && !this.closed) this.post({ type: "plan", view: this.view, revision: this.revision });
  }

  private answer(answer: PlanAnswer): void {
    const resolve = this.pending;
    this.pending = undefined;
    resolve?.(answer);
  }
}

function sameValues(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}
