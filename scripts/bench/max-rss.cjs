// Preloaded (`node --require`) into a process whose peak memory the startup benchmark reads: writes its peak
// resident set (KiB) to file descriptor 3 when the process exits. On Linux that is VmHWM of /proc/self/status:
// process.resourceUsage().maxRSS there includes the parent's resident set at fork (the kernel keeps the
// pre-exec peak), so every process spawned from a large parent would read as large as the parent.
const fs = require("node:fs");

function peakKiB() {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
    if (hwm) return Number(hwm[1]);
  } catch {
    // not Linux: getrusage's figure below
  }
  return process.resourceUsage().maxRSS;
}

process.on("exit", () => fs.writeSync(3, String(peakKiB())));
