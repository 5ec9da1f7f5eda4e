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

  private final RecordingRepository repository;
  private final RecordingStore store;
  private final Clock clock;

  public RecordingService(RecordingRepository repository, RecordingStore store, Clock clock) {
    this.repository = Objects.requireNonNull(repository);
    this.store = Objects.requireNonNull(store);
    this.clock = Objects.requireNonNull(clock);
  }

  /** What a call knows about itself when its recording starts. */
  public record CallFacts(String tenantId, String callId, String fromNumber, String toNumber, String agentExtension) {}

  /** Starts a stereo recording of the bridge (customer left, agent right). */
  public ActiveRecording start(Bridge bridge, CallFacts facts) throws IOException {
    String id = UUID.randomUUID().toString();
    Instant now = clock.instant();
    String key = DAY.format(now) + "/" + id + ".pcm";
    HashingSink sink = new HashingSink(store.create(facts.tenantId(), key));
    repository.insert(new RecordingInfo(
        id, facts.tenantId(), facts.callId(), facts.fromNumber(), facts.toNumber(), facts.agentExtension(),
        now, 0, 0, 8000, 2, key, null, RecordingInfo.Status.RECORDING));
    RecordingTap tap = bridge.record(sink);
    return new ActiveRecording(id, tap, sink);
  }

  /** A recording in progress. */
  public final class ActiveRecording {
    private final String id;
    private final RecordingTap tap;
    private final HashingSink sink;
    private boolean finished;

    private ActiveRecording(String id, RecordingTap tap, HashingSink sink) {
      this.id = id;
      this.tap = tap;
      this.sink = sink;
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
        repository.complete(id, sink.bytes() / 640 * 20, sink.bytes(), sink.sha256Hex());
      }
      return result;
    }
  }
}
