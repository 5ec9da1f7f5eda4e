package org.atalaya.core.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.atalaya.media.MonitorMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeatureCodeTest {
  @ParameterizedTest
  @CsvSource({
      "*212001, LISTEN, 2001",
      "*222001, WHISPER, 2001",
      "*23101, BARGE, 101",
      "*241234567890, TAKE_OVER, 1234567890",
      "%2A212001, LISTEN, 2001"})
  void codesSelectTheModeAndTheAgent(String dialled, MonitorMode mode, String extension) {
    assertThat(FeatureCode.parse(dialled)).contains(new FeatureCode(mode, extension));
  }

  @ParameterizedTest
  @CsvSource({"*252001", "*21", "*211", "212001", "*21abc", "900100200", "*0", "''"})
  void otherNumbersAreNotCodes(String dialled) {
    assertThat(FeatureCode.parse(dialled)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"1, LISTEN", "2, WHISPER", "3, BARGE", "4, TAKE_OVER"})
  void keysSwitchMode(char key, MonitorMode mode) {
    assertThat(FeatureCode.modeForKey(key)).contains(mode);
  }

  @ParameterizedTest
  @CsvSource({"0", "5", "*", "#"})
  void otherKeysDoNothing(char key) {
    assertThat(FeatureCode.modeForKey(key)).isEmpty();
  }
}
