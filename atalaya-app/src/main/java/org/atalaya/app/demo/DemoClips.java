package org.atalaya.app.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.random.RandomGenerator;
import org.atalaya.media.audio.Wav;

/** The demo's recorded phrases (8 kHz mono), and the looping "conversations" built from them. */
public final class DemoClips {
  /** Languages the demo speaks. */
  public enum Language { ES, EN }

  /** One phrase from the classpath. */
  public record Clip(String resource, Language language, short[] pcm) {}

  static final int RATE = 8000;
  static final List<String> CUSTOMER = List.of(
      "customer-01-es.wav", "customer-02-es.wav", "customer-03-en.wav", "customer-04-en.wav");
  static final List<String> AGENT = List.of(
      "agent-01-es.wav", "agent-02-es.wav", "agent-03-en.wav", "agent-04-en.wav");

  private final List<Clip> customer;
  private final List<Clip> agent;

  private DemoClips(List<Clip> customer, List<Clip> agent) {
    this.customer = customer;
    this.agent = agent;
  }

  /** Loads every clip from {@code /demo/} on the classpath. */
  public static DemoClips load() {
    return new DemoClips(CUSTOMER.stream().map(DemoClips::clip).toList(),
        AGENT.stream().map(DemoClips::clip).toList());
  }

  public List<Clip> customerClips() {
    return customer;
  }

  public List<Clip> agentClips() {
    return agent;
  }

  /** A customer's side: a pause while the agent greets, one complaint, a pause; looped by RTP. */
  public short[] customerAudio(Language language, RandomGenerator random) {
    List<Clip> mine = customer.stream().filter(c -> c.language() == language).toList();
    Clip line = mine.get(random.nextInt(mine.size()));
    return concat(silence(3_000), line.pcm(), silence(4_000));
  }

  /** An agent's side: greeting, pause, "let me check", pause; looped by RTP. */
  public short[] agentAudio(Language language) {
    List<Clip> mine = agent.stream().filter(c -> c.language() == language).toList();
    return concat(mine.get(0).pcm(), silence(3_500), mine.get(1).pcm(), silence(3_500));
  }

  static Clip clip(String name) {
    String resource = "/demo/" + name;
    try (InputStream in = DemoClips.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing demo clip " + resource);
      }
      Wav.Pcm pcm = Wav.read(in);
      if (pcm.sampleRate() != RATE || pcm.channels() != 1) {
        throw new IllegalStateException(resource + " is not 8 kHz mono: run scripts/make-demo-audio.sh");
      }
      Language lang = name.contains("-es") ? Language.ES : Language.EN;
      return new Clip(resource, lang, pcm.samples());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static short[] silence(int millis) {
    return new short[RATE * millis / 1000];
  }

  private static short[] concat(short[]... parts) {
    int n = 0;
    for (short[] p : parts) {
      n += p.length;
    }
    short[] out = new short[n];
    int at = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
