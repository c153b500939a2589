// The wsgiwatch YAML config file: every key a flag also sets (flags and WSGIWATCH_* variables win over the file).

import { z } from 'zod';

const accessLog = z.strictObject({
  path: z.string().min(1),
  format: z.string().min(1).default('combined'),
  vhost: z.string().min(1).optional(),
});

const errorLog = z.strictObject({
  path: z.string().min(1),
  format: z.string().min(1).optional(),
});

const location = z.strictObject({
  prefix: z.string().startsWith('/'),
  vhost: z.string().min(1).optional(),
  rateLimitKiB: z.number().int().positive().max(2097151).optional(),
  rateInitialBurstKiB: z.number().int().nonnegative().optional(),
  processGroup: z.string().min(1).optional(),
});

export const agentConfigSchema = z.strictObject({
  accessLogs: z.array(accessLog).optional(),
  errorLogs: z.array(errorLog).optional(),
  apacheConfig: z.string().min(1).optional(),
  modWsgiVersion: z
    .string()
    .regex(/^\d+\.\d+(\.\d+)?/)
    .optional(),
  locations: z.array(location).optional(),
  logWrapper: z.enum(['auto', 'cri', 'docker', 'journal', 'none']).optional(),
  positionsFile: z.string().min(1).optional(),
  fromBeginning: z.boolean().optional(),
  backfill: z.boolean().optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  logFile: z.string().min(1).optional(),
  web: z
    .strictObject({
      listenAddress: z.string().min(1).optional(),
      configFile: z.string().min(1).optional(),
      telemetryPath: z
        .string()
        .regex(/^\/\S*$/, 'expected a path starting with /')
        .optional(),
    })
    .optional(),
  tail: z
    .strictObject({
      maxLineBytes: z
        .number()
        .int()
        .min(1024)
        .max(16 * 1024 * 1024)
        .optional(),
      pollIntervalMs: z.number().int().min(10).max(60_000).optional(),
      positionsSyncMs: z.number().int().min(100).max(600_000).optional(),
    })
    .optional(),
  verdictWindow: z
    .strictObject({
      maxSamples: z.number().int().min(5).max(100_000).optional(),
      maxAgeSeconds: z.number().int().min(10).optional(),
    })
    .optional(),
});

export type AgentConfigFile = z.infer<typeof agentConfigSchema>;
