package org.atalaya.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.atalaya.core.agents.AgentAccounts;
import org.atalaya.core.calls.ActiveCall;
import org.atalaya.core.calls.CallRecord;
import org.atalaya.core.calls.Disposition;
import org.atalaya.core.library.Library;
import org.atalaya.core.recording.RecordingInfo;
import org.atalaya.core.users.ApiTokens;
import org.atalaya.core.users.LoginGuard;
import org.atalaya.core.users.Role;
import org.atalaya.core.users.UserAccounts;
import org.atalaya.media.RecordingSink;
import org.atalaya.store.Database;
import org.atalaya.store.agents.JdbiAgentRepository;
import org.atalaya.store.audit.FileAuditCheckpoints;
import org.atalaya.store.audit.JdbiAuditLog;
import org.atalaya.store.blob.FileBlobStore;
import org.atalaya.store.calls.JdbiCallRecordRepository;
import org.atalaya.store.ivr.JdbiIvrRepository;
import org.atalaya.store.library.JdbiLibraryRepository;
import org.atalaya.store.recording.JdbiRecordingRepository;
import org.atalaya.store.routing.JdbiAgentActivityRepository;
import org.atalaya.store.sla.JdbiSlaRepository;
import org.atalaya.store.users.JdbiApiTokenRepository;
import org.atalaya.store.users.JdbiLoginAttempts;
import org.atalaya.store.users.JdbiUserRepository;
import org.atalaya.store.vault.EncryptedRecordingStore;
import org.atalaya.store.vault.MasterKey;
import org.atalaya.store.vault.RecordingKeys;
import org.atalaya.store.vault.TenantKeyring;

/**
 * A running WebServer on a random port over in-memory H2 and a temp-dir blob store, seeded with
 * two tenants: "default" (admin, supervisor, agents ana=1001 and ben=1002) and "acme" (its admin).
 */
final class TestServer implements AutoCloseable {
  static final String PASSWORD = "correct-horse-1";
  static final int RATE = 8000;
  /** 2 s of stereo 16-bit audio at 8 kHz. */
  static final int PCM_BYTES = 2 * RATE * 2 * 2;
  /**
   * The server's "now": the day after the seeded calls (22 November 2026). Every figure a test
   * asks for ("today", "the last 72 h", an expiry) is judged against this fixed clock, never the
   * machine's, so the suite passes on any date.
   */
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  final Clock clock = Clock.fixed(NOW, java.time.ZoneOffset.UTC);

  final Database db;
  final JdbiRecordingRepository recordings;
  final JdbiCallRecordRepository calls;
  final JdbiAuditLog audit;
  /** Empty until a test checkpoints the log (the node does at start, every 5 min and at stop). */
  final FileAuditCheckpoints auditCheckpoints;
  final EncryptedRecordingStore store;
  final JdbiSlaRepository sla;
  final JdbiAgentActivityRepository activity;
  final WebServer server;
  final HttpClient http = HttpClient.newHttpClient();
  final byte[] pcm = stereoTones();

  TestServer(Path blobDir) throws Exception {
    db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    var agentRepo = new JdbiAgentRepository(db.jdbi());
    audit = new JdbiAuditLog(db.jdbi());
    auditCheckpoints = new FileAuditCheckpoints(blobDir.resolve("audit/checkpoints.log"),
        MasterKey.ephemeral().derive("audit checkpoints"));
    var userRepo = new JdbiUserRepository(db.jdbi());
    var users = new UserAccounts(userRepo, clock);
    var agents = new AgentAccounts(agentRepo, "atalaya", clock);
    recordings = new JdbiRecordingRepository(db.jdbi());
    calls = new JdbiCallRecordRepository(db.jdbi());
    // The production store: every API test reads (and seeks in) encrypted audio.
    store = new EncryptedRecordingStore(new FileBlobStore(blobDir.resolve("blobs")), blobDir.resolve("spool"),
        new RecordingKeys(db.jdbi(), TenantKeyring.inMemory(MasterKey.ephemeral()), clock));
    users.add("default", "admin", PASSWORD, Role.ADMIN, null);
    users.add("default", "sup", PASSWORD, Role.SUPERVISOR, null);
    users.add("default", "ana", PASSWORD, Role.AGENT, "1001");
    users.add("default", "ben", PASSWORD, Role.AGENT, "1002");
    users.add("acme", "acme-admin", PASSWORD, Role.ADMIN, null);
    seedRecording("default", "rec-ana", "1001", "+34600000001", 1);
    seedRecording("default", "rec-ben", "1002", "+34600000002", 2);
    seedRecording("acme", "rec-acme", "1001", "+34600000003", 3);
    Instant t0 = Instant.parse("2026-11-22T09:00:00Z");
    calls.insert(new CallRecord("call-ana", "default", "sip-1", "+34600000001", "Cliente Uno", "900100200", "sales",
        "1001", t0, t0.plusSeconds(4), t0.plusSeconds(64), Disposition.ANSWERED, "customer", "rec-ana"));
    calls.insert(new CallRecord("call-ben", "default", "sip-2", "+34600000002", "", "900100200", "sales",
        "1002", t0.plusSeconds(60), t0.plusSeconds(70), t0.plusSeconds(100), Disposition.ANSWERED, "agent", "rec-ben"));
    calls.insert(new CallRecord("call-lost", "default", "sip-3", "+34600000009", "", "900100200", "sales",
        null, t0.plusSeconds(120), null, t0.plusSeconds(150), Disposition.ABANDONED, "customer", null));
    List<ActiveCall> live = List.of(
        new ActiveCall("live-1", "default", "+34611111111", "Live", "900100200", "sales", "1001",
            ActiveCall.State.CONNECTED, t0, t0.plusSeconds(3)),
        new ActiveCall("live-2", "default", "+34622222222", "", "900100200", "sales", null,
            ActiveCall.State.QUEUED, t0, null));
    activity = new JdbiAgentActivityRepository(db.jdbi());
    var deps = new WebDependencies(users, agents, calls, recordings, store,
        tenant -> live.stream().filter(c -> c.tenantId().equals(tenant)).toList(), clock, agentRepo::delete, null, audit,
        new LoginGuard(users, userRepo, new JdbiLoginAttempts(db.jdbi()), audit, clock),
        new ApiTokens(new JdbiApiTokenRepository(db.jdbi()), userRepo, audit, clock),
        new Library(new JdbiLibraryRepository(db.jdbi()), audit, clock),
        new JdbiIvrRepository(db.jdbi()), activity, auditCheckpoints);
    sla = new JdbiSlaRepository(db.jdbi());
    server = new WebServer(deps, 0, sla).start();
  }

  private void seedRecording(String tenant, String id, String agent, String from, int minute) throws IOException {
    String key = "2026/11/22/" + id + ".pcm";
    RecordingSink sink = store.create(tenant, key);
    sink.write(pcm, 0, pcm.length);
    sink.close();
    recordings.insert(new RecordingInfo(id, tenant, "call-" + id.substring("rec-".length()), from, "900100200", agent,
        Instant.parse("2026-11-22T10:00:00Z").plusSeconds(60L * minute), 0, 0, RATE, 2, key, null,
        RecordingInfo.Status.RECORDING));
    recordings.complete(id, 2000, pcm.length, "00".repeat(32));
  }

  /** Left 440 Hz, right 1000 Hz, so channel order can be asserted. */
  private static byte[] stereoTones() {
    ByteBuffer b = ByteBuffer.allocate(PCM_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < PCM_BYTES / 4; i++) {
      b.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / RATE)));
      b.putShort((short) (8000 * Math.sin(2 * Math.PI * 1000 * i / RATE)));
    }
    return b.array();
  }

  String base() {
    return "http://127.0.0.1:" + server.port();
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base() + path));
  }

  HttpRequest.Builder basic(String path, String login) {
    String token = java.util.Base64.getEncoder().encodeToString((login + ":" + PASSWORD).getBytes());
    return request(path).header("Authorization", "Basic " + token);
  }

  HttpResponse<String> send(HttpRequest.Builder req) throws Exception {
    return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<byte[]> sendBytes(HttpRequest.Builder req) throws Exception {
    return http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Adds a user of the default tenant through the admin API (so the audit log has its user.add), with PASSWORD. */
  void addUser(String login, String role) throws Exception {
    HttpResponse<String> res = send(basic("/api/v1/users", "admin").POST(json(
        "{\"login\":\"" + login + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"}")));
    if (res.statusCode() != 201) {
      throw new IllegalStateException("adding user " + login + ": " + res.statusCode() + " " + res.body());
    }
  }

  static HttpRequest.BodyPublisher json(String body) {
    return HttpRequest.BodyPublishers.ofString(body);
  }

  @Override
  public void close() {
    server.close();
    db.close();
  }
}
