package org.atalaya.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.atalaya.media.audio.Wav;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording library, WAV streaming with ranges, CDRs and live calls, with tenant and role scoping. */
class RecordingAndCallApiTest {
  static final int TOTAL = Wav.HEADER_SIZE + TestServer.PCM_BYTES;
  @TempDir static Path blobs;
  static TestServer s;
  final ObjectMapper mapper = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    s = new TestServer(blobs);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private List<String> ids(HttpResponse<String> res, String field) throws Exception {
    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode root = mapper.readTree(res.body());
    JsonNode items = root.isArray() ? root : root.get("items");
    List<String> out = new ArrayList<>();
    items.forEach(n -> out.add(n.get(field).asText()));
    return out;
  }

  @Test
  void supervisorSeesTheTenantsRecordingsNewestFirst() throws Exception {
    HttpResponse<String> res = s.send(s.basic("/api/v1/recordings", "sup"));
    assertThat(ids(res, "id")).containsExactly("rec-ben", "rec-ana");
    JsonNode first = mapper.readTree(res.body()).get("items").get(0);
    assertThat(first.get("start").asText()).isEqualTo("2026-11-22T10:02:00Z");
    assertThat(first.get("durationSeconds").asLong()).isEqualTo(2);
    assertThat(first.get("durationMillis").asLong()).isEqualTo(2000);
    assertThat(first.get("sizeBytes").asLong()).isEqualTo(TestServer.PCM_BYTES);
    assertThat(first.get("agent").asText()).isEqualTo("1002");
    assertThat(first.get("status").asText()).isEqualTo("COMPLETE");
    assertThat(first.has("storageKey")).isFalse();
    assertThat(ids(s.send(s.basic("/api/v1/recordings?offset=1&limit=1", "sup")), "id")).containsExactly("rec-ana");
  }

  @Test
  void agentSeesOnlyOwnRecordingsAndCalls() throws Exception {
    assertThat(ids(s.send(s.basic("/api/v1/recordings", "ana")), "id")).containsExactly("rec-ana");
    assertThat(s.send(s.basic("/api/v1/recordings/rec-ana", "ana")).statusCode()).isEqualTo(200);
    assertThat(s.send(s.basic("/api/v1/recordings/rec-ben", "ana")).statusCode()).isEqualTo(404);
    assertThat(s.send(s.basic("/api/v1/recordings/rec-ben/audio", "ana")).statusCode()).isEqualTo(404);
    assertThat(ids(s.send(s.basic("/api/v1/calls", "ana")), "id")).containsExactly("call-ana");
    assertThat(ids(s.send(s.basic("/api/v1/calls/active", "ana")), "id")).containsExactly("live-1");
  }

  @Test
  void anotherTenantsRecordingIsNotFound() throws Exception {
    HttpResponse<String> res = s.send(s.basic("/api/v1/recordings/rec-acme", "admin"));
    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(mapper.readTree(res.body()).get("error").asText()).isEqualTo("not_found");
    assertThat(s.send(s.basic("/api/v1/recordings/rec-acme/audio", "admin")).statusCode()).isEqualTo(404);
    assertThat(ids(s.send(s.basic("/api/v1/recordings", "acme-admin")), "id")).containsExactly("rec-acme");
    assertThat(s.send(s.basic("/api/v1/recordings/rec-ana", "acme-admin")).statusCode()).isEqualTo(404);
    assertThat(ids(s.send(s.basic("/api/v1/calls", "acme-admin")), "id")).isEmpty();
  }

  @Test
  void fullAudioIsAValidStereoWav() throws Exception {
    HttpResponse<byte[]> res = s.sendBytes(s.basic("/api/v1/recordings/rec-ana/audio", "sup"));
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("audio/wav"));
    assertThat(res.headers().firstValue("Accept-Ranges")).contains("bytes");
    assertThat(res.headers().firstValueAsLong("Content-Length")).hasValue(TOTAL);
    Wav.Pcm pcm = Wav.read(new ByteArrayInputStream(res.body()));
    assertThat(pcm.sampleRate()).isEqualTo(8000);
    assertThat(pcm.channels()).isEqualTo(2);
    assertThat(pcm.samples()).hasSize(TestServer.PCM_BYTES / 2);
    assertThat(Arrays.copyOfRange(res.body(), Wav.HEADER_SIZE, TOTAL)).isEqualTo(s.pcm);
  }

  @Test
  void everyPlaybackIsAuditedOnceWithWhoAndWhich() throws Exception {
    long before = s.audit.list("default", 0, 1000).size();
    assertThat(s.sendBytes(s.basic("/api/v1/recordings/rec-ana/audio", "sup")).statusCode()).isEqualTo(200);
    assertThat(s.sendBytes(s.basic("/api/v1/recordings/rec-ana/audio", "sup").header("Range", "bytes=0-")).statusCode())
        .isEqualTo(206);
    // The player's follow-up ranges of the same playback are not audited again.
    assertThat(s.sendBytes(s.basic("/api/v1/recordings/rec-ana/audio", "sup").header("Range", "bytes=4000-")).statusCode())
        .isEqualTo(206);
    // Refused: another agent's recording is absent for ana, and nothing is audited as played.
    assertThat(s.sendBytes(s.basic("/api/v1/recordings/rec-ben/audio", "ana")).statusCode()).isEqualTo(404);

    var events = s.audit.list("default", 0, 1000);
    assertThat(events).hasSize((int) before + 2);
    var newest = events.getFirst().event();
    assertThat(newest.actor()).isEqualTo("sup");
    assertThat(newest.action()).isEqualTo("recording.play");
    assertThat(newest.target()).isEqualTo("recording:rec-ana");
    assertThat(newest.detail()).contains("call=call-ana").contains("range=bytes=0-");
    assertThat(s.audit.verify()).isEmpty();
  }

  @Test
  void rangeRequestsReturnTheRightSlices() throws Exception {
    byte[] whole = s.sendBytes(s.basic("/api/v1/recordings/rec-ana/audio", "sup")).body();

    HttpResponse<byte[]> first = range("bytes=0-99");
    assertThat(first.statusCode()).isEqualTo(206);
    assertThat(first.headers().firstValue("Content-Range")).contains("bytes 0-99/" + TOTAL);
    assertThat(first.body()).isEqualTo(Arrays.copyOfRange(whole, 0, 100));

    HttpResponse<byte[]> open = range("bytes=100-");
    assertThat(open.statusCode()).isEqualTo(206);
    assertThat(open.headers().firstValue("Content-Range")).contains("bytes 100-" + (TOTAL - 1) + "/" + TOTAL);
    assertThat(open.body()).isEqualTo(Arrays.copyOfRange(whole, 100, TOTAL));

    HttpResponse<byte[]> suffix = range("bytes=-50");
    assertThat(suffix.statusCode()).isEqualTo(206);
    assertThat(suffix.headers().firstValue("Content-Range"))
        .contains("bytes " + (TOTAL - 50) + "-" + (TOTAL - 1) + "/" + TOTAL);
    assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(whole, TOTAL - 50, TOTAL));

    HttpResponse<byte[]> straddle = range("bytes=40-47");
    assertThat(straddle.body()).isEqualTo(Arrays.copyOfRange(whole, 40, 48));

    // Deep into the encrypted blob, across several 4 KiB ciphertext segments: only those are decrypted.
    int from = Wav.HEADER_SIZE + 37_001;
    HttpResponse<byte[]> deep = range("bytes=" + from + "-" + (from + 9_999));
    assertThat(deep.statusCode()).isEqualTo(206);
    assertThat(deep.body()).isEqualTo(Arrays.copyOfRange(s.pcm, 37_001, 47_001));

    HttpResponse<byte[]> beyond = range("bytes=" + TOTAL + "-");
    assertThat(beyond.statusCode()).isEqualTo(416);
    assertThat(beyond.headers().firstValue("Content-Range")).contains("bytes */" + TOTAL);
    assertThat(beyond.headers().firstValue("Accept-Ranges")).contains("bytes");
  }

  private HttpResponse<byte[]> range(String header) throws Exception {
    return s.sendBytes(s.basic("/api/v1/recordings/rec-ana/audio", "sup").header("Range", header));
  }

  @Test
  void callDetailRecordsHaveTheCdrFields() throws Exception {
    HttpResponse<String> res = s.send(s.basic("/api/v1/calls", "sup"));
    assertThat(ids(res, "id")).containsExactly("call-lost", "call-ben", "call-ana");
    JsonNode ana = mapper.readTree(res.body()).get("items").get(2);
    assertThat(ana.get("from").asText()).isEqualTo("+34600000001");
    assertThat(ana.get("fromName").asText()).isEqualTo("Cliente Uno");
    assertThat(ana.get("startedAt").asText()).isEqualTo("2026-11-22T09:00:00Z");
    assertThat(ana.get("durationSeconds").asLong()).isEqualTo(64);
    assertThat(ana.get("talkSeconds").asLong()).isEqualTo(60);
    assertThat(ana.get("waitSeconds").asLong()).isEqualTo(4);
    assertThat(ana.get("disposition").asText()).isEqualTo("ANSWERED");
    assertThat(ana.get("recordingId").asText()).isEqualTo("rec-ana");
    JsonNode lost = mapper.readTree(res.body()).get("items").get(0);
    assertThat(lost.get("answeredAt").isNull()).isTrue();
    assertThat(ids(s.send(s.basic("/api/v1/calls/active", "sup")), "state")).containsExactly("CONNECTED", "QUEUED");
  }

  @Test
  void pagesRedirectWhenLoggedOutAndPickTheLanguage() throws Exception {
    assertThat(s.send(s.request("/")).headers().firstValue("Location")).contains("/recordings");
    HttpResponse<String> rec = s.send(s.request("/recordings"));
    assertThat(rec.statusCode()).isEqualTo(302);
    assertThat(rec.headers().firstValue("Location")).contains("/login");
    assertThat(s.send(s.request("/calls")).headers().firstValue("Location")).contains("/login");
    HttpResponse<String> es = s.send(s.request("/login").header("Accept-Language", "es-ES,es;q=0.9,en;q=0.5"));
    assertThat(es.statusCode()).isEqualTo(200);
    assertThat(es.body()).contains("<html lang=\"es\">");
    assertThat(s.send(s.request("/login?lang=en").header("Accept-Language", "es")).body())
        .contains("<html lang=\"en\">");
    assertThat(s.send(s.basic("/recordings", "sup")).statusCode()).isEqualTo(200);
    assertThat(s.send(s.request("/static/app.css")).statusCode()).isEqualTo(200);
  }
}
