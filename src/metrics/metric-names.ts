// Every metric family name wsgiwatch exposes, in exposition order: one spelling for the registries, the fleet queries
// and the Grafana dashboard generator (the alert rules are checked against this list by test/dashboards).

export const METRIC = {
  apacheHttpRequestsTotal: 'apache_http_requests_total',
  apacheHttpResponseBytesTotal: 'apache_http_response_bytes_total',
  apacheHttpRequestDurationSeconds: 'apache_http_request_duration_seconds',
  apacheRatelimitThroughputRatio: 'apache_ratelimit_throughput_ratio',
  apacheRatelimitConfiguredRateBytesPerSecond: 'apache_ratelimit_configured_rate_bytes_per_second',
  apacheRatelimitInitialBurstBytes: 'apache_ratelimit_initial_burst_bytes',
  apacheRatelimitUnmeasuredResponsesTotal: 'apache_ratelimit_unmeasured_responses_total',
  apacheRatelimitVerdict: 'apache_ratelimit_verdict',
  apacheRatelimitMedianRatio: 'apache_ratelimit_median_ratio',
  apacheWsgiErrorsTotal: 'apache_wsgi_errors_total',
  apacheWsgiEventsTotal: 'apache_wsgi_events_total',
  apacheInfo: 'apache_info',
  apacheConfigFindings: 'apache_config_findings',
  apacheConfigLastLoadSuccess: 'apache_config_last_load_success',
  apacheConfigLastLoadTimestampSeconds: 'apache_config_last_load_timestamp_seconds',
  wsgiwatchLogLinesReadTotal: 'wsgiwatch_log_lines_read_total',
  wsgiwatchLogReadBytesTotal: 'wsgiwatch_log_read_bytes_total',
  wsgiwatchLogOffsetBytes: 'wsgiwatch_log_offset_bytes',
  wsgiwatchLogSizeBytes: 'wsgiwatch_log_size_bytes',
  wsgiwatchLogLagBytes: 'wsgiwatch_log_lag_bytes',
  wsgiwatchLogFileOpen: 'wsgiwatch_log_file_open',
  wsgiwatchLogRotationsTotal: 'wsgiwatch_log_rotations_total',
  wsgiwatchLogTruncationsTotal: 'wsgiwatch_log_truncations_total',
  wsgiwatchLogLinesLostTotal: 'wsgiwatch_log_lines_lost_total',
  wsgiwatchLogLinesTruncatedTotal: 'wsgiwatch_log_lines_truncated_total',
  wsgiwatchLogReadErrorsTotal: 'wsgiwatch_log_read_errors_total',
  wsgiwatchPositionsWriteErrorsTotal: 'wsgiwatch_positions_write_errors_total',
  wsgiwatchLogParseFailuresTotal: 'wsgiwatch_log_parse_failures_total',
  wsgiwatchDroppedTotal: 'wsgiwatch_dropped_total',
  wsgiwatchBuildInfo: 'wsgiwatch_build_info',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];

/** The family names in exposition order. */
export const METRIC_NAMES: readonly MetricName[] = Object.values(METRIC);
