import { mkdirSync } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { escapingLink, resolvesInside } from "./confine";

/** Raised for a URI that would read or write outside the folders the engine owns. */
export class PathEscapeError extends Error {}

/** Reading (inputs, code, model data, property files) or writing (outputs, model artifacts). */
export type Access = "read" | "write";

/**
 * Where data lives locally. `s3://bucket/key` maps to `<root>/<bucket>/<key>`; `file://` URIs, absolute and relative
 * paths (relative to the definition's folder) are read where they are, but only inside the definition's folder or
 * the store. Writes go to `s3://` URIs only. Every check follows symlinks: a link cannot lead out. Nothing goes to AWS.
 */
export class ObjectStore {
  constructor(
    /** The folder that stands in for S3. */
    readonly root: string,
    /** Relative paths in a definition are relative to this folder (the definition file's). */
    readonly baseDir: string,
  ) {
    mkdirSync(root, { recursive: true });
  }

  /** The local path of a URI. Throws PathEscapeError for a URI that leaves the store or the definition's folder. */
  localPath(uri: string, access: Access = "read"): string {
    if (typeof uri !== "string" || uri.length === 0) throw new PathEscapeError("An empty URI names no object.");
    if (/[\0-\x1f]/.test(uri)) throw new PathEscapeError(`The URI ${JSON.stringify(uri)} contains control characters.`);
    if (uri.startsWith("s3://")) return this.confine(uri, this.s3Path(uri), [this.root]);
    if (!uri.startsWith("file://") && /^[a-z][a-z0-9+.-]*:\/\//i.test(uri))
      throw new PathEscapeError(`Unsupported URI scheme in '${uri}': local mode reads s3://, file:// and relative paths.`);
    if (access === "write") throw new PathEscapeError(`'${uri}' is not an s3:// URI: local mode writes outputs only to s3:// URIs (into its store).`);
    let path: string;
    try {
      path = uri.startsWith("file://") ? fileURLToPath(uri) : isAbsolute(uri) ? uri : join(this.baseDir, uri);
    } catch (error) {
      throw new PathEscapeError(`Invalid file URI '${uri}': ${(error as Error).message}`);
    }
    return this.confine(uri, path, [this.baseDir, this.root]);
  }

  /** Fails when a folder (or file) about to be copied with its symlinks followed holds a link that leads out. */
  checkLinks(uri: string, path: string, access: Access = "read"): void {
    const link = escapingLink(path, access === "write" ? [this.root] : [this.baseDir, this.root]);
    if (link) throw new PathEscapeError(`'${uri}' holds a symbolic link that leads outside ${this.where(uri)}: ${this.shown(link)}.`);
  }

  /** The s3:// URI of a local path inside the store (for outputs the engine creates). */
  uriOf(localPath: string): string {
    const inside = relative(this.root, localPath);
    if (inside.startsWith("..") || isAbsolute(inside)) throw new PathEscapeError(`${localPath} is not inside the object store.`);
    return `s3://${inside.split(sep).join("/")}`;
  }

  private s3Path(uri: string): string {
    const [bucket, ...key] = uri.slice("s3://".length).split("/");
    if (!bucket) throw new PathEscapeError(`Invalid S3 URI '${uri}': it names no bucket.`);
    const parts = [bucket, ...key].filter((part) => part.length > 0);
    if (parts.some((part) => part === "." || part === ".." || part.includes("\\"))) {
      throw new PathEscapeError(`S3 URI '${uri}' leaves the local object store: local mode refuses keys with a '.' or '..' segment or a backslash.`);
    }
    return join(this.root, ...parts);
  }

  private confine(uri: string, path: string, roots: string[]): string {
    if (!resolvesInside(path, roots)) {
      throw new PathEscapeError(`'${uri}' resolves outside ${this.where(uri)} (symbolic links followed); local mode reads and writes nothing else.`);
    }
    return path;
  }

  private where(uri: string): string {
    return uri.startsWith("s3://") ? "the local object store" : "the definition's folder and the local object store";
  }

  /** A path for a message: relative to the folder it was found in. */
  private shown(path: string): string {
    for (const root of [this.root, this.baseDir]) {
      const inside = relative(root, path);
      if (!inside.startsWith("..") && !isAbsolute(inside)) return inside.split(sep).join("/");
    }
    return path;
  }
}
