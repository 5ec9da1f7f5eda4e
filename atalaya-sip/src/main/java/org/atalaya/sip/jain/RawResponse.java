package org.atalaya.sip.jain;

import gov.nist.javax.sip.message.SIPResponse;
import java.nio.charset.StandardCharsets;

/**
 * A response already written out as octets, so that a channel can send it as it is: the answer to
 * a request whose header fields did not parse is built by copying them as text (RFC 3261 8.2.6.2:
 * the response echoes them), which the stack's objects cannot hold.
 */
final class RawResponse extends SIPResponse {
  private static final long serialVersionUID = 1L;
  private final byte[] octets;

  RawResponse(String text) {
    this.octets = text.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Override
  public byte[] encodeAsBytes(String transport) {
    return octets.clone();
  }

  @Override
  public String encode() {
    return new String(octets, StandardCharsets.ISO_8859_1);
  }

  /** Only the stack's DEBUG logging asks for it: a stand-in, the real CSeq being in the octets. */
  @Override
  public javax.sip.header.CSeqHeader getCSeq() {
    return new gov.nist.javax.sip.header.CSeq();
  }

  @Override
  public String getTransactionId() {
    return "raw";
  }

  @Override
  public String getFirstLine() {
    String text = encode();
    int end = text.indexOf('\r');
    return end < 0 ? text : text.substring(0, end);
  }
}
