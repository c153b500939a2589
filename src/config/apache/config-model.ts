// What Apache was told to do, as far as wsgiwatch needs it. Built by readApacheConfig (pure over file contents).
// Every item carries the file:line it came from so findings can point at it.

export interface SourceRef {
  file: string;
  line: number;
}

export interface VhostModel {
  /** ServerName, else the first address (`*:80`), else `default`: the `vhost` label value. */
  name: string;
  aliases: string[];
  /** `<VirtualHost addr:port …>` addresses as written. */
  addresses: string[];
  source: SourceRef;
}

/** A `<Location>` / `<LocationMatch>` (or the vhost root `/`) and what applies under it. */
export interface LocationModel {
  /** Vhost name, `default` for the main server. */
  vhost: string;
  /** The `location` label value: the prefix for `<Location>`, the pattern for `<LocationMatch>`. */
  location: string;
  match: 'prefix' | 'regex';
  /** mod_wsgi daemon group serving requests here, or undefined when embedded / not a WSGI location. */
  processGroup?: string;
  /** Where that group was chosen (WSGIProcessGroup, or the WSGIScriptAlias with process-group=). */
  processGroupSource?: SourceRef;
  /** True when a WSGIScriptAlias (or handler) maps it to mod_wsgi. */
  wsgi: boolean;
  source: SourceRef;
  /** True when the block sits under an <If>/<ElseIf>/<Else>. */
  conditional: boolean;
}

/** The rate limit in effect for a (vhost, location), merged in Apache's order. */
export interface RateLimitRule {
  vhost: string;
  location: string;
  match: 'prefix' | 'regex';
  /** RATE_LIMIT in the output filter chain, and how it got there. */
  filter?: {
    how: 'SetOutputFilter' | 'AddOutputFilter' | 'AddOutputFilterByType' | 'FilterChain';
    /** For AddOutputFilterByType: the MIME types; for AddOutputFilter: the extensions. */
    only?: string[];
    source: SourceRef;
  };
  /** rate-limit as written (KiB/s). mod_ratelimit does atoi(value)*1024. */
  rateRaw?: string;
  /** Parsed KiB/s, undefined when invalid (0, negative, non-numeric, > 2097151). */
  rateKiB?: number;
  rateSource?: SourceRef;
  /** How the rate is set: SetEnv, SetEnvIf, SetEnvIfExpr, RewriteRule. Only SetEnv is unconditional. */
  rateHow?: 'SetEnv' | 'SetEnvIf' | 'SetEnvIfExpr' | 'RewriteRule';
  burstRaw?: string;
  burstKiB?: number;
  burstSource?: SourceRef;
  conditional: boolean;
}

export interface WsgiDaemonModel {
  name: string;
  /** Vhost it was defined in, `default` for server scope. */
  vhost: string;
  /** Every option as written (`name=value`), case-sensitive names as mod_wsgi compares them. */
  options: Record<string, string>;
  processes: number;
  threads: number;
  /** response-flush-delay in ms (6.0.2+; undefined when not set: default 5 ms). */
  responseFlushDelayMs?: number;
  /** response-buffer-size in bytes (undefined when not set: default 8 MiB on ≥ 6.0.2, 65536 before). */
  responseBufferSize?: number;
  source: SourceRef;
}

export interface LogTargetModel {
  log: 'access' | 'error';
  /** The file to tail, or a glob for rotatelogs-style names; absolute. */
  path: string;
  /** Resolved LogFormat string (access) or ErrorLogFormat (error; undefined = Apache default). */
  format?: string;
  /** Vhost the directive belongs to, `default` for server scope. */
  vhost: string;
  /** Piped target (`|rotatelogs …`) turned into `path`. */
  piped?: string;
  /** rotatelogs `-L linkname`: a hard link to the file being written (absolute). */
  link?: string;
  /** CustomLog env=… condition, if any. */
  condition?: string;
  /** GlobalLog: written for every vhost, even those with their own CustomLog. */
  global?: boolean;
  source: SourceRef;
}

/** A log directive whose lines cannot be tailed: sent to syslog, or piped to a program other than rotatelogs. */
export interface UnreadableLogModel {
  log: 'access' | 'error';
  /** As written: ErrorLog, CustomLog, TransferLog, GlobalLog. */
  directive: string;
  /** Its target as written (`syslog:local1`, `|/usr/bin/logger -t app`). */
  target: string;
  via: 'syslog' | 'pipe';
  /** Why it cannot be tailed. */
  reason: string;
  /** Vhost the directive belongs to, `default` for server scope. */
  vhost: string;
  source: SourceRef;
}

/** Where a vhost's error lines go and at which LogLevel (see build-log-levels.ts for httpd's merge rules). */
export interface VhostLogModel {
  /** VhostModel.name. */
  vhost: string;
  /** The <VirtualHost> line. */
  source: SourceRef;
  /** LogLevel in force for the vhost, per module; key `''` is the default level. */
  logLevels: Record<string, string>;
  /** What the vhost's own LogLevel lines set (`''` only when they give a plain level); empty when it has none. */
  ownLogLevels: Record<string, string>;
  /** The vhost's last LogLevel line, when it has one. */
  logLevelSource?: SourceRef;
  /** The error log file: the vhost's own ErrorLog, else the main server's; undefined when it cannot be tailed. */
  errorLog?: string;
  /** The ErrorLog line behind `errorLog` (line 0: httpd's built-in default). */
  errorLogSource?: SourceRef;
}

export interface ConfigModel {
  /** ServerRoot used to resolve relative paths. */
  serverRoot: string;
  /** Every file read, in order. */
  files: string[];
  /** Modules loaded (LoadModule names, e.g. `wsgi_module`). */
  modules: string[];
  vhosts: VhostModel[];
  locations: LocationModel[];
  rateLimits: RateLimitRule[];
  daemons: WsgiDaemonModel[];
  logTargets: LogTargetModel[];
  /** Log directives wsgiwatch cannot tail (check names each, with its fix). */
  unreadableLogs: UnreadableLogModel[];
  /** LogLevel per module in server scope: key `''` is the default level. */
  logLevels: Record<string, string>;
  logLevelSource?: SourceRef;
  /** One per vhost, in the order of `vhosts`. */
  vhostLogs: VhostLogModel[];
  /** WSGIRestrictEmbedded directives in file order. */
  restrictEmbedded: { value: boolean; source: SourceRef }[];
}
