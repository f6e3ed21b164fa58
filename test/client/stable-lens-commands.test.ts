import { test } from "node:test";
import assert from "node:assert/strict";
import { LENS_COMMAND_PREFIX, StableLensCommands, type CommandRegistry } from "../../client/src/lens/stable-lens-commands";

/** VS Code's command registry in miniature: registering twice is an error, as in VS Code; executing an unknown id fails. */
class Registry implements CommandRegistry {
  readonly commands = new Map<string, () => unknown>();
  readonly executed: Array<{ command: string; args: unknown[] }> = [];
  register(id: string, run: () => unknown) {
    if (this.commands.has(id)) throw new Error(`command '${id}' already exists`);
    this.commands.set(id, run);
    return { dispose: () => void this.commands.delete(id) };
  }
  execute(command: string, args: unknown[]) {
    this.executed.push({ command, args });
    return `ran ${command}`;
  }
  click(id: string): unknown {
    const run = this.commands.get(id);
    if (!run) throw new Error(`command '${id}' not found`);
    return run();
  }
}

const URI = "file:///work/abalone.json";
const runStep = (step: string) => ({ title: "▶ Run step", command: "sagemakerPipelines.runSteps", arguments: [URI, [step]] });

test("a lens command with arguments becomes an argument-free registered id with the same title and tooltip; a click runs the real command with the arguments", () => {
  const registry = new Registry();
  const lenses = new StableLensCommands(registry);
  const stable = lenses.stable({ ...runStep("Train"), tooltip: "Run Train" });
  assert.equal(stable.title, "▶ Run step");
  assert.equal(stable.tooltip, "Run Train");
  assert.equal(stable.arguments, undefined);
  assert.ok(stable.command.startsWith(LENS_COMMAND_PREFIX), stable.command);
  assert.equal(registry.click(stable.command), "ran sagemakerPipelines.runSteps");
  assert.deepEqual(registry.executed, [{ command: "sagemakerPipelines.runSteps", args: [URI, ["Train"]] }]);
});

test("the id comes from the command and its arguments: the same lens in a new list has the same id (still registered), another step or command another id", () => {
  const registry = new Registry();
  const lenses = new StableLensCommands(registry);
  const first = lenses.stable(runStep("Train")).command;
  // A new list after an edit: new objects, same content. The old list's id is the new one's, and it still runs.
  assert.equal(lenses.stable(runStep("Train")).command, first);
  assert.equal(lenses.stable({ ...runStep("Train"), title: "another title" }).command, first);
  assert.equal(registry.commands.size, 1);
  registry.click(first);
  assert.deepEqual(registry.executed.at(-1), { command: "sagemakerPipelines.runSteps", args: [URI, ["Train"]] });
  const ids = new Set([
    first,
    lenses.stable(runStep("Prepare")).command,
    lenses.stable({ title: "▶ Run from here", command: "sagemakerPipelines.runFromStep", arguments: [URI, "Train"] }).command,
    lenses.stable({ title: "Show graph", command: "sagemakerPipelines.showGraph", arguments: [URI] }).command,
    lenses.stable({ title: "Show graph", command: "sagemakerPipelines.showGraph", arguments: ["file:///work/other.json"] }).command,
  ]);
  assert.equal(ids.size, 5);
  assert.equal(registry.commands.size, 5);
});

test("a command without arguments is left as it is (VS Code passes it through by its id); so is one whose arguments are not plain data", () => {
  const registry = new Registry();
  const lenses = new StableLensCommands(registry);
  const plain = { title: "Refresh", command: "sagemakerPipelines.refreshExecutions" };
  assert.equal(lenses.stable(plain), plain);
  const empty = { title: "Refresh", command: "sagemakerPipelines.refreshExecutions", arguments: [] };
  assert.equal(lenses.stable(empty), empty);
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const odd = { title: "Odd", command: "x", arguments: [cyclic] };
  assert.equal(lenses.stable(odd), odd);
  assert.equal(registry.commands.size, 0);
});

test("beyond the cap the least recently seen id is unregistered; one seen again stays; dispose unregisters every id", () => {
  const registry = new Registry();
  const lenses = new StableLensCommands(registry, 3);
  const a = lenses.stable(runStep("A")).command;
  const b = lenses.stable(runStep("B")).command;
  const c = lenses.stable(runStep("C")).command;
  lenses.stable(runStep("A")); // seen again: B is now the least recently seen
  const d = lenses.stable(runStep("D")).command;
  assert.deepEqual([...registry.commands.keys()].sort(), [a, c, d].sort());
  assert.equal(lenses.size, 3);
  assert.throws(() => registry.click(b), /not found/);
  // Seen again after its eviction: registered again under the same id.
  assert.equal(lenses.stable(runStep("B")).command, b);
  assert.ok(registry.commands.has(b));
  assert.equal(registry.commands.has(c), false);
  lenses.dispose();
  assert.equal(registry.commands.size, 0);
});
