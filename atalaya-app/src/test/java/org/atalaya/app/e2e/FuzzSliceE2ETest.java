package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A minute of the fuzz campaign (bench/fuzz.sh runs the long one) in the normal suite: seed 1,
 * about 35 s of SIP cases at 100 a second over UDP and TCP with RTP cases at live calls, real
 * calls placed all along, then the whole oracle: alive, no ERROR or stack trace in the log, no
 * call, media port, thread, descriptor or heap left behind, every real call answered and
 * recorded with each party's tone on its channel.
 */
class FuzzSliceE2ETest {
  @TempDir Path dir;

  @Test
  void aMinuteOfFuzzLeavesTheNodeWhole() throws Exception {
    FuzzCampaign.Settings settings = new FuzzCampaign.Settings(1, 3_500, 35, 100, 40, dir, List.of());
    FuzzCampaign.Result r = FuzzCampaign.run(settings, System.out);
    String report = FuzzReport.markdown(r);
    System.out.println(report);
    assertThat(r.sipCases()).as(report).isGreaterThan(1_000);
    assertThat(r.rtpCases()).as(report).isPositive();
    assertThat(r.verdict().failures()).as(report).isEmpty();
  }
}
