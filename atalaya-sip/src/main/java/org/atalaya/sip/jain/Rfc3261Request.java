package org.atalaya.sip.jain;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import java.util.Locale;
import javax.sip.message.Request;

/**
 * A received request whose server transaction is found as RFC 3261 17.2.3 says, by the branch,
 * the top Via's sent-by and the method (an ACK by its INVITE's), and also by the Call-ID and CSeq
 * number, which a retransmission repeats. The stack keyed it by the branch alone, so a client
 * reusing another's branch (RFC 4475's messages mostly use "z9hG4bKkdjuw", two of them with the
 * same sent-by too) was taken for a retransmission of the other's request and never answered.
 */
final class Rfc3261Request extends SIPRequest {
  private static final long serialVersionUID = 1L;

  @Override
  public String getTransactionId() {
    String id = super.getTransactionId();
    Via via = getTopmostVia();
    CSeq cseq = (CSeq) getCSeq();
    if (via == null || cseq == null || via.getSentBy() == null || !id.startsWith("z9hg4bk")) {
      return id; // RFC 2543 matching: the stack's id already holds sent-by, CSeq and tags
    }
    String method = Request.ACK.equals(cseq.getMethod()) ? Request.INVITE : cseq.getMethod();
    String callId = getCallId() == null ? "" : getCallId().getCallId();
    return id + "|" + via.getSentBy().encode().toLowerCase(Locale.ROOT) + "|" + method.toLowerCase(Locale.ROOT)
        + "|" + callId + "|" + cseq.getSeqNumber();
  }
}
