package org.atalaya.app.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.atalaya.media.audio.Wav;

/**
 * {@code atalaya run} as a real operating-system process (its own JVM, signals, exit code), with
 * the HTTP calls a test makes to it as an admin.
 */
final class AtalayaProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  final Process process;
  final Path log;
  private final int webPort;
  private final String basicAuth;

  private AtalayaProcess(Process process, Path log, int webPort, String login, String password) {
    this.process = process;
    this.log = log;
    this.webPort = webPort;
    this.basicAuth = "Basic " + Base64.getEncoder().encodeToString((login + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Starts {@code atalaya run -c config} on this test's class path, {@code prefix} before the java
   * command (e.g. a shell that ignores SIGINT), and waits until its API answers the admin.
   */
  static AtalayaProcess start(List<String> prefix, Path config, Path log, int webPort, String login, String password)
      throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), "org.atalaya.app.Main", "run",
        "-c", config.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    AtalayaProcess atalaya = new AtalayaProcess(p, log, webPort, login, password);
    try {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .ignoreExceptions().until(() -> atalaya.get("/api/v1/recordings").statusCode() == 200);
    } catch (RuntimeException e) {
      p.destroyForcibly();
      throw new AssertionError("Atalaya did not start: " + Files.readString(log), e);
    }
    return atalaya;
  }

  /** Sends a signal by name (TERM, INT, KILL) to the JVM, as an operator's kill or Ctrl-C does. */
  void signal(String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
    }
  }

  String logText() throws IOException {
    return Files.readString(log);
  }

  HttpResponse<byte[]> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + path))
        .header("Authorization", basicAuth).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  JsonNode json(String path) throws Exception {
    HttpResponse<byte[]> r = get(path);
    if (r.statusCode() != 200) {
      throw new AssertionError(path + " answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
    }
    return JSON.readTree(r.body());
  }

  /** A recording's audio as the player gets it: stereo WAV, customer left, agent right. */
  Wav.Pcm wav(String recordingId) throws Exception {
    HttpResponse<byte[]> audio = get("/api/v1/recordings/" + recordingId + "/audio");
    if (audio.statusCode() != 200) {
      throw new AssertionError("audio of " + recordingId + ": " + audio.statusCode());
    }
    return Wav.read(new ByteArrayInputStream(audio.body()));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }
}
