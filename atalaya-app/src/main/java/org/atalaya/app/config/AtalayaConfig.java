package org.atalaya.app.config;

import java.nio.file.Path;
import java.time.Duration;
import org.atalaya.core.calls.CallAdmission;
import org.atalaya.store.EmbeddedH2;
import org.atalaya.store.blob.S3Settings;

/**
 * Atalaya's typed configuration; {@link ConfigLoader} builds it from the defaults, an optional
 * file and the environment.
 */
public record AtalayaConfig(
    Path dataDir,
    String dbUrl,
    String dbUser,
    String dbPassword,
    String sipBind,
    int sipPort,
    String sipAdvertised,
    String sipRealm,
    java.util.List<String> sipTrustedNetworks,
    int sipMaxRegisterExpires,
    String mediaBind,
    String mediaAdvertised,
    int mediaPortMin,
    int mediaPortMax,
    int mediaLoops,
    int webPort,
    String queueName,
    int ringTimeoutSeconds,
    int maxWaitSeconds,
    String promptLanguage,
    String tenant,
    boolean demoEnabled,
    int demoCustomersMaxConcurrent,
    boolean monitoringAgentTone,
    int retentionPurgeHour,
    int mediaTimeoutSeconds,
    CallAdmission.Limits callLimits,
    S3Settings s3Blobs,
    Duration shutdownGrace,
    int sipAuthMaxFailures) {

  /** A caller or agent sending no RTP for this long is hung up on, unless configured otherwise. */
  public static final int DEFAULT_MEDIA_TIMEOUT_SECONDS = 60;

  /**
   * New calls are refused with 503 only while a call has waited over 2 s for its answer (the
   * callers have retransmitted their INVITEs twice by then); no rate or concurrent limit.
   */
  public static final CallAdmission.Limits DEFAULT_CALL_LIMITS = new CallAdmission.Limits(0, 0, Duration.ofSeconds(2));

  /** Wrong SIP digest answers a minute from one address (or for one account) before it is blocked. */
  public static final int DEFAULT_SIP_AUTH_MAX_FAILURES = 10;

  /** How long an orderly stop waits for live calls to end and recordings to be finalized. */
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

  public AtalayaConfig {
    if (shutdownGrace == null || shutdownGrace.isNegative()) {
      throw new IllegalArgumentException("shutdown grace must be zero or more");
    }
    if (sipAuthMaxFailures < 1) {
      throw new IllegalArgumentException("sip.auth-max-failures must be at least 1");
    }
  }

  /** With finished recordings in the local directory ({@code blob.type=file}). */
  public AtalayaConfig(Path dataDir, String dbUrl, String dbUser, String dbPassword, String sipBind, int sipPort,
      String sipAdvertised, String sipRealm, java.util.List<String> sipTrustedNetworks, int sipMaxRegisterExpires,
      String mediaBind, String mediaAdvertised, int mediaPortMin, int mediaPortMax, int mediaLoops, int webPort,
      String queueName, int ringTimeoutSeconds, int maxWaitSeconds, String promptLanguage, String tenant,
      boolean demoEnabled, int demoCustomersMaxConcurrent, boolean monitoringAgentTone, int retentionPurgeHour) {
    this(dataDir, dbUrl, dbUser, dbPassword, sipBind, sipPort, sipAdvertised, sipRealm, sipTrustedNetworks,
        sipMaxRegisterExpires, mediaBind, mediaAdvertised, mediaPortMin, mediaPortMax, mediaLoops, webPort, queueName,
        ringTimeoutSeconds, maxWaitSeconds, promptLanguage, tenant, demoEnabled, demoCustomersMaxConcurrent,
        monitoringAgentTone, retentionPurgeHour, DEFAULT_MEDIA_TIMEOUT_SECONDS, DEFAULT_CALL_LIMITS, null,
        DEFAULT_SHUTDOWN_GRACE, DEFAULT_SIP_AUTH_MAX_FAILURES);
  }

  /** Without the purge hour (03:00 UTC), recordings in the local directory. */
  public AtalayaConfig(Path dataDir, String dbUrl, String dbUser, String dbPassword, String sipBind, int sipPort,
      String sipAdvertised, String sipRealm, java.util.List<String> sipTrustedNetworks, int sipMaxRegisterExpires,
      String mediaBind, String mediaAdvertised, int mediaPortMin, int mediaPortMax, int mediaLoops, int webPort,
      String queueName, int ringTimeoutSeconds, int maxWaitSeconds, String promptLanguage, String tenant,
      boolean demoEnabled, int demoCustomersMaxConcurrent, boolean monitoringAgentTone) {
    this(dataDir, dbUrl, dbUser, dbPassword, sipBind, sipPort, sipAdvertised, sipRealm, sipTrustedNetworks,
        sipMaxRegisterExpires, mediaBind, mediaAdvertised, mediaPortMin, mediaPortMax, mediaLoops, webPort, queueName,
        ringTimeoutSeconds, maxWaitSeconds, promptLanguage, tenant, demoEnabled, demoCustomersMaxConcurrent,
        monitoringAgentTone, 3, DEFAULT_MEDIA_TIMEOUT_SECONDS, DEFAULT_CALL_LIMITS, null, DEFAULT_SHUTDOWN_GRACE,
        DEFAULT_SIP_AUTH_MAX_FAILURES);
  }

  /**
   * The JDBC URL a command opens: the configured one, or for the embedded H2 under the data dir
   * the running node's shared database if there is one, else the file.
   */
  public String effectiveDbUrl() {
    return dbUrl.isBlank() ? EmbeddedH2.clientUrl(embeddedDbDir()) : dbUrl;
  }

  /** Where the embedded H2 lives (when {@code db.url} is empty). */
  public Path embeddedDbDir() {
    return dataDir.resolve("db");
  }

  /** Whether finished recordings go to an S3-compatible bucket ({@link #s3Blobs}, never null then). */
  public boolean blobsOnS3() {
    return s3Blobs != null;
  }

  /** Finished recordings (ciphertext) when the blob store is the local directory. */
  public Path recordingsDir() {
    return dataDir.resolve("recordings");
  }

  /** Recordings being written (ciphertext), and what a crash left behind. */
  public Path spoolDir() {
    return dataDir.resolve("spool");
  }

  /** The tenants' keys, encrypted by the master key. */
  public Path keystoreFile() {
    return dataDir.resolve("keystore.properties");
  }

  /** The master key when ATALAYA_MASTER_KEY is not set; created on first start. */
  public Path masterKeyFile() {
    return dataDir.resolve("master.key");
  }

  /** A copy with the demo switched on or off. */
  public AtalayaConfig withDemo(boolean demo) {
    return new AtalayaConfig(dataDir, dbUrl, dbUser, dbPassword, sipBind, sipPort, sipAdvertised, sipRealm,
        sipTrustedNetworks, sipMaxRegisterExpires, mediaBind, mediaAdvertised, mediaPortMin, mediaPortMax, mediaLoops,
        webPort, queueName, ringTimeoutSeconds, maxWaitSeconds, promptLanguage, tenant, demo, demoCustomersMaxConcurrent,
        monitoringAgentTone, retentionPurgeHour, mediaTimeoutSeconds, callLimits, s3Blobs,
        shutdownGrace, sipAuthMaxFailures);
  }

  /** A copy with another media timeout (0: never hang up for missing RTP). */
  public AtalayaConfig withMediaTimeout(int seconds) {
    return new AtalayaConfig(dataDir, dbUrl, dbUser, dbPassword, sipBind, sipPort, sipAdvertised, sipRealm,
        sipTrustedNetworks, sipMaxRegisterExpires, mediaBind, mediaAdvertised, mediaPortMin, mediaPortMax, mediaLoops,
        webPort, queueName, ringTimeoutSeconds, maxWaitSeconds, promptLanguage, tenant, demoEnabled,
        demoCustomersMaxConcurrent, monitoringAgentTone, retentionPurgeHour, seconds, callLimits, s3Blobs, shutdownGrace,
        sipAuthMaxFailures);
  }

  /** A copy with other limits on new customer calls. */
  public AtalayaConfig withCallLimits(CallAdmission.Limits limits) {
    return new AtalayaConfig(dataDir, dbUrl, dbUser, dbPassword, sipBind, sipPort, sipAdvertised, sipRealm,
        sipTrustedNetworks, sipMaxRegisterExpires, mediaBind, mediaAdvertised, mediaPortMin, mediaPortMax, mediaLoops,
        webPort, queueName, ringTimeoutSeconds, maxWaitSeconds, promptLanguage, tenant, demoEnabled,
        demoCustomersMaxConcurrent, monitoringAgentTone, retentionPurgeHour, mediaTimeoutSeconds, limits, s3Blobs,
        shutdownGrace, sipAuthMaxFailures);
  }

  /** A copy with another grace period for an orderly stop. */
  public AtalayaConfig withShutdownGrace(Duration grace) {
    return new AtalayaConfig(dataDir, dbUrl, dbUser, dbPassword, sipBind, sipPort, sipAdvertised, sipRealm,
        sipTrustedNetworks, sipMaxRegisterExpires, mediaBind, mediaAdvertised, mediaPortMin, mediaPortMax, mediaLoops,
        webPort, queueName, ringTimeoutSeconds, maxWaitSeconds, promptLanguage, tenant, demoEnabled,
        demoCustomersMaxConcurrent, monitoringAgentTone, retentionPurgeHour, mediaTimeoutSeconds, callLimits, s3Blobs,
        grace, sipAuthMaxFailures);
  }

  /** A copy trusting other networks' INVITEs without authentication. */
  public AtalayaConfig withSipTrustedNetworks(java.util.List<String> networks) {
    return new AtalayaConfig(dataDir, dbUrl, dbUser, dbPassword, sipBind, sipPort, sipAdvertised, sipRealm,
        networks, sipMaxRegisterExpires, mediaBind, mediaAdvertised, mediaPortMin, mediaPortMax, mediaLoops,
        webPort, queueName, ringTimeoutSeconds, maxWaitSeconds, promptLanguage, tenant, demoEnabled,
        demoCustomersMaxConcurrent, monitoringAgentTone, retentionPurgeHour, mediaTimeoutSeconds, callLimits, s3Blobs,
        shutdownGrace, sipAuthMaxFailures);
  }
}
