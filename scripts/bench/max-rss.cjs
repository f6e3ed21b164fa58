// Preloaded (`node --require`) into a process whose peak memory the startup benchmark reads: writes
// process.resourceUsage().maxRSS (KiB) to file descriptor 3 when the process exits.
process.on("exit", () => require("node:fs").writeSync(3, String(process.resourceUsage().maxRSS)));
