package org.atalaya.web.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MonitorSocketOriginTest {
  @ParameterizedTest
  @CsvSource({
      "http://atalaya.example:8080, atalaya.example:8080, true",
      "https://atalaya.example, atalaya.example, true",
      "http://127.0.0.1:8080, 127.0.0.1:8080, true",
      "https://evil.example, atalaya.example, false",
      "http://atalaya.example:9090, atalaya.example:8080, false",
      "null, atalaya.example, false",
      "http://atalaya.example:8080, , false"})
  void onlyTheSameOriginMayOpenTheAudioSocket(String origin, String host, boolean allowed) {
    assertThat(MonitorSocket.sameOrigin(origin, host)).isEqualTo(allowed);
  }
}
