package org.atalaya.app.e2e;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;

/**
 * The valid SIP messages the fuzzer starts from, one per {@link Kind}, written for this fuzzer:
 * what a phone, a trunk or a SIPREC client (RFC 7866) sends. Each is well formed with the right
 * Content-Length, so that a mutation is the only thing wrong with a case.
 */
final class SipCorpus {
  /** The six starting messages. */
  enum Kind { INVITE, REGISTER, BYE, REFER, OPTIONS, SIPREC }

  /** Dialled by fuzzed INVITEs: no IVR flow claims it and nobody serves the default queue. */
  static final String FUZZ_NUMBER = "7777";
  /** Registered by fuzzed REGISTERs: an account that exists, whose password the fuzzer does not know. */
  static final String FUZZ_ACCOUNT = "2001";

  private SipCorpus() {}

  /**
   * Where a message goes and comes from: the node's SIP address, the fuzzer's socket (its Via and
   * Contact, so answers and in-dialog requests reach the fuzzer) and the transport's Via token.
   */
  record Peers(String nodeHost, int nodePort, String sourceHost, int sourcePort, String transport) {}

  /** The valid message of {@code kind} between {@code peers}, its ids drawn from {@code random}. */
  static byte[] message(Kind kind, Peers peers, RandomGenerator random) {
    String callId = hex(random, 16) + "@fuzz";
    String branch = "z9hG4bK" + hex(random, 10);
    String tag = hex(random, 8);
    String node = peers.nodeHost() + ":" + peers.nodePort();
    String me = peers.sourceHost() + ":" + peers.sourcePort();
    String via = "Via: SIP/2.0/" + peers.transport() + " " + me + ";branch=" + branch + ";rport\r\n";
    String contact = "Contact: <sip:fuzz@" + me + (peers.transport().equals("TCP") ? ";transport=tcp" : "") + ">\r\n";
    return switch (kind) {
      case INVITE -> request("INVITE sip:" + FUZZ_NUMBER + "@" + node, via
          + "From: \"Fuzz Caller\" <sip:+34600999000@" + me + ">;tag=" + tag + "\r\n"
          + "To: <sip:" + FUZZ_NUMBER + "@" + node + ">\r\n"
          + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\n" + contact
          + "Max-Forwards: 70\r\nAllow: INVITE, ACK, BYE, CANCEL, OPTIONS\r\nSupported: replaces, timer\r\n"
          + "User-Agent: atalaya-fuzz\r\n", "application/sdp", sdp(random));
      case SIPREC -> siprec(node, me, via, contact, callId, tag, random);
      case REGISTER -> request("REGISTER sip:" + node, via
          + "From: <sip:" + FUZZ_ACCOUNT + "@" + peers.nodeHost() + ">;tag=" + tag + "\r\n"
          + "To: <sip:" + FUZZ_ACCOUNT + "@" + peers.nodeHost() + ">\r\n"
          + "Call-ID: " + callId + "\r\nCSeq: 2 REGISTER\r\n" + contact
          + (random.nextBoolean() ? "" : "Authorization: Digest username=\"" + FUZZ_ACCOUNT + "\", realm=\"atalaya\", "
              + "nonce=\"" + hex(random, 32) + "\", uri=\"sip:" + node + "\", response=\"" + hex(random, 32)
              + "\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"" + hex(random, 8) + "\"\r\n")
          + "Max-Forwards: 70\r\nExpires: 600\r\nUser-Agent: atalaya-fuzz\r\n", null, "");
      case BYE -> request("BYE sip:atalaya@" + node, via
          + "From: <sip:+34600999000@" + me + ">;tag=" + tag + "\r\n"
          + "To: <sip:" + FUZZ_NUMBER + "@" + node + ">;tag=" + hex(random, 8) + "\r\n"
          + "Call-ID: " + callId + "\r\nCSeq: 2 BYE\r\nMax-Forwards: 70\r\nReason: Q.850;cause=16\r\n", null, "");
      case REFER -> request("REFER sip:atalaya@" + node, via
          + "From: <sip:1001@" + me + ">;tag=" + tag + "\r\n"
          + "To: <sip:" + FUZZ_NUMBER + "@" + node + ">;tag=" + hex(random, 8) + "\r\n"
          + "Call-ID: " + callId + "\r\nCSeq: 3 REFER\r\n" + contact
          + "Refer-To: <sip:1002@" + node + "?Replaces=" + hex(random, 8) + "%3Bto-tag%3D1%3Bfrom-tag%3D2>\r\n"
          + "Referred-By: <sip:1001@" + me + ">\r\nMax-Forwards: 70\r\n", null, "");
      case OPTIONS -> request("OPTIONS sip:" + node, via
          + "From: <sip:probe@" + me + ">;tag=" + tag + "\r\n"
          + "To: <sip:" + node + ">\r\n"
          + "Call-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\n" + contact
          + "Max-Forwards: 70\r\nAccept: application/sdp\r\n", null, "");
    };
  }

  /** A SIPREC recording session: two labelled send-only streams and the participants' metadata. */
  private static byte[] siprec(String node, String me, String via, String contact, String callId, String tag,
      RandomGenerator random) {
    String boundary = "fuzz-" + hex(random, 12);
    String session = hex(random, 22);
    String metadata = """
        <?xml version="1.0" encoding="UTF-8"?>
        <recording xmlns="urn:ietf:params:xml:ns:recording:1">
          <datamode>complete</datamode>
          <session session_id="%s"><sipSessionID>%s</sipSessionID></session>
          <participant participant_id="p1"><nameID aor="sip:+34600999000@example.org"><name>Cliente</name></nameID></participant>
          <participant participant_id="p2"><nameID aor="sip:1001@example.org"><name>Agente</name></nameID></participant>
          <stream stream_id="s1" session_id="%s"><label>1</label></stream>
          <stream stream_id="s2" session_id="%s"><label>2</label></stream>
          <participantstreamassoc participant_id="p1"><send>s1</send></participantstreamassoc>
          <participantstreamassoc participant_id="p2"><send>s2</send></participantstreamassoc>
        </recording>
        """.formatted(session, callId, session, session).replace("\n", "\r\n");
    String sdp = "v=0\r\no=src 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio " + evenPort(random) + " RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\na=label:1\r\na=sendonly\r\n"
        + "m=audio " + evenPort(random) + " RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\na=label:2\r\na=sendonly\r\n";
    String body = "--" + boundary + "\r\nContent-Type: application/sdp\r\n\r\n" + sdp
        + "--" + boundary + "\r\nContent-Type: application/rs-metadata+xml\r\nContent-Disposition: recording-session\r\n\r\n"
        + metadata + "--" + boundary + "--\r\n";
    return request("INVITE sip:" + FUZZ_NUMBER + "@" + node, via
        + "From: <sip:src@" + me + ">;tag=" + tag + "\r\n"
        + "To: <sip:" + FUZZ_NUMBER + "@" + node + ">\r\n"
        + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\n" + contact.replace(">", ">;+sip.src")
        + "Require: siprec\r\nMax-Forwards: 70\r\nUser-Agent: atalaya-fuzz\r\n",
        "multipart/mixed;boundary=" + boundary, body);
  }

  private static String sdp(RandomGenerator random) {
    return "v=0\r\no=fuzz " + random.nextInt(1_000_000) + " 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio " + evenPort(random) + " RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
        + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n";
  }

  /** An even port where nothing listens (below every media range in use here): the node's RTP to a fuzzed call goes nowhere. */
  private static int evenPort(RandomGenerator random) {
    return 11000 + 2 * random.nextInt(500);
  }

  private static byte[] request(String startLine, String headers, String contentType, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    String head = startLine + " SIP/2.0\r\n" + headers
        + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
        + "Content-Length: " + b.length + "\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[h.length + b.length];
    System.arraycopy(h, 0, out, 0, h.length);
    System.arraycopy(b, 0, out, h.length, b.length);
    return out;
  }

  static String hex(RandomGenerator random, int digits) {
    StringBuilder sb = new StringBuilder(digits);
    for (int i = 0; i < digits; i++) {
      sb.append(Character.forDigit(random.nextInt(16), 16));
    }
    return sb.toString();
  }
}
