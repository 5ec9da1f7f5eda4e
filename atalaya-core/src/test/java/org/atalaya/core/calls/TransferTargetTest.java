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
    assertThatThrownBy(() -> TransferTarget.parse("external:+34 91x")).hasMessageContaining("not a phone number");
    assertThatThrownBy(() -> TransferTarget.parse("tel:12")).hasMessageContaining("not a phone number");
    assertThatThrownBy(() -> TransferTarget.parse("voicemail:1")).hasMessageContaining("not agent, queue or external");
  }

  @Test
  void outsideNumbersAsPeopleWriteThem() {
    assertThat(TransferTarget.parse("+34910000100")).isEqualTo(new TransferTarget.External("+34910000100"));
    assertThat(TransferTarget.parse("910000100")).isEqualTo(new TransferTarget.External("910000100"));
    assertThat(TransferTarget.parse("tel:+34 910 00-01-00")).isEqualTo(new TransferTarget.External("+34910000100"));
    assertThat(TransferTarget.parse("external:112")).isEqualTo(new TransferTarget.External("112"));
  }
}
