// Directive names Apache 2.4.71 (Debian) knows, by the source file that defines them: generated with `apache2 -L` on a
// config loading every module in /usr/lib/apache2/modules (plus prefork's two). Used to reject unknown directives as Apache does
// (`Invalid command '…', perhaps misspelled or defined by a module not included in the server configuration`).

const BY_SOURCE: Record<string, string> = {
  'core.c':
    'AcceptFilter AcceptPathInfo AccessFileName AddDefaultCharset AllowEncodedSlashes AllowOverride AllowOverrideList CGIPassAuth CGIVar ContentDigest CoreDumpDirectory DefaultRuntimeDir DefaultType Define Directory DirectoryMatch DocumentRoot Else ElseIf EnableMMAP EnableSendfile Error ErrorDocument ErrorLog ErrorLogFormat ExtendedStatus FileETag Files FilesMatch FlushMaxPipelined FlushMaxThreshold ForceType HostnameLookups HttpProtocolOptions If IfDefine IfDirective IfFile IfModule IfSection Include IncludeOptional Limit LimitExcept LimitInternalRecursion LimitRequestBody LimitRequestFields LimitRequestFieldsize LimitRequestLine LimitXMLRequestBody Location LocationMatch LogLevel MaxConnectionsPerChild MaxMemFree MaxRangeOverlaps MaxRangeReversals MaxRanges MaxRequestsPerChild MergeSlashes MergeTrailers Mutex NameVirtualHost Options PidFile Port Protocol Protocols ProtocolsHonorOrder QualifyRedirectURL RLimitCPU RLimitMEM RLimitNPROC ReadBufferSize RegexDefaultOptions RegisterHttpMethod ScoreBoardFile SeeRequestTail ServerAdmin ServerAlias ServerName ServerPath ServerRoot ServerSignature ServerTokens SetHandler SetInputFilter SetOutputFilter StrictHostCheck ThreadStackSize Timeout TraceEnable UnDefine UseCanonicalName UseCanonicalPhysicalPort VirtualHost',
  'event.c':
    'AsyncRequestWorkerFactor GracefulShutdownTimeout Listen ListenBacklog ListenCoresBucketsRatio ListenTCPDeferAccept MaxClients MaxRequestWorkers MaxSpareThreads MinSpareThreads ReceiveBufferSize SendBufferSize ServerLimit StartServers ThreadLimit ThreadsPerChild',
  'http_core.c': 'KeepAlive KeepAliveTimeout MaxKeepAliveRequests',
  'mod_access_compat.c': 'Satisfy allow deny order',
  'mod_actions.c': 'Action Script',
  'mod_alias.c':
    'Alias AliasMatch AliasPreservePath Redirect RedirectMatch RedirectPermanent RedirectRelative RedirectTemp ScriptAlias ScriptAliasMatch',
  'mod_allowmethods.c': 'AllowMethods',
  'mod_auth_basic.c': 'AuthBasicAuthoritative AuthBasicFake AuthBasicProvider AuthBasicUseDigestAlgorithm',
  'mod_auth_digest.c':
    'AuthDigestAlgorithm AuthDigestDomain AuthDigestNcCheck AuthDigestNonceLifetime AuthDigestProvider AuthDigestQop AuthDigestShmemSize',
  'mod_auth_form.c':
    'AuthFormAuthoritative AuthFormBody AuthFormDisableNoStore AuthFormFakeBasicAuth AuthFormLocation AuthFormLoginRequiredLocation AuthFormLoginSuccessLocation AuthFormLogoutLocation AuthFormMethod AuthFormMimetype AuthFormPassword AuthFormProvider AuthFormSitePassphrase AuthFormSize AuthFormUsername',
  'mod_authn_anon.c': 'Anonymous Anonymous_LogEmail Anonymous_MustGiveEmail Anonymous_NoUserId Anonymous_VerifyEmail',
  'mod_authn_core.c': 'AuthName AuthType AuthnProviderAlias',
  'mod_authn_dbd.c': 'AuthDBDUserPWQuery AuthDBDUserRealmQuery',
  'mod_authn_dbm.c': 'AuthDBMType AuthDBMUserFile',
  'mod_authn_file.c': 'AuthUserFile',
  'mod_authn_socache.c': 'AuthnCacheContext AuthnCacheEnable AuthnCacheProvideFor AuthnCacheSOCache AuthnCacheTimeout',
  'mod_authnz_fcgi.c': 'AuthnzFcgiCheckAuthnProvider AuthnzFcgiDefineProvider',
  'mod_authnz_ldap.c':
    'AuthLDAPAuthorizePrefix AuthLDAPBindAuthoritative AuthLDAPBindDN AuthLDAPBindPassword AuthLDAPCharsetConfig AuthLDAPCompareAsUser AuthLDAPCompareDNOnServer AuthLDAPDereferenceAliases AuthLDAPGroupAttribute AuthLDAPGroupAttributeIsDN AuthLDAPInitialBindAsUser AuthLDAPInitialBindPattern AuthLDAPMaxSubGroupDepth AuthLDAPRemoteUserAttribute AuthLDAPRemoteUserIsDN AuthLDAPSearchAsUser AuthLDAPSubGroupAttribute AuthLDAPSubGroupClass AuthLDAPURL',
  'mod_authz_core.c':
    'AuthMerging AuthzProviderAlias AuthzSendForbiddenOnFailure Require RequireAll RequireAny RequireNone',
  'mod_authz_dbd.c': 'AuthzDBDLoginToReferer AuthzDBDQuery AuthzDBDRedirectQuery',
  'mod_authz_dbm.c': 'AuthDBMGroupFile AuthzDBMType',
  'mod_authz_groupfile.c': 'AuthGroupFile',
  'mod_autoindex.c':
    'AddAlt AddAltByEncoding AddAltByType AddDescription AddIcon AddIconByEncoding AddIconByType DefaultIcon FancyIndexing HeaderName IndexHeadInsert IndexIgnore IndexIgnoreReset IndexOptions IndexOrderDefault IndexStyleSheet ReadmeName',
  'mod_brotli.c':
    'BrotliAlterETag BrotliCompressionMaxInputBlock BrotliCompressionQuality BrotliCompressionWindow BrotliFilterNote',
  'mod_buffer.c': 'BufferSize',
  'mod_cache.c':
    'CacheDefaultExpire CacheDetailHeader CacheDisable CacheEnable CacheHeader CacheIgnoreCacheControl CacheIgnoreHeaders CacheIgnoreNoLastMod CacheIgnoreQueryString CacheIgnoreURLSessionIdentifiers CacheKeyBaseURL CacheLastModifiedFactor CacheLock CacheLockMaxAge CacheLockPath CacheMaxExpire CacheMinExpire CacheQuickHandler CacheStaleOnError CacheStoreExpired CacheStoreNoStore CacheStorePrivate',
  'mod_cache_disk.c':
    'CacheDirLength CacheDirLevels CacheMaxFileSize CacheMinFileSize CacheReadSize CacheReadTime CacheRoot',
  'mod_cache_socache.c':
    'CacheSocache CacheSocacheMaxSize CacheSocacheMaxTime CacheSocacheMinTime CacheSocacheReadSize CacheSocacheReadTime',
  'mod_case_filter.c': 'CaseFilter',
  'mod_case_filter_in.c': 'CaseFilterIn',
  'mod_cern_meta.c': 'MetaDir MetaFiles MetaSuffix',
  'mod_cgi.c': 'CGIScriptTimeout ScriptLog ScriptLogBuffer ScriptLogLength',
  'mod_cgid.c': 'CGIDScriptTimeout ScriptLog ScriptLogBuffer ScriptLogLength ScriptSock',
  'mod_charset_lite.c': 'CharsetDefault CharsetOptions CharsetSourceEnc',
  'mod_dav.c': 'DAV DAVBasePath DAVDepthInfinity DAVLockDiscovery DAVMinTimeout',
  'mod_dav_fs.c': 'DAVLockDB',
  'mod_dav_lock.c': 'DAVGenericLockDB',
  'mod_dbd.c': 'DBDExptime DBDInitSQL DBDKeep DBDMax DBDMin DBDParams DBDPersist DBDPrepareSQL DBDriver',
  'mod_deflate.c':
    'DeflateAlterEtag DeflateBufferSize DeflateCompressionLevel DeflateFilterNote DeflateInflateLimitRequestBody DeflateInflateRatioBurst DeflateInflateRatioLimit DeflateMemLevel DeflateWindowSize',
  'mod_dialup.c': 'ModemStandard',
  'mod_dir.c': 'DirectoryCheckHandler DirectoryIndex DirectoryIndexRedirect DirectorySlash FallbackResource',
  'mod_dumpio.c': 'DumpIOInput DumpIOOutput',
  'mod_echo.c': 'ProtocolEcho',
  'mod_env.c': 'PassEnv SetEnv UnsetEnv',
  'mod_expires.c': 'ExpiresActive ExpiresByType ExpiresDefault',
  'mod_ext_filter.c': 'ExtFilterDefine ExtFilterOptions',
  'mod_file_cache.c': 'cachefile mmapfile',
  'mod_filter.c': 'AddOutputFilterByType FilterChain FilterDeclare FilterProtocol FilterProvider FilterTrace',
  'mod_headers.c': 'Header RequestHeader',
  'mod_heartbeat.c': 'HeartbeatAddress',
  'mod_heartmonitor.c': 'HeartbeatListen HeartbeatMaxServers HeartbeatStorage',
  'mod_http2.c':
    'H2CopyFiles H2Direct H2EarlyHint H2EarlyHints H2MaxDataFrameLen H2MaxHeaderBlockLen H2MaxSessionStreams H2MaxStreamErrors H2MaxWorkerIdleSeconds H2MaxWorkers H2MinWorkers H2ModernTLSOnly H2OutputBuffering H2Padding H2ProxyRequests H2Push H2PushDiarySize H2PushPriority H2PushResource H2SerializeHeaders H2SessionExtraFiles H2StreamMaxMemSize H2StreamTimeout H2TLSCoolDownSecs H2TLSWarmUpSize H2Upgrade H2WebSockets H2WindowSize',
  'mod_ident.c': 'IdentityCheck IdentityCheckTimeout',
  'mod_imagemap.c': 'ImapBase ImapDefault ImapMenu',
  'mod_include.c':
    'SSIEndTag SSIErrorMsg SSIEtag SSILastModified SSILegacyExprParser SSIStartTag SSITimeFormat SSIUndefinedEcho XBitHack',
  'mod_info.c': 'AddModuleInfo',
  'mod_lbmethod_heartbeat.c': 'HeartbeatStorage',
  'mod_log_config.c': 'BufferedLogs CustomLog GlobalLog LogFormat TransferLog',
  'mod_log_debug.c': 'LogMessage',
  'mod_log_forensic.c': 'ForensicLog',
  'mod_logio.c': 'LogIOTrackTTFB',
  'mod_lua.c':
    'LuaAuthzProvider LuaCodeCache LuaHookAccessChecker LuaHookAuthChecker LuaHookCheckUserID LuaHookFixups LuaHookInsertFilter LuaHookLog LuaHookMapToStorage LuaHookPreTranslateName LuaHookTranslateName LuaHookTypeChecker LuaInherit LuaInputFilter LuaMapHandler LuaOutputFilter LuaPackageCPath LuaPackagePath LuaQuickHandler LuaRoot LuaScope Lua_____ByteCodeHack',
  'mod_macro.c': 'Macro MacroIgnoreBadNesting MacroIgnoreEmptyArgs UndefMacro Use',
  'mod_md.c':
    'MDActivationDelay MDBaseServer MDCACertificateFile MDCAChallenges MDCertificateAgreement MDCertificateAuthority MDCertificateCheck MDCertificateFile MDCertificateKeyFile MDCertificateProtocol MDCertificateStatus MDChallengeDns01 MDChallengeDns01Version MDCheckInterval MDContactEmail MDDriveMode MDExternalAccountBinding MDHttpProxy MDHttpProxyCACertificateFile MDInitialDelay MDMatchNames MDMember MDMembers MDMessageCmd MDMustStaple MDNotifyCmd MDPortMap MDPrivateKeys MDProfile MDProfileMandatory MDRenewMode MDRenewViaARI MDRenewWindow MDRequireHttps MDRetryDelay MDRetryFailover MDServerStatus MDStapleOthers MDStapling MDStaplingKeepResponse MDStaplingRenewWindow MDStoreDir MDStoreLocks MDWarnWindow MDomain MDomainSet',
  'mod_mime.c':
    'AddCharset AddEncoding AddHandler AddInputFilter AddLanguage AddOutputFilter AddType DefaultLanguage ModMimeUsePathInfo MultiviewsMatch RemoveCharset RemoveEncoding RemoveHandler RemoveInputFilter RemoveLanguage RemoveOutputFilter RemoveType TypesConfig',
  'mod_mime_magic.c': 'MimeMagicFile',
  'mod_negotiation.c': 'CacheNegotiatedDocs ForceLanguagePriority LanguagePriority',
  'mod_proxy.c':
    'BalancerGrowth BalancerInherit BalancerMember BalancerPersist NoProxy Proxy Proxy100Continue ProxyAddHeaders ProxyBadHeader ProxyBlock ProxyDomain ProxyErrorOverride ProxyIOBufferSize ProxyMatch ProxyMaxForwards ProxyPass ProxyPassInherit ProxyPassInterpolateEnv ProxyPassMatch ProxyPassReverse ProxyPassReverseCookieDomain ProxyPassReverseCookiePath ProxyPreserveHost ProxyReceiveBufferSize ProxyRemote ProxyRemoteMatch ProxyRequests ProxySet ProxySourceAddress ProxyStatus ProxyTimeout ProxyVia',
  'mod_proxy_connect.c': 'AllowCONNECT',
  'mod_proxy_express.c': 'ProxyExpressDBMFile ProxyExpressDBMType ProxyExpressEnable',
  'mod_proxy_fcgi.c': 'ProxyFCGIBackendType ProxyFCGISetEnvIf',
  'mod_proxy_ftp.c': 'ProxyFtpDirCharset ProxyFtpEscapeWildcards ProxyFtpListOnWildcard',
  'mod_proxy_hcheck.c': 'ProxyHCExpr ProxyHCTPsize ProxyHCTemplate',
  'mod_proxy_html.c':
    'ProxyHTMLBufSize ProxyHTMLCharsetOut ProxyHTMLDoctype ProxyHTMLEnable ProxyHTMLEvents ProxyHTMLExtended ProxyHTMLFixups ProxyHTMLInterp ProxyHTMLLinks ProxyHTMLMeta ProxyHTMLStripComments ProxyHTMLURLMap',
  'mod_proxy_scgi.c': 'ProxySCGIInternalRedirect ProxySCGISendfile',
  'mod_proxy_wstunnel.c': 'ProxyWebsocketFallbackToProxyHttp',
  'mod_reflector.c': 'ReflectorHeader',
  'mod_remoteip.c':
    'RemoteIPHeader RemoteIPInternalProxy RemoteIPInternalProxyList RemoteIPProxiesHeader RemoteIPProxyProtocol RemoteIPProxyProtocolExceptions RemoteIPTrustedProxy RemoteIPTrustedProxyList',
  'mod_reqtimeout.c': 'RequestReadTimeout',
  'mod_request.c': 'KeptBodySize',
  'mod_rewrite.c': 'RewriteBase RewriteCond RewriteEngine RewriteMap RewriteOptions RewriteRule',
  'mod_sed.c': 'InputSed OutputSed',
  'mod_session.c':
    'Session SessionEnv SessionExclude SessionExpiryUpdateInterval SessionHeader SessionInclude SessionMaxAge',
  'mod_session_cookie.c': 'SessionCookieName SessionCookieName2 SessionCookieRemove',
  'mod_session_crypto.c': 'SessionCryptoCipher SessionCryptoDriver SessionCryptoPassphrase SessionCryptoPassphraseFile',
  'mod_session_dbd.c':
    'SessionDBDCookieName SessionDBDCookieName2 SessionDBDCookieRemove SessionDBDDeleteLabel SessionDBDInsertLabel SessionDBDPerUser SessionDBDSelectLabel SessionDBDUpdateLabel',
  'mod_setenvif.c': 'BrowserMatch BrowserMatchNoCase SetEnvIf SetEnvIfExpr SetEnvIfNoCase',
  'mod_so.c': 'LoadFile LoadModule',
  'mod_socache_memcache.c': 'MemcacheConnTTL',
  'mod_socache_redis.c': 'RedisConnPoolTTL RedisTimeout',
  'mod_speling.c': 'CheckBasenameMatch CheckCaseOnly CheckSpelling',
  'mod_ssl.c':
    'SSLCACertificateFile SSLCACertificatePath SSLCADNRequestFile SSLCADNRequestPath SSLCARevocationCheck SSLCARevocationFile SSLCARevocationPath SSLCertificateChainFile SSLCertificateFile SSLCertificateKeyFile SSLCipherSuite SSLCompression SSLCryptoDevice SSLEngine SSLFIPS SSLHonorCipherOrder SSLInsecureRenegotiation SSLLog SSLLogLevel SSLOCSPDefaultResponder SSLOCSPEnable SSLOCSPNoVerify SSLOCSPOverrideResponder SSLOCSPProxyURL SSLOCSPResponderCertificateFile SSLOCSPResponderTimeout SSLOCSPResponseMaxAge SSLOCSPResponseTimeSkew SSLOCSPUseRequestNonce SSLOpenSSLConfCmd SSLOptions SSLPassPhraseDialog SSLProtocol SSLProxyCACertificateFile SSLProxyCACertificatePath SSLProxyCARevocationCheck SSLProxyCARevocationFile SSLProxyCARevocationPath SSLProxyCheckPeerCN SSLProxyCheckPeerExpire SSLProxyCheckPeerName SSLProxyCipherSuite SSLProxyEngine SSLProxyMachineCertificateChainFile SSLProxyMachineCertificateFile SSLProxyMachineCertificatePath SSLProxyProtocol SSLProxyVerify SSLProxyVerifyDepth SSLRandomSeed SSLRenegBufferSize SSLRequire SSLRequireSSL SSLSRPUnknownUserSeed SSLSRPVerifierFile SSLSessionCache SSLSessionCacheTimeout SSLSessionTicketKeyFile SSLSessionTickets SSLStaplingCache SSLStaplingErrorCacheTimeout SSLStaplingFakeTryLater SSLStaplingForceURL SSLStaplingResponderTimeout SSLStaplingResponseMaxAge SSLStaplingResponseTimeSkew SSLStaplingReturnResponderErrors SSLStaplingStandardCacheTimeout SSLStrictSNIVHostCheck SSLUseStapling SSLUserName SSLVHostSNIPolicy SSLVerifyClient SSLVerifyDepth',
  'mod_substitute.c': 'Substitute SubstituteInheritBefore SubstituteMaxLineLength',
  'mod_suexec.c': 'SuexecUserGroup',
  'mod_unixd.c': 'ChrootDir Group Suexec User',
  'mod_userdir.c': 'UserDir',
  'mod_usertrack.c':
    'CookieDomain CookieExpires CookieHttpOnly CookieName CookieSameSite CookieSecure CookieStyle CookieTracking',
  'mod_version.c': 'IfVersion',
  'mod_vhost_alias.c': 'VirtualDocumentRoot VirtualDocumentRootIP VirtualScriptAlias VirtualScriptAliasIP',
  'mod_watchdog.c': 'WatchdogInterval',
  'mod_wsgi.c':
    'WSGIAcceptMutex WSGIAccessScript WSGIApplicationGroup WSGIAuthGroupScript WSGIAuthUserScript WSGICallableObject WSGICaseSensitivity WSGIChunkedRequest WSGIDaemonProcess WSGIDestroyInterpreter WSGIDispatchScript WSGIDontWriteBytecode WSGIEnableSendfile WSGIErrorOverride WSGIGroupAuthoritative WSGIHandlerScript WSGIIgnoreActivity WSGIImportScript WSGILazyInitialization WSGIMapHEADToGET WSGINewRelicConfigFile WSGINewRelicEnvironment WSGIPassApacheRequest WSGIPassAuthorization WSGIProcessGroup WSGIPythonEggs WSGIPythonHashSeed WSGIPythonHome WSGIPythonOptimize WSGIPythonPath WSGIPythonWarnings WSGIRestrictEmbedded WSGIRestrictProcess WSGIRestrictSignal WSGIRestrictStdin WSGIRestrictStdout WSGIScriptAlias WSGIScriptAliasMatch WSGIScriptReloading WSGIServerMetrics WSGISocketPrefix WSGISocketRotation WSGITrustedProxies WSGITrustedProxyHeaders WSGIVerboseDebugging',
  'mod_xml2enc.c': 'xml2EncAlias xml2EncDefault xml2StartParse',
  'prefork.c': 'MaxSpareServers MinSpareServers',
  'util_ldap.c':
    'LDAPCacheEntries LDAPCacheTTL LDAPConnectionPoolTTL LDAPConnectionTimeout LDAPLibraryDebug LDAPOpCacheEntries LDAPOpCacheTTL LDAPReferralHopLimit LDAPReferrals LDAPRetries LDAPRetryDelay LDAPSharedCacheFile LDAPSharedCacheSize LDAPTimeout LDAPTrustedClientCert LDAPTrustedGlobalCert LDAPTrustedMode LDAPVerifyServerCert',
};

/** Source file (`mod_rewrite.c`) → LoadModule identifier (`rewrite_module`); `''` for modules compiled into Debian's httpd. */
export function moduleIdOfSource(source: string): string {
  if (BUILTIN_SOURCES.has(source)) return '';
  if (source === 'event.c' || source === 'prefork.c' || source === 'worker.c')
    return `mpm_${source.slice(0, -2)}_module`;
  if (source === 'util_ldap.c') return 'ldap_module';
  return `${source.replace(/^mod_/, '').slice(0, -2)}_module`;
}

// `apache2 -l` on Debian 2.4.71.
const BUILTIN_SOURCES = new Set([
  'core.c',
  'mod_so.c',
  'mod_watchdog.c',
  'http_core.c',
  'mod_log_config.c',
  'mod_logio.c',
  'mod_version.c',
  'mod_unixd.c',
]);

/** Lower-cased directive name → the module identifiers that define it (`''` = always available). */
export const KNOWN_DIRECTIVES: ReadonlyMap<string, string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [source, names] of Object.entries(BY_SOURCE)) {
    for (const name of names.split(' ')) {
      const key = name.toLowerCase();
      map.set(key, [...(map.get(key) ?? []), moduleIdOfSource(source)]);
    }
  }
  return map;
})();

/**
 * Every module Debian's apache2 ships (mods-available/*.load and /usr/lib/apache2/modules/*.so). When a config loads a
 * module outside this list, an unknown directive may be that module's, so it is reported as a warning instead.
 */
export const KNOWN_MODULES: ReadonlySet<string> = new Set([
  'access_compat_module',
  'actions_module',
  'alias_module',
  'allowmethods_module',
  'asis_module',
  'auth_basic_module',
  'auth_digest_module',
  'auth_form_module',
  'authn_anon_module',
  'authn_core_module',
  'authn_dbd_module',
  'authn_dbm_module',
  'authn_file_module',
  'authn_socache_module',
  'authnz_fcgi_module',
  'authnz_ldap_module',
  'authz_core_module',
  'authz_dbd_module',
  'authz_dbm_module',
  'authz_groupfile_module',
  'authz_host_module',
  'authz_owner_module',
  'authz_user_module',
  'autoindex_module',
  'brotli_module',
  'bucketeer_module',
  'buffer_module',
  'cache_disk_module',
  'cache_module',
  'cache_socache_module',
  'case_filter_in_module',
  'case_filter_module',
  'cern_meta_module',
  'cgi_module',
  'cgid_module',
  'charset_lite_module',
  'data_module',
  'dav_fs_module',
  'dav_lock_module',
  'dav_module',
  'dbd_module',
  'deflate_module',
  'dialup_module',
  'dir_module',
  'dumpio_module',
  'echo_module',
  'env_module',
  'expires_module',
  'ext_filter_module',
  'file_cache_module',
  'filter_module',
  'headers_module',
  'heartbeat_module',
  'heartmonitor_module',
  'http2_module',
  'ident_module',
  'imagemap_module',
  'include_module',
  'info_module',
  'lbmethod_bybusyness_module',
  'lbmethod_byrequests_module',
  'lbmethod_bytraffic_module',
  'lbmethod_heartbeat_module',
  'ldap_module',
  'log_debug_module',
  'log_forensic_module',
  'lua_module',
  'macro_module',
  'md_module',
  'mime_magic_module',
  'mime_module',
  'mpm_event_module',
  'mpm_prefork_module',
  'mpm_worker_module',
  'negotiation_module',
  'proxy_ajp_module',
  'proxy_balancer_module',
  'proxy_connect_module',
  'proxy_express_module',
  'proxy_fcgi_module',
  'proxy_fdpass_module',
  'proxy_ftp_module',
  'proxy_hcheck_module',
  'proxy_html_module',
  'proxy_http2_module',
  'proxy_http_module',
  'proxy_module',
  'proxy_scgi_module',
  'proxy_uwsgi_module',
  'proxy_wstunnel_module',
  'ratelimit_module',
  'reflector_module',
  'remoteip_module',
  'reqtimeout_module',
  'request_module',
  'rewrite_module',
  'sed_module',
  'session_cookie_module',
  'session_crypto_module',
  'session_dbd_module',
  'session_module',
  'setenvif_module',
  'slotmem_plain_module',
  'slotmem_shm_module',
  'socache_dbm_module',
  'socache_memcache_module',
  'socache_redis_module',
  'socache_shmcb_module',
  'speling_module',
  'ssl_module',
  'status_module',
  'substitute_module',
  'suexec_module',
  'unique_id_module',
  'userdir_module',
  'usertrack_module',
  'vhost_alias_module',
  'wsgi_module',
  'xml2enc_module',
]);
