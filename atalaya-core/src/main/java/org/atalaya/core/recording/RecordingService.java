package org.atalaya.core.recording;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.UUID;
import org.atalaya.media.Bridge;
import org.atalaya.media.RecordingResult;
import org.atalaya.media.RecordingTap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and finalizes call recordings: the metadata row goes in first (status RECORDING), the
 * audio streams to the store while the call runs, and the size, duration and hash are written
 * when it ends.
 */
public final class RecordingService {
  private static final Logger LOG = LoggerFactory.getLogger(RecordingService.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  private static final String PCM = ".pcm";
  /** 8 kHz, 16-bit, stereo. */
  private static final long BYTES_PER_MS = 32;

  private final RecordingRepository repository;
  private final RecordingStore store;
  private final Clock clock;
  /** Recordings started and not yet finalized, for an orderly stop to count and wait for. */
  private final java.util.Set<String> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public RecordingService(RecordingRepository repository, RecordingStore store, Clock clock) {
    this.repository = Objects.requireNonNull(repository);
    this.store = Objects.requireNonNull(store);
    this.clock = Objects.requireNonNull(clock);
  }

  /** How many recordings are being written now (started, not yet finalized). */
  public int openCount() {
    return open.size();
  }

  /** What a call knows about itself when its recording starts. */
  public record CallFacts(String tenantId, String callId, String fromNumber, String toNumber, String agentExtension) {}

  /** Starts a stereo recording of the bridge (customer left, agent right). */
  public ActiveRecording start(Bridge bridge, CallFacts facts) throws IOException {
    String id = UUID.randomUUID().toString();
    Instant now = clock.instant();
    // Tenant first: a tenant's blobs share a prefix (bucket policies, exports, lifecycle rules).
    String key = facts.tenantId() + "/" + DAY.format(now) + "/" + id + PCM;
    HashingSink sink = new HashingSink(store.create(facts.tenantId(), key));
    repository.insert(new RecordingInfo(
        id, facts.tenantId(), facts.callId(), facts.fromNumber(), facts.toNumber(), facts.agentExtension(),
        now, 0, 0, 8000, 2, key, null, RecordingInfo.Status.RECORDING));
    RecordingTap tap = bridge.record(sink);
    open.add(id);
    return new ActiveRecording(id, tap, sink, now);
  }

  /**
   * Finalizes the recordings a crashed process left open (status RECOVERED, with what was kept).
   * Call once at start-up, before any call is taken. Returns the ids recovered.
   */
  public java.util.List<String> recoverInterrupted() throws IOException {
    return recoverInterrupted(info -> { });
  }

  /**
   * As {@link #recoverInterrupted()}, handing each recovered recording (as now stored) to
   * {@code recovered}, e.g. to write the call detail record the crash prevented.
   */
  public java.util.List<String> recoverInterrupted(java.util.function.Consumer<RecordingInfo> recovered)
      throws IOException {
    java.util.List<String> ids = new java.util.ArrayList<>();
    for (RecordingStore.RecoveredBlob blob : store.recoverInterrupted()) {
      String name = blob.key().substring(blob.key().lastIndexOf('/') + 1);
      String id = name.endsWith(PCM) ? name.substring(0, name.length() - PCM.length()) : name;
      repository.recovered(id, blob.bytes() / BYTES_PER_MS, blob.bytes(), blob.sha256());
      String tenant = blob.key().substring(0, Math.max(0, blob.key().indexOf('/')));
      repository.byId(tenant, id).ifPresent(recovered);
      LOG.warn("recording {} recovered after a crash: {} ms kept", id, blob.bytes() / BYTES_PER_MS);
      ids.add(id);
    }
    for (RecordingInfo info : repository.unfinished()) {
      if (!ids.contains(info.id()) && finalizedButNotCompleted(info)) {
        repository.byId(info.tenantId(), info.id()).ifPresent(recovered);
        ids.add(info.id());
      }
    }
    return ids;
  }

  /**
   * A recording whose audio was closed and published but whose row still says RECORDING: the node
   * stopped (or its database failed) between the two, so the spool holds nothing of it. Its whole
   * audio is in the store; hash it and list it as RECOVERED. A row with no published audio is left
   * alone: it may be a call another node is recording now.
   */
  private boolean finalizedButNotCompleted(RecordingInfo info) throws IOException {
    long bytes;
    try {
      bytes = store.size(info.storageKey());
    } catch (java.nio.file.NoSuchFileException absent) {
      return false;
    }
    java.security.MessageDigest sha;
    try {
      sha = java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (java.io.InputStream in = new java.security.DigestInputStream(store.open(info.storageKey(), 0), sha)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    repository.recovered(info.id(), bytes / BYTES_PER_MS, bytes, java.util.HexFormat.of().formatHex(sha.digest()));
    LOG.warn("recording {} was finalized but not completed before the node stopped: {} ms listed as RECOVERED",
        info.id(), bytes / BYTES_PER_MS);
    return true;
  }

  /** A recording in progress. */
  public final class ActiveRecording {
    private final String id;
    private final RecordingTap tap;
    private final HashingSink sink;
    private final Instant startedAt;
    private boolean finished;

    private ActiveRecording(String id, RecordingTap tap, HashingSink sink, Instant startedAt) {
      this.id = id;
      this.tap = tap;
      this.sink = sink;
      this.startedAt = startedAt;
    }

    /**
     * Where the recording is now, in milliseconds of audio: one 20 ms frame per media tick,
     * counted where the frames are taken, so a gap marked with it matches the file to a frame.
     */
    public long positionMillis() {
      return tap.framesOffered() * 20;
    }

    /** Silences the recording from the next frame (on-demand stop) or lets audio in again. */
    public void pause(boolean paused) {
      tap.pause(paused);
    }

    /** Marks {@code startMillis..endMillis} of this recording's audio as a gap. */
    public void markGap(long startMillis, long endMillis, String reason) {
      long start = Math.max(0, startMillis);
      long end = Math.max(start, endMillis);
      try {
        repository.addGap(id, new RecordingGap(start, end, reason));
      } catch (RuntimeException e) {
        LOG.error("recording {}: gap {}..{} ms ({}) could not be stored", id, start, end, reason, e);
      }
    }

    public String id() {
      return id;
    }

    /** Stops the tap and completes the metadata. Idempotent; call from the call's mailbox. */
    public RecordingResult finish() {
      RecordingResult result = tap.stop();
      if (!finished) {
        finished = true;
        if (result.error() != null) {
          LOG.error("recording {} ended with a write error; {} bytes kept", id, sink.bytes(), result.error());
        }
        if (result.droppedFrames() > 0) {
          LOG.warn("recording {} dropped {} frames: the writer could not keep up", id, result.droppedFrames());
        }
        try {
          repository.complete(id, sink.bytes() / BYTES_PER_MS, sink.bytes(), sink.sha256Hex());
        } finally {
          open.remove(id);
        }
      }
      return result;
    }
  }
}
