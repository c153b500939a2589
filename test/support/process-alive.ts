// Whether a pid is still running (signal 0 checks without sending anything), for the harnesses that stop what they
// started.

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
