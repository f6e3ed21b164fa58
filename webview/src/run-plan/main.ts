// The Run Plan panel's page: draws the plan the extension sends, sends parameter edits (the planner checks them and
// a new plan comes back), Run and Cancel. Nothing is decided here: the extension runs only the plan shown.
import type { FromRunPlan, ToRunPlan } from "../../../core/src/run-plan";
import type { PlanParameterField, PlanRow, PlanView, Verdict } from "../../../core/src/run-plan";
import { verdictIcon } from "./icons";

declare function acquireVsCodeApi(): { postMessage(message: FromRunPlan): void };
const host = acquireVsCodeApi();

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>("plan");
const runButton = $<HTMLButtonElement>("run");
const status = $("status");

let revision = 0;
let canRun = false;
/** The values typed in this panel (and the plan's overrides): what an edit sends. */
let overrides: Record<string, string> = {};
let editTimer: number | undefined;
let started = false;
let shownOnce = false;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function fact(list: HTMLElement, term: string, value: string, id: string): void {
  const dd = element("dd", value);
  dd.id = id;
  list.append(element("dt", term), dd);
}

function draw(view: PlanView): void {
  $("title").textContent = view.title;
  const facts = $("facts");
  facts.replaceChildren();
  fact(facts, "Target", view.target, "fact-target");
  fact(facts, "Pipeline", view.pipeline, "fact-pipeline");
  fact(facts, "Definition", view.definition, "fact-definition");
  if (view.definitionChanges.length > 0) {
    const changes = element("ul", undefined, "changes");
    for (const change of view.definitionChanges) changes.append(element("li", change));
    facts.lastElementChild!.append(changes);
  }
  fact(facts, "Run", view.run, "fact-run");
  if (view.reference !== undefined) fact(facts, "Reference", view.reference, "fact-reference");
  $("notes").replaceChildren(...view.notes.map((n) => element("li", n)));
  $("steps")
    .querySelector("tbody")!
    .replaceChildren(...view.rows.map(stepRow));
  $("total").textContent = view.estimate;
  drawParameters(view.parameters);
  $("problems").replaceChildren(...view.problems.map((p) => element("li", p)));
  canRun = view.canRun;
  updateRunButton();
}

function stepRow(row: PlanRow): HTMLTableRowElement {
  const tr = element("tr", undefined, `verdict-${row.verdict}`);
  tr.dataset.step = row.step;
  tr.dataset.verdict = row.verdict;
  // The flex box inside the cell: a cell that is itself a flex box is no longer a table cell.
  const line = element("div", undefined, "verdict-line");
  line.append(verdictIcon(row.verdict as Verdict), element("span", row.text, "verdict-text"));
  if (row.detail) line.append(element("span", row.detail, "detail"));
  const verdict = element("td", undefined, "verdict");
  verdict.append(line);
  tr.append(element("th", row.step, "step"), verdict, element("td", row.estimate, "estimate"));
  tr.firstElementChild!.setAttribute("scope", "row");
  return tr;
}

/** The fields are made once per set of parameters, so that a new plan never takes the caret from a field being typed in. */
function drawParameters(fields: PlanParameterField[]): void {
  const body = $("parameters").querySelector("tbody")!;
  $("no-parameters").hidden = fields.length > 0;
  $("parameters").hidden = fields.length === 0;
  const key = fields.map((f) => `${f.name}:${f.type}:${f.enumValues?.join("|") ?? ""}`).join("\n");
  if (body.dataset.key !== key) {
    body.dataset.key = key;
    body.replaceChildren(...fields.map(parameterRow));
  }
  for (const field of fields) {
    const row = body.querySelector<HTMLTableRowElement>(`tr[data-parameter="${CSS.escape(field.name)}"]`)!;
    const input = row.querySelector<HTMLInputElement | HTMLSelectElement>(".value")!;
    if (document.activeElement !== input && input.value !== field.value) input.value = field.value;
    row.querySelector(".source")!.textContent = field.sourceText;
    row.dataset.source = field.source;
    const problem = row.querySelector<HTMLElement>(".problem")!;
    problem.textContent = field.problems.join(" ");
    problem.hidden = field.problems.length === 0;
    input.setAttribute("aria-invalid", String(field.problems.length > 0));
  }
}

function parameterRow(field: PlanParameterField): HTMLTableRowElement {
  const tr = element("tr");
  tr.dataset.parameter = field.name;
  const id = `parameter-${field.name}`;
  const label = element("label", field.name);
  label.htmlFor = id;
  let input: HTMLInputElement | HTMLSelectElement;
  if (field.enumValues) {
    input = element("select");
    for (const value of field.enumValues) input.append(new Option(value, value));
    input.addEventListener("change", () => edited(field.name, input.value));
  } else {
    input = element("input");
    input.type = "text";
    input.spellcheck = false;
    input.addEventListener("input", () => edited(field.name, input.value));
  }
  input.id = id;
  input.className = "value";
  input.value = field.value;
  const problem = element("div", "", "problem");
  problem.id = `${id}-problem`;
  problem.hidden = true;
  input.setAttribute("aria-describedby", `${id}-type ${id}-problem`);
  const type = element("td", field.enumValues ? `${field.type}, one of ${field.enumValues.length}` : field.type, "type");
  type.id = `${id}-type`;
  const valueCell = element("td");
  valueCell.append(input, problem);
  const nameCell = element("th");
  nameCell.scope = "row";
  nameCell.append(label);
  tr.append(nameCell, valueCell, type, element("td", field.sourceText, "source"));
  return tr;
}

/** A typed value is sent after a short pause; Run waits for the plan of the values typed. */
function edited(name: string, value: string): void {
  overrides = { ...overrides, [name]: value };
  window.clearTimeout(editTimer);
  editTimer = window.setTimeout(() => {
    editTimer = undefined;
    status.textContent = "Checking the values…";
    host.postMessage({ type: "edit", overrides });
  }, 250);
  status.textContent = "";
  updateRunButton(true);
}

function updateRunButton(checking = false): void {
  runButton.disabled = started || checking || !canRun;
  runButton.title = canRun ? "Run this plan (Enter)" : "Fix the values marked first";
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  if (runButton.disabled) return;
  started = true;
  updateRunButton();
  $<HTMLButtonElement>("cancel").disabled = true;
  status.textContent = "Starting…";
  host.postMessage({ type: "run", revision });
});
$("cancel").addEventListener("click", () => host.postMessage({ type: "cancel" }));
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") host.postMessage({ type: "cancel" });
});

window.addEventListener("message", (event: MessageEvent<ToRunPlan>) => {
  const message = event.data;
  if (message?.type !== "plan") return;
  revision = message.revision;
  // A plan answers the last edit only when no newer typing is waiting to be sent.
  if (editTimer === undefined) {
    overrides = Object.fromEntries(message.view.parameters.filter((p) => p.source === "override").map((p) => [p.name, p.value]));
    status.textContent = message.view.canRun ? "" : "Fix the values marked before running.";
  }
  draw(message.view);
  if (editTimer !== undefined) updateRunButton(true);
  if (!shownOnce) {
    shownOnce = true;
    // Without scrolling: the page opens at its top (the title and the steps), with Enter ready to run.
    (runButton.disabled ? (document.querySelector<HTMLElement>(".value[aria-invalid=true]") ?? runButton) : runButton).focus({ preventScroll: true });
  }
});

host.postMessage({ type: "ready" });
