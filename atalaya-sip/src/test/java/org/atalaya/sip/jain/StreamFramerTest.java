package org.atalaya.sip.jain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a SIP stream is cut into messages before the stack's own stream parser sees it. */
class StreamFramerTest {
  private static final String HEAD = "OPTIONS sip:2000@127.0.0.1 SIP/2.0\r\n"
      + "Via: SIP/2.0/TCP 127.0.0.1:5099;branch=z9hG4bK-1\r\n"
      + "From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:2000@127.0.0.1>\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\n"
      + "Max-Forwards: 70\r\n";

  private final StreamFramer framer = new StreamFramer(1024, 4096);

  private List<StreamFramer.Piece> feed(String text) {
    byte[] octets = text.getBytes(StandardCharsets.ISO_8859_1);
    return framer.feed(octets, 0, octets.length);
  }

  /** Fed one octet at a time, as a slow peer would send it. */
  private List<StreamFramer.Piece> trickle(String text) {
    List<StreamFramer.Piece> pieces = new ArrayList<>();
    byte[] octets = text.getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < octets.length; i++) {
      pieces.addAll(framer.feed(octets, i, 1));
    }
    return pieces;
  }

  private static String text(StreamFramer.Piece piece) {
    return new String(((StreamFramer.Piece.Message) piece).octets(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void messagesComeOutWholeWithTheirBodiesWhateverTheReadsAre() {
    String first = HEAD + "Content-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello";
    String second = HEAD + "l: 3\r\n\r\nabc";
    List<StreamFramer.Piece> pieces = trickle(first + second);
    assertThat(pieces).hasSize(2);
    assertThat(text(pieces.get(0))).isEqualTo(first);
    assertThat(text(pieces.get(1))).isEqualTo(second);
    assertThat(framer.midMessage()).isFalse();

    List<StreamFramer.Piece> together = new StreamFramer(1024, 4096)
        .feed((first + second).getBytes(StandardCharsets.ISO_8859_1), 0, (first + second).length());
    assertThat(together).hasSize(2);
  }

  @Test
  void foldedLinesAreJoinedAndStrayCarriageReturnsGoWhichOnceKilledTheStacksParser() {
    // Fuzz finding S5: a line starting with several CRs threw in the stack's readLine.
    List<StreamFramer.Piece> pieces = feed(HEAD.replace("Call-ID: c1\r\n", "Call-ID: c1\r\n\tmore\r\n")
        .replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\r\r\n") + "Subject: a\rb\r\n\r\n");
    assertThat(pieces).hasSize(1);
    String tidy = text(pieces.get(0));
    assertThat(tidy).contains("Call-ID: c1 more\r\n").contains("Max-Forwards: 70\r\n").contains("Subject: a b\r\n")
        .endsWith("\r\n\r\n");
    assertThat(tidy.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
  }

  @Test
  void emptyLinesBetweenMessagesAreKeepAlivesAndBareLineFeedsAreLines() {
    List<StreamFramer.Piece> pieces = feed("\r\n\r\n" + HEAD.replace("\r\n", "\n") + "\n");
    assertThat(pieces).hasSize(3);
    assertThat(pieces.get(0)).isInstanceOf(StreamFramer.Piece.KeepAlive.class);
    assertThat(pieces.get(1)).isInstanceOf(StreamFramer.Piece.KeepAlive.class);
    assertThat(text(pieces.get(2))).isEqualTo(HEAD + "\r\n");
  }

  @Test
  void aMessageCutShortIsNeverAPieceAndIsSeenAsUnfinished() {
    assertThat(feed(HEAD + "Content-Length: 100\r\n\r\nonly part of it")).isEmpty();
    assertThat(framer.midMessage()).isTrue();
    assertThat(framer.unfinished()).isEqualTo(HEAD.length() + "Content-Length: 100\r\n\r\n".length() + 15);

    StreamFramer headerOnly = new StreamFramer(1024, 4096);
    byte[] half = HEAD.substring(0, 40).getBytes(StandardCharsets.ISO_8859_1);
    assertThat(headerOnly.feed(half, 0, half.length)).isEmpty();
    assertThat(headerOnly.midMessage()).isTrue();
  }

  @Test
  void aContentLengthOverTheLimitIsRefused413AndNothingAfterItIsFramed() {
    // Fuzz finding S6: the stack's parser threw a RuntimeException on it and its thread died.
    List<StreamFramer.Piece> pieces = feed(HEAD + "Content-Length: 2147483647\r\n\r\n" + HEAD + "\r\n");
    assertThat(pieces).singleElement().isInstanceOfSatisfying(StreamFramer.Piece.Refuse.class, r -> {
      assertThat(r.status()).isEqualTo(413);
      assertThat(r.raw().method()).isEqualTo("OPTIONS");
    });
    assertThat(feed(HEAD + "\r\n")).isEmpty();

    assertThat(new StreamFramer(1024, 4096).feed(bytes(HEAD + "Content-Length: 4097\r\n\r\n"), 0,
        HEAD.length() + 25)).singleElement().extracting(p -> ((StreamFramer.Piece.Refuse) p).status()).isEqualTo(413);
  }

  @Test
  void aLengthThatIsNotOneNumberIsRefused400() {
    for (String lengths : List.of("Content-Length: -1\r\n", "Content-Length: 5\r\nl: 6\r\n", "Content-Length: \r\n",
        "Content-Length: 1e3\r\n")) {
      String message = HEAD + lengths + "\r\n";
      List<StreamFramer.Piece> pieces = new StreamFramer(1024, 4096).feed(bytes(message), 0, message.length());
      assertThat(pieces).as(lengths).singleElement()
          .extracting(p -> ((StreamFramer.Piece.Refuse) p).status()).isEqualTo(400);
    }
    String same = HEAD + "Content-Length: 0\r\nl: 0\r\n\r\n";
    assertThat(new StreamFramer(1024, 4096).feed(bytes(same), 0, same.length())).singleElement()
        .isInstanceOf(StreamFramer.Piece.Message.class);
  }

  @Test
  void aHeaderOverItsLimitIsRefused513() {
    List<StreamFramer.Piece> pieces = feed(HEAD + "X-Long: " + "a".repeat(2000));
    assertThat(pieces).singleElement().extracting(p -> ((StreamFramer.Piece.Refuse) p).status()).isEqualTo(513);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
