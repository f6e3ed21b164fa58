import { mkdirSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** Raised for a URI that would read or write outside the folders the engine owns. */
export class PathEscapeError extends Error {}

/**
 * Where data lives locally. `s3://bucket/key` maps to `<root>/<bucket>/<key>`; `file://` URIs and
 * relative paths (relative to the definition's folder) are read where they are. Nothing goes to AWS.
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

  /** The local path of a URI. Throws PathEscapeError for an s3 key that leaves the store (`..`). */
  localPath(uri: string): string {
    if (uri.startsWith("s3://")) {
      const rest = uri.slice("s3://".length);
      if (!rest || rest.startsWith("/")) throw new PathEscapeError(`Invalid S3 URI '${uri}'.`);
      const target = resolve(this.root, ...rest.split("/").filter((part) => part.length > 0));
      const inside = relative(this.root, target);
      if (inside.startsWith("..") || isAbsolute(inside) || inside.split(sep).includes("..")) {
        throw new PathEscapeError(`S3 URI '${uri}' leaves the local object store.`);
      }
      return target;
    }
    if (uri.startsWith("file://")) return fileURLToPath(uri);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uri))
      throw new PathEscapeError(`Unsupported URI scheme in '${uri}': local mode reads s3://, file:// and relative paths.`);
    return isAbsolute(uri) ? uri : join(this.baseDir, uri);
  }

  /** The s3:// URI of a local path inside the store (for outputs the engine creates). */
  uriOf(localPath: string): string {
    const inside = relative(this.root, localPath);
    if (inside.startsWith("..") || isAbsolute(inside)) throw new PathEscapeError(`${localPath} is not inside the object store.`);
    return `s3://${inside.split(sep).join("/")}`;
  }
}
