// The process and runtime families Prometheus exporters share (the names of client_golang's process collector and
// prom-client's Node.js defaults), read at scrape time: no sampling timer, no GC observer, no module beyond what the
// agent has loaded anyway. prom-client's default metrics woke an idle agent four times a second for two registries and
// loaded ≈ 5 MiB of modules (event-loop histograms, t-digest, the OpenTelemetry API).

import { readdirSync, readFileSync } from 'node:fs';
import type { Performance } from 'node:perf_hooks';
import type { FamilyDefinition, FamilySample } from './define-family.ts';

const START_TIME_SECONDS = Math.round(Date.now() / 1000 - process.uptime());
const KIB = 1024;

/** `/proc/self/status` fields in bytes (VmRSS, VmSize, VmData); undefined off Linux. */
function procStatus(): Map<string, number> | undefined {
  let text: string;
  try {
    text = readFileSync('/proc/self/status', 'utf8');
  } catch {
    return undefined;
  }
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^(Vm\w+):\s+(\d+) kB$/gm)) out.set(m[1], Number(m[2]) * KIB);
  return out;
}

function openFds(): number | undefined {
  try {
    // The directory read itself holds one descriptor.
    return readdirSync('/proc/self/fd').length - 1;
  } catch {
    return undefined;
  }
}

function maxFds(): number | undefined {
  try {
    const m = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

const one = (value: number | undefined): FamilySample[] => (value === undefined ? [] : [{ labels: {}, value }]);

/** process_* (CPU, memory, descriptors, start time) and nodejs_* (heap, event loop, resources, version). */
export function processFamilies(): FamilyDefinition[] {
  const cpu = () => process.cpuUsage();
  const [major, minor, patch] = process.versions.node.split('.');
  return [
    {
      name: 'process_cpu_user_seconds_total',
      help: 'Total user CPU time spent in seconds.',
      type: 'counter',
      collect: () => one(cpu().user / 1e6),
    },
    {
      name: 'process_cpu_system_seconds_total',
      help: 'Total system CPU time spent in seconds.',
      type: 'counter',
      collect: () => one(cpu().system / 1e6),
    },
    {
      name: 'process_cpu_seconds_total',
      help: 'Total user and system CPU time spent in seconds.',
      type: 'counter',
      collect: () => {
        const { user, system } = cpu();
        return one((user + system) / 1e6);
      },
    },
    {
      name: 'process_start_time_seconds',
      help: 'Start time of the process since unix epoch in seconds.',
      type: 'gauge',
      collect: () => one(START_TIME_SECONDS),
    },
    {
      name: 'process_resident_memory_bytes',
      help: 'Resident memory size in bytes.',
      type: 'gauge',
      collect: () => one(procStatus()?.get('VmRSS') ?? process.memoryUsage.rss()),
    },
    {
      name: 'process_virtual_memory_bytes',
      help: 'Virtual memory size in bytes.',
      type: 'gauge',
      collect: () => one(procStatus()?.get('VmSize')),
    },
    {
      name: 'process_heap_bytes',
      help: 'Process heap size in bytes.',
      type: 'gauge',
      collect: () => one(procStatus()?.get('VmData')),
    },
    {
      name: 'process_open_fds',
      help: 'Number of open file descriptors.',
      type: 'gauge',
      collect: () => one(openFds()),
    },
    {
      name: 'process_max_fds',
      help: 'Maximum number of open file descriptors.',
      type: 'gauge',
      collect: () => one(maxFds()),
    },
    {
      name: 'nodejs_heap_size_total_bytes',
      help: 'Process heap size from Node.js in bytes.',
      type: 'gauge',
      collect: () => one(process.memoryUsage().heapTotal),
    },
    {
      name: 'nodejs_heap_size_used_bytes',
      help: 'Process heap size used from Node.js in bytes.',
      type: 'gauge',
      collect: () => one(process.memoryUsage().heapUsed),
    },
    {
      name: 'nodejs_external_memory_bytes',
      help: 'Node.js external memory size in bytes.',
      type: 'gauge',
      collect: () => one(process.memoryUsage().external),
    },
    {
      // A counter, not a sampled gauge: rate() over it is the event loop's utilisation, whoever scrapes and how often.
      name: 'nodejs_eventloop_active_seconds_total',
      help: 'Time the event loop spent outside its poll for I/O (busy), in seconds; rate() is its utilisation.',
      type: 'counter',
      // The global `performance` is node:perf_hooks' (typed as the DOM's here); importing the module would load it.
      collect: () => one((performance as unknown as Performance).eventLoopUtilization().active / 1000),
    },
    {
      name: 'nodejs_active_resources',
      help: 'Resources keeping the event loop alive, by type (process.getActiveResourcesInfo()).',
      type: 'gauge',
      collect: () => {
        const counts = new Map<string, number>();
        for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
        return [...counts].map(([type, value]) => ({ labels: { type }, value }));
      },
    },
    {
      name: 'nodejs_version_info',
      help: 'Node.js version info.',
      type: 'gauge',
      collect: () => [{ labels: { version: process.version, major, minor, patch }, value: 1 }],
    },
  ];
}
