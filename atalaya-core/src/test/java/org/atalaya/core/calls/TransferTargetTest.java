package org.atalaya.core.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TransferTargetTest {
  @Test
  void prefixesAndBareNamesSayAgentOrQueue() {
    assertThat(TransferTarget.parse("agent:1302")).isEqualTo(new TransferTarget.Agent("1302"));
    assertThat(TransferTarget.parse(" queue:technical ")).isEqualTo(new TransferTarget.Queue("technical"));
    assertThat(TransferTarget.parse("1302")).isEqualTo(new TransferTarget.Agent("1302"));
    assertThat(TransferTarget.parse("finance")).isEqualTo(new TransferTarget.Queue("finance"));
    assertThat(TransferTarget.parse("QUEUE:vip")).isEqualTo(new TransferTarget.Queue("vip"));
  }

  @Test
  void badTargetsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> TransferTarget.parse(" ")).hasMessageContaining("needs a target");
    assertThatThrownBy(() -> TransferTarget.parse("agent:")).hasMessageContaining("names nobody");
    assertThatThrownBy(() -> TransferTarget.parse("agent:ana")).hasMessageContaining("not 1 to 8 digits");
    assertThatThrownBy(() -> TransferTarget.parse("+34910000100")).hasMessageContaining("outbound trunk");
    assertThatThrownBy(() -> TransferTarget.parse("910000100")).hasMessageContaining("outbound trunk");
    assertThatThrownBy(() -> TransferTarget.parse("tel:+34910000100")).hasMessageContaining("outbound trunk");
    assertThatThrownBy(() -> TransferTarget.parse("voicemail:1")).hasMessageContaining("not agent or queue");
  }
}
