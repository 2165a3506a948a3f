/**
 * Run a command and measure its wall time and peak memory: the resident set of the whole process
 * tree (sampled from /proc every 50 ms, summed over the tree), and of its largest single process
 * (GNU time's "Maximum resident set size", when /usr/bin/time exists).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { msSince } from './stats';

export interface RunResult {
  readonly command: string;
  readonly exitCode: number | null;
  readonly wallMs: number;
  /** Peak of the summed RSS of the process tree, in MB (0 when /proc is not available). */
  readonly peakTreeRssMb: number;
  /** Peak RSS of the largest single process, in MB (from /usr/bin/time -v), if measured. */
  readonly peakProcessRssMb?: number;
  /** CPU time, user + system, of the process and every child it waited for (from /usr/bin/time -v), if measured. */
  readonly cpuMs?: number;
  readonly stdout: string;
  readonly stderr: string;
}

const GNU_TIME = '/usr/bin/time';
const hasProc = fs.existsSync('/proc/self/stat');

/** Parent pid of every process, from /proc/<pid>/stat (field 4, after the parenthesised name). */
function parentPids(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // The process exited while we looked.
    }
  }
  return parents;
}

function rssKb(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export function treeRssKb(root: number): number {
  const parents = parentPids();
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parents) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += rssKb(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

export function runMeasured(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<RunResult> {
  const useTime = fs.existsSync(GNU_TIME);
  const timeFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-time-')), 'time.txt');
  const [file, argv] = useTime ? [GNU_TIME, ['-v', '-o', timeFile, command, ...args]] : [command, [...args]];
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(file, argv, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    let peakKb = 0;
    const poll = hasProc
      ? setInterval(() => {
          if (child.pid) peakKb = Math.max(peakKb, treeRssKb(child.pid));
        }, 50)
      : undefined;
    const timer = setTimeout(() => child.kill('SIGTERM'), options.timeoutMs ?? 600_000);
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = msSince(start);
      if (poll) clearInterval(poll);
      clearTimeout(timer);
      let peakProcessRssMb: number | undefined;
      let cpuMs: number | undefined;
      if (useTime && fs.existsSync(timeFile)) {
        const report = fs.readFileSync(timeFile, 'utf8');
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
        if (m) peakProcessRssMb = Number(m[1]) / 1024;
        const user = /User time \(seconds\): ([\d.]+)/.exec(report);
        const system = /System time \(seconds\): ([\d.]+)/.exec(report);
        if (user && system) cpuMs = (Number(user[1]) + Number(system[1])) * 1000;
      }
      fs.rmSync(path.dirname(timeFile), { recursive: true, force: true });
      resolve({
        command: [command, ...args].join(' '),
        exitCode: code,
        wallMs,
        peakTreeRssMb: peakKb / 1024,
        peakProcessRssMb,
        cpuMs,
        stdout,
        stderr,
      });
    });
  });
}
