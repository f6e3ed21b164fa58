import { cp, mkdir, readdir, stat } from "node:fs/promises";
import { basename, join, relative, sep } from "node:path";
import { escapingLink, resolvesInside } from "../confine";
import { PathEscapeError, type Access, type ObjectStore } from "../object-store";
import { isTarGz, unpackTarGz } from "./archive";
import { StepJobError } from "./runner";

/** Moving data between the local object store (s3://, file://, relative paths) and a job's /opt/ml folders. */

/** The local path of a URI; a URI that leaves the store (or, to read, the definition's folder) is a user error. */
export function localPathOf(store: ObjectStore, uri: string, access: Access = "read"): string {
  try {
    return store.localPath(uri, access);
  } catch (error) {
    if (error instanceof PathEscapeError) throw new StepJobError(error.message);
    throw error;
  }
}

/** The local path of a URI to read with its symlinks followed: neither it nor a link under it may lead out. */
function readablePath(store: ObjectStore, uri: string): string {
  const path = localPathOf(store, uri);
  try {
    store.checkLinks(uri, path);
  } catch (error) {
    if (error instanceof PathEscapeError) throw new StepJobError(error.message);
    throw error;
  }
  return path;
}

async function kindOf(path: string): Promise<"file" | "directory" | undefined> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? "directory" : info.isFile() ? "file" : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Copies the objects under an `S3Prefix` URI into `destDir`: a folder's contents, or a single object by its
 * name (`s3://b/data/abalone.csv` → `<destDir>/abalone.csv`), as SageMaker does. `ManifestFile` and
 * `AugmentedManifestFile` are not supported locally. No objects is a user error, as on the service.
 */
export async function download(store: ObjectStore, uri: string, dataType: string | undefined, destDir: string): Promise<void> {
  if (dataType !== undefined && dataType !== "S3Prefix") {
    throw new StepJobError(`S3DataType '${dataType}' is not supported in local mode (only S3Prefix): ${uri}`);
  }
  const source = readablePath(store, uri);
  await mkdir(destDir, { recursive: true });
  const kind = await kindOf(source);
  if (kind === "directory") await cp(source, destDir, { recursive: true, force: true, dereference: true });
  else if (kind === "file") await cp(source, join(destDir, basename(source)), { force: true, dereference: true });
  else throw new StepJobError(`No S3 objects found under S3 URL '${uri}' (looked for ${source}).`);
}

/**
 * Copies the contents of `sourceDir` to the URI (a prefix); an empty folder uploads nothing, as on the service.
 * What the job wrote is copied with its symlinks followed, so the folder and every link in it must stay inside
 * `within` (the job's working folder).
 */
export async function upload(sourceDir: string, store: ObjectStore, uri: string, within: string): Promise<number> {
  const files = await listFiles(sourceDir);
  if (files.length === 0) return 0;
  const link = resolvesInside(sourceDir, [within]) ? escapingLink(sourceDir, [within]) : sourceDir;
  if (link)
    throw new StepJobError(
      `The job's output holds a symbolic link that leads outside its working folder (${relative(within, link)}): local mode does not copy it to '${uri}'.`,
    );
  const target = localPathOf(store, uri, "write");
  if ((await kindOf(target)) === "file") throw new StepJobError(`Cannot upload to '${uri}': an object with that key already exists.`);
  await mkdir(target, { recursive: true });
  await cp(sourceDir, target, { recursive: true, force: true, dereference: true });
  return files.length;
}

/** Copies one local file to a URI that names an object. */
export async function uploadFile(file: string, store: ObjectStore, uri: string): Promise<void> {
  const target = localPathOf(store, uri, "write");
  await mkdir(join(target, ".."), { recursive: true });
  await cp(file, target, { force: true });
}

/** The files under `dir`, as sorted relative paths with `/` separators (empty when `dir` does not exist). */
export async function listFiles(dir: string): Promise<string[]> {
  if ((await kindOf(dir)) !== "directory") return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() || entry.isSymbolicLink())
    .map((entry) =>
      relative(dir, join(entry.parentPath ?? entry.path, entry.name))
        .split(sep)
        .join("/"),
    )
    .sort();
}

/**
 * Stages code or a model from a URI into `destDir`: a folder is copied, a `.tar.gz` is unpacked (the SDK uploads
 * `sourcedir.tar.gz` and `model.tar.gz`), any other single file is copied by name.
 */
export async function stage(store: ObjectStore, uri: string, destDir: string, what: string): Promise<void> {
  const source = readablePath(store, uri);
  await mkdir(destDir, { recursive: true });
  const kind = await kindOf(source);
  if (kind === "directory") await cp(source, destDir, { recursive: true, force: true, dereference: true });
  else if (kind === "file" && isTarGz(source)) await unpackTarGz(source, destDir);
  else if (kind === "file") await cp(source, join(destDir, basename(source)), { force: true, dereference: true });
  else throw new StepJobError(`The ${what} '${uri}' does not exist (looked for ${source}).`);
}
