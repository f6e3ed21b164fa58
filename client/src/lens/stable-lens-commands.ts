import { createHash } from "node:crypto";

/** A code lens command as VS Code's API has it (vscode.Command). */
export interface LensCommand {
  title: string;
  command: string;
  tooltip?: string;
  arguments?: unknown[];
}

/** What the lens commands need of VS Code's command registry (vscode.commands). */
export interface CommandRegistry {
  register(id: string, run: () => unknown): { dispose(): void };
  execute(command: string, args: unknown[]): unknown;
}

/** The prefix of the client-side command ids the lenses carry. */
export const LENS_COMMAND_PREFIX = "sagemakerPipelines.lens.";
/** Registrations kept at most: far more than the lenses of the documents a person has open (27 in abalone.json). */
export const LENS_COMMANDS_CAP = 2000;

/**
 * Gives each lens command with arguments an id of its own, without arguments, registered for the session.
 *
 * VS Code's extension host replaces a lens command that has arguments by a delegating command whose cache entry it
 * deletes when the lens list is released, yet the editor keeps drawing lenses of a released list (off screen when a new
 * list came, until they are resolved again; on returning to a tab): a click then answers `Actual command not found`.
 * A command without arguments goes through by its id, so it works as long as it is registered. The id is derived
 * from the command and its arguments: the same lens in every list has the same id.
 */
export class StableLensCommands {
  /** Registrations by id, least recently seen first (a Map keeps insertion order). */
  private readonly registered = new Map<string, { dispose(): void }>();

  constructor(
    private readonly registry: CommandRegistry,
    private readonly cap = LENS_COMMANDS_CAP,
  ) {}

  /** The command a lens carries instead of `command`: same title and tooltip, no arguments. */
  stable<C extends LensCommand>(command: C): LensCommand {
    const args = command.arguments;
    if (!args || args.length === 0) return command;
    let key: string;
    try {
      key = JSON.stringify([command.command, args]);
    } catch {
      return command; // not plain data (a cycle): left as VS Code would have it
    }
    const id = LENS_COMMAND_PREFIX + createHash("sha256").update(key).digest("hex").slice(0, 24);
    const existing = this.registered.get(id);
    if (existing) {
      this.registered.delete(id);
      this.registered.set(id, existing);
    } else {
      const target = command.command;
      this.registered.set(
        id,
        this.registry.register(id, () => this.registry.execute(target, args)),
      );
      this.evict();
    }
    const stable: LensCommand = { title: command.title, command: id };
    if (command.tooltip !== undefined) stable.tooltip = command.tooltip;
    return stable;
  }

  /** How many ids are registered now. */
  get size(): number {
    return this.registered.size;
  }

  private evict(): void {
    for (const [id, registration] of this.registered) {
      if (this.registered.size <= this.cap) return;
      this.registered.delete(id);
      registration.dispose();
    }
  }

  dispose(): void {
    for (const registration of this.registered.values()) registration.dispose();
    this.registered.clear();
  }
}
