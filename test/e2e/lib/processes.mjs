// Process helpers: commands with a bounded time that end their whole process group, and a last sweep
// that ends whatever this run started (found by the run's unique folder in its command line).
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/**
 * Runs a command in its own process group. Resolves `{ code, signal, output, timedOut }`; on timeout
 * the group gets SIGTERM, then SIGKILL. `inherit: true` streams its output instead of capturing it.
 */
/** Process groups of commands started by run() that have not ended yet. */
export const liveGroups = new Set();

/** Ends every command started by run() that is still running. */
export function endLiveGroups() {
  for (const pid of liveGroups) signalGroup(pid, "SIGKILL");
  liveGroups.clear();
}

export function run(command, args, { cwd, env, timeoutMs, inherit = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: inherit ? ["ignore", "inherit", "inherit"] : ["ignore", "pipe", "pipe"] });
    if (child.pid) liveGroups.add(child.pid);
    let output = "";
    if (!inherit) {
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
    }
    let timedOut = false;
    const timer = timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          signalGroup(child.pid, "SIGTERM");
          setTimeout(() => signalGroup(child.pid, "SIGKILL"), 5000).unref();
        }, timeoutMs)
      : undefined;
    child.on("error", (error) => {
      liveGroups.delete(child.pid);
      clearTimeout(timer);
      resolve({ code: null, signal: null, output: output + String(error), timedOut });
    });
    child.on("close", (code, signal) => {
      liveGroups.delete(child.pid);
      clearTimeout(timer);
      resolve({ code, signal, output, timedOut });
    });
  });
}

export function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // gone
  }
}

/** Pids of live processes whose command line mentions `marker` (this process excluded). */
export function processesMentioning(marker) {
  const pids = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (cmdline.includes(marker)) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/** Ends every process that mentions `marker` (the run's own folder); returns their pids. */
export async function sweep(marker) {
  let pids = processesMentioning(marker);
  if (pids.length === 0) return [];
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // gone
    }
  }
  await new Promise((r) => setTimeout(r, 1000));
  const left = processesMentioning(marker);
  for (const pid of left) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone
    }
  }
  return pids;
}

/** The live descendants of `pid` (children, their children, …) as `{ pid, ppid, cmdline }`, read from /proc. */
export function descendants(pid) {
  const all = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses, so split after the last ")".
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
      all.push({ pid: Number(entry), ppid, cmdline });
    } catch {
      // exited meanwhile
    }
  }
  const found = [];
  const parents = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) {
      if (parents.has(p.ppid) && !parents.has(p.pid)) {
        parents.add(p.pid);
        found.push(p);
        grew = true;
      }
    }
  }
  return found;
}

/** The TCP ports `pid` listens on (its sockets in LISTEN state, IPv4 and IPv6), read from /proc. */
export function listeningPorts(pid) {
  const listening = new Map(); // socket inode -> port
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      // sl local_address rem_address st … inode (fields[9]); st 0A is LISTEN.
      if (fields.length > 9 && fields[3] === "0A") listening.set(fields[9], parseInt(fields[1].split(":")[1], 16));
    }
  }
  const ports = [];
  let fds = [];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return ports;
  }
  for (const fd of fds) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m && listening.has(m[1])) ports.push(listening.get(m[1]));
    } catch {
      // closed meanwhile
    }
  }
  return ports;
}
