package org.atalaya.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.atalaya.core.calls.CallAdmission;
import org.atalaya.store.blob.S3Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blob store keys: defaults, file, environment and the messages for mistakes. */
class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void recordingsStayInTheLocalDirectoryByDefault() {
    AtalayaConfig config = ConfigLoader.load(null, Map.of());
    assertThat(config.blobsOnS3()).isFalse();
    assertThat(config.s3Blobs()).isNull();
  }

  @Test
  void s3FromTheFileWithCredentialsFromTheEnvironment() throws Exception {
    Path file = Files.writeString(dir.resolve("a.properties"), """
        blob.type=s3
        blob.s3.endpoint=http://minio.lan:9000
        blob.s3.bucket=recordings
        blob.s3.prefix=atalaya/node1
        """);
    AtalayaConfig config = ConfigLoader.load(file,
        Map.of("ATALAYA_S3_ACCESS_KEY", "AK", "ATALAYA_S3_SECRET_KEY", "SK", "ATALAYA_BLOB_S3_PATH_STYLE", "false"));
    assertThat(config.s3Blobs()).isEqualTo(
        new S3Settings(URI.create("http://minio.lan:9000"), "us-east-1", "recordings", "atalaya/node1/", "AK", "SK", false));
    assertThat(config.toString()).doesNotContain("SK,").contains("secretKey=***");
  }

  @Test
  void theGenericEnvironmentNameWinsOverTheAlias() {
    AtalayaConfig config = ConfigLoader.load(null, Map.of("ATALAYA_BLOB_TYPE", "s3", "ATALAYA_BLOB_S3_BUCKET", "b",
        "ATALAYA_S3_ACCESS_KEY", "alias", "ATALAYA_BLOB_S3_ACCESS_KEY", "generic", "ATALAYA_S3_SECRET_KEY", "s"));
    assertThat(config.s3Blobs().accessKey()).isEqualTo("generic");
    assertThat(config.s3Blobs().endpoint()).isNull();
  }

  @Test
  void withoutKeysTheAwsDefaultChainIsUsed() {
    AtalayaConfig config = ConfigLoader.load(null, Map.of("ATALAYA_BLOB_TYPE", "s3", "ATALAYA_BLOB_S3_BUCKET", "b"));
    assertThat(config.s3Blobs().accessKey()).isNull();
    assertThat(config.s3Blobs().secretKey()).isNull();
    assertThat(config.s3Blobs().pathStyle()).isTrue();
  }

  @Test
  void mistakesAreNamed() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("ATALAYA_BLOB_TYPE", "gcs")))
        .isInstanceOf(ConfigException.class).hasMessage("blob.type must be file or s3, got 'gcs'");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("ATALAYA_BLOB_TYPE", "s3")))
        .isInstanceOf(ConfigException.class).hasMessage("blob.s3.bucket must be set when blob.type=s3");
    assertThatThrownBy(() -> ConfigLoader.load(null, s3("ATALAYA_S3_ACCESS_KEY", "AK")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("go together");
    assertThatThrownBy(() -> ConfigLoader.load(null, s3("ATALAYA_BLOB_S3_ENDPOINT", "minio:9000")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("blob.s3.endpoint must be an http:// or https:// URL");
    assertThatThrownBy(() -> ConfigLoader.load(null, s3("ATALAYA_BLOB_S3_PREFIX", "a/../b")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("invalid S3 prefix");
    assertThatThrownBy(() -> ConfigLoader.load(null, s3("ATALAYA_BLOB_S3_REGION", " ")))
        .isInstanceOf(ConfigException.class).hasMessage("blob.s3.region must not be empty");
  }

  @Test
  void theMediaTimeoutIsAMinuteByDefaultAndCanBeSwitchedOff() {
    assertThat(ConfigLoader.load(null, Map.of()).mediaTimeoutSeconds()).isEqualTo(60);
    assertThat(ConfigLoader.load(null, Map.of("ATALAYA_MEDIA_TIMEOUT_SECONDS", "0")).mediaTimeoutSeconds()).isZero();
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("ATALAYA_MEDIA_TIMEOUT_SECONDS", "-5")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("media.timeout-seconds");
  }

  @Test
  void newCallsAreRefusedOnlyWhenOverloadedByDefaultAndEachLimitCanBeSet() {
    var byDefault = ConfigLoader.load(null, Map.of()).callLimits();
    assertThat(byDefault).isEqualTo(new CallAdmission.Limits(0, 0, Duration.ofSeconds(2)));
    var set = ConfigLoader.load(null, Map.of("ATALAYA_CALLS_MAX_CONCURRENT", "300", "ATALAYA_CALLS_MAX_PER_SECOND", "40",
        "ATALAYA_CALLS_OVERLOAD_DELAY_MS", "0")).callLimits();
    assertThat(set).isEqualTo(new CallAdmission.Limits(300, 40, Duration.ZERO));
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("ATALAYA_CALLS_MAX_PER_SECOND", "-1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("calls.max-per-second");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("ATALAYA_CALLS_OVERLOAD_DELAY_MS", "soon")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("calls.overload-delay-ms");
  }

  private static Map<String, String> s3(String key, String value) {
    return Map.of("ATALAYA_BLOB_TYPE", "s3", "ATALAYA_BLOB_S3_BUCKET", "b", key, value);
  }
}
