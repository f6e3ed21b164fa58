/**
 * How the language server's process is started: the extension starts it so, and so do the LSP tests and
 * `npm run bench`, so that their figures are the editor's.
 *
 * Memory given back after a large document is closed (measured with a 1,000-step file: 129 MiB after closing it
 * without these, against 78 MiB at the start):
 * - V8 grows its young generation from 16 to 32 MiB for a large document and keeps it: capped at 8 MiB per semi-space
 *   (no slower: the tree of a document outlives the young generation either way);
 * - glibc's malloc serves large blocks freed once (the messages of a 1.4 MiB document) from its heap afterwards and
 *   keeps them: a fixed mmap threshold returns them when freed, and the trim threshold gives back a heap's free top.
 *   Other C libraries ignore these variables.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ["--max-semi-space-size=8"];

export const SERVER_ENV: Readonly<Record<string, string>> = {
  MALLOC_MMAP_THRESHOLD_: "131072",
  MALLOC_TRIM_THRESHOLD_: "131072",
};
