package org.atalaya.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.atalaya.media.audio.Goertzel;
import org.atalaya.web.audio.OpusTestDecoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library over HTTP: search, notes, tags, score, collections, shares, peaks and downloads. */
class LibraryApiTest {
  @TempDir static Path blobs;
  static TestServer s;
  final ObjectMapper mapper = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    s = new TestServer(blobs);
    s.addUser("qa", "qa-analyst");
    s.addUser("client", "client-viewer");
    s.addUser("aud", "auditor");
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private JsonNode get(String path, String login) throws Exception {
    HttpResponse<String> res = s.send(s.basic(path, login));
    assertThat(res.statusCode()).as(path + " " + res.body()).isEqualTo(200);
    return mapper.readTree(res.body());
  }

  private List<String> ids(String query, String login) throws Exception {
    List<String> ids = new ArrayList<>();
    get("/api/v1/recordings" + query, login).get("items").forEach(i -> ids.add(i.get("id").asText()));
    return ids;
  }

  private int post(String path, String body, String login) throws Exception {
    return s.send(s.basic(path, login).header("Content-Type", "application/json").POST(TestServer.json(body))).statusCode();
  }

  @Test
  void searchFiltersAndRejectsBadParametersByName() throws Exception {
    assertThat(ids("", "sup")).containsExactly("rec-ben", "rec-ana");
    assertThat(ids("?agent=1001", "sup")).containsExactly("rec-ana");
    assertThat(ids("?number=600000002", "sup")).containsExactly("rec-ben");
    assertThat(ids("?queue=sales&direction=inbound", "sup")).containsExactly("rec-ben", "rec-ana");
    assertThat(ids("?from=2026-11-22T10:01:30Z", "sup")).containsExactly("rec-ben");
    assertThat(ids("?to=2026-11-22", "sup")).containsExactly("rec-ben", "rec-ana");
    assertThat(ids("?to=2026-11-21", "sup")).isEmpty();
    assertThat(ids("?minDuration=1&maxDuration=3", "sup")).containsExactly("rec-ben", "rec-ana");
    assertThat(ids("?minDuration=3", "sup")).isEmpty();
    assertThat(ids("", "acme-admin")).containsExactly("rec-acme");
    assertThat(ids("", "ana")).containsExactly("rec-ana");
    for (String bad : new String[] {"from=ayer", "direction=sideways", "minDuration=x", "tag=nonsense", "hasNotes=maybe",
        "minScore=101", "collection=favourites", "number=abc"}) {
      HttpResponse<String> res = s.send(s.basic("/api/v1/recordings?" + bad, "sup"));
      assertThat(res.statusCode()).as(bad).isEqualTo(400);
      assertThat(res.body()).as(bad).contains(bad.substring(0, bad.indexOf('=')));
    }
  }

  @Test
  void notesTagsScoreAndCollectionsAreForAnnotatingRolesAndAudited() throws Exception {
    String rec = "/api/v1/recordings/rec-ben";
    assertThat(post(rec + "/notes", "{\"atMillis\":1200,\"text\":\"Ofrece la tarifa plana\"}", "qa")).isEqualTo(201);
    assertThat(post(rec + "/tags", "{\"kind\":\"type\",\"tag\":\"sale\"}", "qa")).isEqualTo(201);
    assertThat(post(rec + "/tags", "{\"kind\":\"quality\",\"tag\":\"excellent\"}", "sup")).isEqualTo(201);
    assertThat(s.send(s.basic(rec + "/score", "qa").PUT(TestServer.json("{\"score\":91}"))).statusCode()).isEqualTo(200);
    for (String login : new String[] {"ana", "ben", "client", "aud"}) {
      assertThat(post(rec + "/notes", "{\"atMillis\":1,\"text\":\"x\"}", login)).as(login).isEqualTo(403);
      assertThat(post(rec + "/tags", "{\"kind\":\"type\",\"tag\":\"sale\"}", login)).as(login).isEqualTo(403);
      assertThat(s.send(s.basic(rec + "/collections/best-practices", login).PUT(TestServer.json(""))).statusCode())
          .as(login).isEqualTo(403);
    }
    assertThat(post(rec + "/notes", "{\"atMillis\":999999,\"text\":\"x\"}", "qa")).isEqualTo(400);
    assertThat(post(rec + "/notes", "{\"atMillis\":10,\"text\":\"\"}", "qa")).isEqualTo(400);
    assertThat(post(rec + "/tags", "{\"kind\":\"mood\",\"tag\":\"sale\"}", "qa")).isEqualTo(400);
    assertThat(post("/api/v1/recordings/rec-acme/notes", "{\"atMillis\":1,\"text\":\"x\"}", "qa")).isEqualTo(404);

    JsonNode notes = get(rec + "/notes", "ben");
    assertThat(notes).hasSize(1);
    assertThat(notes.get(0).get("author").asText()).isEqualTo("qa");
    assertThat(get("/api/v1/recordings?tag=type:sale&tag=excellent&hasNotes=true&minScore=90", "sup").get("items"))
        .hasSize(1);
    JsonNode item = get("/api/v1/recordings?tag=sale", "client").get("items").get(0);
    assertThat(item.get("tags").toString()).contains("quality:excellent", "type:sale");
    assertThat(item.get("score").asInt()).isEqualTo(91);
    assertThat(item.get("notes").asInt()).isEqualTo(1);
    // Only the author (or an admin) deletes a note.
    long noteId = notes.get(0).get("id").asLong();
    assertThat(s.send(s.basic(rec + "/notes/" + noteId, "sup").DELETE()).statusCode()).isEqualTo(403);
    assertThat(s.send(s.basic(rec + "/tags/type/sale", "sup").DELETE()).statusCode()).isEqualTo(204);
    assertThat(s.send(s.basic(rec + "/tags/type/sale", "sup").DELETE()).statusCode()).isEqualTo(404);

    // An agent sees another agent's recording only once it is in the best-practices collection.
    assertThat(s.send(s.basic(rec, "ana")).statusCode()).isEqualTo(404);
    assertThat(s.send(s.basic(rec + "/collections/best-practices", "sup").PUT(TestServer.json(""))).statusCode())
        .isEqualTo(200);
    assertThat(ids("?collection=best-practices", "ana")).containsExactly("rec-ben");
    assertThat(s.send(s.basic(rec + "/audio", "ana")).statusCode()).isEqualTo(200);
    assertThat(s.send(s.basic(rec + "/notes", "ana")).statusCode()).isEqualTo(200);
    assertThat(s.send(s.basic(rec + "/collections/best-practices", "sup").DELETE()).statusCode()).isEqualTo(200);
    assertThat(s.send(s.basic(rec, "ana")).statusCode()).isEqualTo(404);

    List<String> actions = new ArrayList<>();
    s.audit.forTarget("default", "recording:rec-ben").forEach(e -> actions.add(e.event().action() + "/" + e.event().actor()));
    assertThat(actions).contains("note.add/qa", "tag.add/qa", "tag.add/sup", "score.set/qa", "tag.remove/sup",
        "collection.add/sup", "collection.remove/sup", "recording.play/ana");
  }

  @Test
  void shareLinksPlayWithoutAnAccountUntilRevokedAndEveryOpeningIsAudited() throws Exception {
    HttpResponse<String> made = s.send(s.basic("/api/v1/recordings/rec-ana/shares", "sup")
        .POST(TestServer.json("{\"hours\":24}")));
    assertThat(made.statusCode()).isEqualTo(201);
    JsonNode share = mapper.readTree(made.body());
    String url = share.get("url").asText();
    assertThat(url).startsWith("/share/");
    assertThat(post("/api/v1/recordings/rec-ana/shares", "{\"hours\":0}", "sup")).isEqualTo(400);
    assertThat(post("/api/v1/recordings/rec-ana/shares", "{\"hours\":721}", "sup")).isEqualTo(400);
    assertThat(post("/api/v1/recordings/rec-ana/shares", "{\"hours\":1}", "ana")).isEqualTo(403);

    HttpResponse<String> page = s.send(s.request(url));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<audio", url + "/audio");
    HttpResponse<byte[]> audio = s.sendBytes(s.request(url + "/audio").header("Range", "bytes=0-99"));
    assertThat(audio.statusCode()).isEqualTo(206);
    assertThat(new String(audio.body(), 0, 4)).isEqualTo("RIFF");
    assertThat(s.sendBytes(s.request(url + "/audio").header("Range", "bytes=100-199")).statusCode()).isEqualTo(206);
    assertThat(s.send(s.request("/share/not-a-token")).statusCode()).isEqualTo(404);

    assertThat(get("/api/v1/recordings/rec-ana/shares", "sup")).hasSize(1);
    assertThat(s.send(s.basic("/api/v1/shares/" + share.get("id").asText(), "acme-admin").DELETE()).statusCode())
        .isEqualTo(404);
    assertThat(s.send(s.basic("/api/v1/shares/" + share.get("id").asText(), "sup").DELETE()).statusCode()).isEqualTo(204);
    assertThat(s.send(s.request(url)).statusCode()).isEqualTo(410);
    assertThat(s.send(s.request(url + "/audio")).statusCode()).isEqualTo(410);

    List<String> actions = new ArrayList<>();
    s.audit.forTarget("default", "recording:rec-ana").forEach(e -> actions.add(e.event().action()));
    assertThat(actions).containsSubsequence("share.create", "share.play", "share.refused");
    assertThat(actions.stream().filter("share.play"::equals)).as("one play per playback, not per Range").hasSize(1);
  }

  @Test
  void peaksGiveOneLanePerChannelAndDownloadsAreAttachmentsAndAudited() throws Exception {
    JsonNode peaks = get("/api/v1/recordings/rec-ana/peaks?buckets=50", "sup");
    assertThat(peaks.get("channels")).hasSize(2);
    assertThat(peaks.get("channels").get(0)).hasSize(50);
    // The seeded tones have amplitude 8000 of 32768.
    assertThat(peaks.get("channels").get(0).get(10).asDouble()).isBetween(0.23, 0.25);
    assertThat(peaks.get("durationMillis").asLong()).isEqualTo(2000);
    assertThat(s.send(s.basic("/api/v1/recordings/rec-ana/peaks?buckets=5", "sup")).statusCode()).isEqualTo(400);

    HttpResponse<byte[]> wav = s.sendBytes(s.basic("/api/v1/recordings/rec-ana/download?format=wav", "sup"));
    assertThat(wav.statusCode()).isEqualTo(200);
    assertThat(wav.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment", ".wav");
    assertThat(wav.body().length).isEqualTo(44 + s.pcm.length);
    assertThat(s.send(s.basic("/api/v1/recordings/rec-ana/download?format=mp3", "sup")).statusCode()).isEqualTo(400);
    HttpResponse<byte[]> opus = s.sendBytes(s.basic("/api/v1/recordings/rec-ana/download?format=opus", "sup"));
    assertThat(opus.statusCode()).isEqualTo(200);
    assertThat(opus.headers().firstValue("Content-Type").orElseThrow()).startsWith("audio/ogg");
    assertThat(opus.headers().firstValue("Content-Disposition").orElseThrow()).contains(".opus");
    assertThat(new String(opus.body(), 0, 4)).isEqualTo("OggS");
    assertThat(new String(opus.body(), 28, 8)).isEqualTo("OpusHead");
    assertThat(opus.body().length).as("smaller than the WAV").isLessThan(s.pcm.length / 8);
    // Decoded back, each party is still on its own channel.
    short[][] decoded = OpusTestDecoder.decode(opus.body(), 2);
    assertThat(Goertzel.share(decoded[0], 8000, 440)).isGreaterThan(0.8);
    assertThat(Goertzel.share(decoded[0], 8000, 1000)).isLessThan(0.05);
    assertThat(Goertzel.share(decoded[1], 8000, 1000)).isGreaterThan(0.8);
    assertThat(s.send(s.basic("/api/v1/recordings/rec-ana/download", "ben")).statusCode()).isEqualTo(404);
    assertThat(s.audit.forTarget("default", "recording:rec-ana")).anySatisfy(e -> {
      assertThat(e.event().action()).isEqualTo("recording.download");
      assertThat(e.event().detail()).contains("format=wav");
    });
  }
}
