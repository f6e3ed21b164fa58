/**
 * Values from a definition that reach the `docker run`/`podman run` command line. Each is checked so that none can
 * be read as an option: the image is a reference (`[registry[:port]/]repository[:tag][@digest]`), environment names
 * are identifiers (the service's own pattern for Environment keys).
 */

const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?`;
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
const TAG = "[\\w][\\w.-]{0,127}";
const DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
const IMAGE_REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);

/**
 * Why `image` could be read as something else than an image on a command line (a leading '-', whitespace, control
 * characters); undefined when it cannot. What CreatePipeline checks: real definitions hold template placeholders
 * such as `$IMAGE_URI` or `\${image}` that only the container runtime would refuse.
 */
export function imageOptionProblem(image: string): string | undefined {
  if (image.length === 0) return "it is empty";
  if (image.length > 1024) return "it is longer than 1024 characters";
  if (image.startsWith("-")) return "it starts with '-' (it would be read as an option)";
  if (/[\s\0-\x1f\x7f]/.test(image)) return "it contains whitespace or control characters";
  return undefined;
}

/** Why `image` is not a container image reference; undefined when it is. What the container runner checks. */
export function imageProblem(image: string): string | undefined {
  const problem = imageOptionProblem(image);
  if (problem) return problem;
  if (!IMAGE_REFERENCE.test(image)) return "it is not of the form [registry/]repository[:tag][@digest] (lower-case repository)";
  return undefined;
}

const ENV_NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,1023}$/;

/** Why `name` cannot be an environment variable of a job; undefined when it can. */
export function environmentNameProblem(name: string): string | undefined {
  return ENV_NAME.test(name) ? undefined : "an environment variable name must match [a-zA-Z_][a-zA-Z0-9_]*";
}
