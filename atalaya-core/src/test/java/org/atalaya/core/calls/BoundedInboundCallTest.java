package org.atalaya.core.calls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Values from the wire fit their columns and hold no control characters (fuzz finding F1). */
class BoundedInboundCallTest {
  @Test
  void longValuesAreCutToTheirColumnsAndShortOnesKept() {
    assertThat(BoundedInboundCall.bounded("A".repeat(32_021), BoundedInboundCall.CALL_ID)).hasSize(256);
    assertThat(BoundedInboundCall.bounded("+34600111222", BoundedInboundCall.NUMBER)).isEqualTo("+34600111222");
    assertThat(BoundedInboundCall.bounded("", BoundedInboundCall.NAME)).isEmpty();
    assertThat(BoundedInboundCall.bounded(null, BoundedInboundCall.NAME)).isNull();
  }

  @Test
  void controlCharactersBecomeQuestionMarksAndNoSurrogatePairIsHalved() {
    assertThat(BoundedInboundCall.bounded("12\u000034\r\n", 128)).isEqualTo("12?34??");
    String emoji = "\uD83D\uDE00"; // one code point, two chars
    assertThat(BoundedInboundCall.bounded("a" + emoji, 2)).isEqualTo("a");
    assertThat(BoundedInboundCall.bounded("a" + emoji, 3)).isEqualTo("a" + emoji);
  }
}
