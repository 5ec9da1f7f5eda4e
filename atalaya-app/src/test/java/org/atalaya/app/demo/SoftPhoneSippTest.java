package org.atalaya.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SoftPhone against sipp, a real user agent, on loopback; sipp echoes our RTP back (-rtp_echo). */
class SoftPhoneSippTest {
  private static final String HOST = "127.0.0.1";

  @TempDir Path dir;
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private Process sipp;

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
    if (sipp != null && sipp.isAlive()) {
      sipp.destroyForcibly();
    }
  }

  @Test
  void callsSippUasSendsRtpToItsSdpAddressAndHangsUp() throws Exception {
    int sippPort = SoftPhone.freeUdpPort(HOST);
    int mediaPort = SoftPhone.freeUdpPort(HOST);
    sipp = sipp("-sn", "uas", "-p", String.valueOf(sippPort));
    Thread.sleep(300); // let sipp bind before the INVITE goes out
    SoftPhone phone = phone("customer", call -> new SoftPhone.Answer.Reject(486));

    PhoneCall call = phone.call("sip:900@" + HOST + ":" + sippPort, "+34600111222", "Lucía García",
        DemoClips.load().customerClips().get(0).pcm());
    call.answered().get(5, TimeUnit.SECONDS);
    Thread.sleep(1_000);
    call.hangup();

    assertThat(sipp.waitFor(10, TimeUnit.SECONDS)).as("sipp finished").isTrue();
    assertThat(sipp.exitValue()).as(log()).isZero();
    assertThat(call.ended().get(1, TimeUnit.SECONDS).cause()).isEqualTo(PhoneCall.Cause.LOCAL_HANGUP);
    // ~50 packets a second left us; sipp sent them back from the port it put in its SDP
    assertThat(call.rtpPacketsSent()).isBetween(35L, 75L);
    assertThat(call.rtpPacketsReceived()).isGreaterThan(20L);
    assertThat(mediaPort).isPositive();
  }

  @Test
  void answersSippUacAndIsByedCleanly() throws Exception {
    int phonePort = SoftPhone.freeUdpPort(HOST);
    List<PhoneCall> answered = new ArrayList<>();
    SoftPhone phone = new SoftPhone(new SoftPhone.Config(HOST, phonePort, "1001", "Agent One"), call -> {
      answered.add(call);
      return new SoftPhone.Answer.Accept(Duration.ofMillis(300), DemoClips.load().agentClips().get(2).pcm());
    });
    toClose.add(phone);

    sipp = sipp("-sn", "uac", HOST + ":" + phonePort, "-s", "1001", "-d", "1500",
        "-p", String.valueOf(SoftPhone.freeUdpPort(HOST)));

    assertThat(sipp.waitFor(15, TimeUnit.SECONDS)).as("sipp finished").isTrue();
    assertThat(sipp.exitValue()).as(log()).isZero();
    assertThat(answered).hasSize(1);
    PhoneCall call = answered.get(0);
    assertThat(call.ended().get(2, TimeUnit.SECONDS).cause()).isEqualTo(PhoneCall.Cause.REMOTE_HANGUP);
    assertThat(call.rtpPacketsSent()).isGreaterThan(30L);
    assertThat(call.rtpPacketsReceived()).isGreaterThan(10L);
    assertThat(phone.calls()).isEmpty();
  }

  private SoftPhone phone(String user, java.util.function.Function<PhoneCall, SoftPhone.Answer> policy)
      throws Exception {
    SoftPhone p = new SoftPhone(new SoftPhone.Config(HOST, SoftPhone.freeUdpPort(HOST), user, ""), policy);
    toClose.add(p);
    return p;
  }

  private Process sipp(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("sipp"));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("-i", HOST, "-mi", HOST, "-mp", String.valueOf(SoftPhone.freeUdpPort(HOST)),
        "-rtp_echo", "-m", "1", "-timeout", "20s", "-timeout_error", "-nostdin", "-trace_err",
        "-error_file", dir.resolve("errors.log").toString()));
    return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(new File(dir.toFile(), "sipp.out")).start();
  }

  private String log() {
    try {
      Path err = dir.resolve("errors.log");
      return Files.exists(err) ? Files.readString(err) : "(no sipp errors)";
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
