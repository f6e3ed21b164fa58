import { members, span, walk, type Node } from "../json";
import type { Finding } from "../diagnostic";
import type { Rule } from "../rule";

/** Values that are credentials whatever their name: the formats are specific enough to have no false positives. */
const SECRET_FORMATS: Array<[RegExp, string]> = [
  [/(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/, "an AWS access key id"],
  [/-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/, "a private key"],
  [/(?<![A-Za-z0-9])gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9])/, "a GitHub token"],
  [/(?<![A-Za-z0-9])hf_[A-Za-z]{34}(?![A-Za-z])/, "a Hugging Face token"],
  [/(?<![A-Za-z0-9])xox[abprs]-[A-Za-z0-9-]{10,}/, "a Slack token"],
];

/** Words of a name that say the value is a secret (AWS_SECRET_ACCESS_KEY, DB_PASSWORD, HF_TOKEN, apiKey…). */
const SECRET_WORDS = new Set(["SECRET", "PASSWORD", "PASSWD", "PWD", "PASSPHRASE", "TOKEN", "APIKEY", "CREDENTIAL", "CREDENTIALS"]);
const SECRET_PAIRS = new Set(["API KEY", "PRIVATE KEY", "ACCESS KEY", "SECRET KEY", "AUTH KEY"]);
/** …unless its last word says it holds where the secret is, or something about it (DB_PASSWORD_SECRET_ARN, TOKEN_PATH, MAX_TOKEN_LENGTH). */
const POINTER_WORDS = new Set([
  "ARN",
  "NAME",
  "ID",
  "PATH",
  "FILE",
  "DIR",
  "URI",
  "URL",
  "ENV",
  "VAR",
  "REGION",
  "TTL",
  "LENGTH",
  "EXPIRY",
  "ENABLED",
  "TYPE",
  "MODE",
]);

/** `hfToken`, `HF-TOKEN` and `hf_token` are the words HF and TOKEN; TOKENIZER and MAX_TOKENS name no secret. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
}

function namesASecret(name: string): boolean {
  const w = words(name);
  if (w.length === 0 || POINTER_WORDS.has(w[w.length - 1])) return false;
  return w.some((word, i) => SECRET_WORDS.has(word) || SECRET_PAIRS.has(`${word} ${w[i + 1]}`));
}
/** …and values that are obviously not secrets: empty-ish, flags, numbers, references, placeholders. */
function isSecretLike(value: string): boolean {
  if (value.length < 8 || /\s/.test(value)) return false;
  if (/^(arn:|s3:\/\/|https?:\/\/|\/|\$\{|\{\{|<|\*+$)/i.test(value)) return false;
  if (/^(true|false|none|null|changeme|\d+)$/i.test(value)) return false;
  return /[A-Za-z]/.test(value) && /[0-9]/.test(value);
}

/** What the value looks like, if it looks like a credential. `name` is the Environment key or the parameter name. */
function secretKind(name: string, value: string): string | undefined {
  for (const [pattern, kind] of SECRET_FORMATS) if (pattern.test(value)) return kind;
  if (namesASecret(name) && isSecretLike(value)) {
    return /SECRET_ACCESS_KEY/i.test(name) ? "an AWS secret access key" : `a secret (its name is ${name})`;
  }
  return undefined;
}

function finding(node: Node, where: string, kind: string): Finding {
  return {
    code: "secret-in-definition",
    message: `${where} looks like ${kind}: the definition is stored as written, and everyone who can call DescribePipeline reads it. Read the secret at run time instead (Secrets Manager, or the job's role).`,
    ...span(node),
  };
}

function environmentSecrets(step: Node): Finding[] {
  const findings: Finding[] = [];
  walk(step, (node) => {
    if (node.type !== "property" || node.children?.[0]?.value !== "Environment") return;
    for (const { key, value } of members(node.children?.[1])) {
      if (value?.type !== "string") continue;
      const kind = secretKind(String(key.value), value.value as string);
      if (kind) findings.push(finding(value, `Environment value '${key.value}'`, kind));
    }
  });
  return findings;
}

/**
 * Credentials written into `Environment` values (at any depth: processing, training, model containers, transform)
 * or parameter defaults.
 */
export const secretInDefinition: Rule = {
  code: "secret-in-definition",
  defaultSeverity: "warning",
  description: "An AWS access key, secret key, password or token in an `Environment` value or a parameter default: everyone who can DescribePipeline reads it.",
  check(context) {
    const findings: Finding[] = [];
    for (const parameter of context.model.parameters) {
      const value = parameter.defaultNode;
      if (value?.type !== "string" || parameter.name === undefined) continue;
      const kind = secretKind(parameter.name, value.value as string);
      if (kind) findings.push(finding(value, `The default of parameter '${parameter.name}'`, kind));
    }
    findings.push(...context.eachTopLevelStep("secret-in-definition", (step) => environmentSecrets(step)));
    return findings;
  },
};
