package org.atalaya.web.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Range header parsing, including the edge cases players send. */
class ByteRangeTest {
  @Test
  void satisfiableForms() {
    assertThat(ByteRange.parse("bytes=0-99", 1000)).isEqualTo(new ByteRange.Partial(new ByteRange(0, 99)));
    assertThat(ByteRange.parse("bytes=990-2000", 1000)).isEqualTo(new ByteRange.Partial(new ByteRange(990, 999)));
    assertThat(ByteRange.parse("bytes=100-", 1000)).isEqualTo(new ByteRange.Partial(new ByteRange(100, 999)));
    assertThat(ByteRange.parse("bytes=-50", 1000)).isEqualTo(new ByteRange.Partial(new ByteRange(950, 999)));
    assertThat(ByteRange.parse("bytes=-5000", 1000)).isEqualTo(new ByteRange.Partial(new ByteRange(0, 999)));
  }

  @Test
  void unsatisfiable() {
    assertThat(ByteRange.parse("bytes=1000-", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThat(ByteRange.parse("bytes=-0", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
  }

  @Test
  void ignoredHeadersServeTheWhole() {
    for (String h : new String[] {null, "items=0-1", "bytes=0-1,5-6", "bytes=abc", "bytes=5-2", "bytes=-", "bytes=1-x"}) {
      assertThat(ByteRange.parse(h, 1000)).as(h).isInstanceOf(ByteRange.Whole.class);
    }
  }
}
