package org.atalaya.sip.jain;

import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.atalaya.sip.LegListener;

/** REFER (RFC 3515) in an established dialog: the agent's phone transferring its caller. */
final class Refers {
  private Refers() {}

  /**
   * A REFER in an established dialog: a blind transfer from the agent's phone (RFC 3515). The
   * call decides; when it accepts (202), the phone is told at once with a NOTIFY carrying
   * "SIP/2.0 200 OK" (the call has the caller from now on, as a PBX does for a blind transfer)
   * and a terminated implicit subscription, after which the phone hangs up (RFC 5589). With
   * Replaces in Refer-To (RFC 3891), the phone completes an attended transfer: the call decides
   * the same way, told which of the phone's dialogs with us holds the party to hand over to.
   */
  static void handle(SipContext sip, Request request, ServerTransaction st) throws Exception {
    javax.sip.Dialog dialog = st.getDialog();
    Object leg = sip.legOf(request, dialog);
    LegListener listener = leg instanceof ServerLeg s ? s.listener()
        : leg instanceof ClientLeg c ? c.listener() : null;
    javax.sip.header.ReferToHeader referTo = (javax.sip.header.ReferToHeader) request.getHeader(javax.sip.header.ReferToHeader.NAME);
    if (listener == null) {
      st.sendResponse(sip.messages.createResponse(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
      return;
    }
    if (referTo == null) {
      st.sendResponse(sip.messages.createResponse(Response.BAD_REQUEST, request));
      return;
    }
    URI target = referTo.getAddress().getURI();
    String replaces = target instanceof SipURI s ? s.getHeader("Replaces") : null;
    int status = replaces == null ? listener.onRefer(JainSipService.userOf(target))
        : listener.onReferReplacing(JainSipService.userOf(target), replacedCallId(replaces));
    st.sendResponse(sip.messages.createResponse(status, request));
    if (status == Response.ACCEPTED) {
      Request notify = dialog.createRequest(Request.NOTIFY);
      notify.addHeader(sip.headers.createEventHeader("refer"));
      notify.addHeader(sip.headers.createSubscriptionStateHeader("terminated;reason=noresource"));
      notify.setContent("SIP/2.0 200 OK\r\n", sip.headers.createContentTypeHeader("message", "sipfrag"));
      dialog.sendRequest(sip.provider.getNewClientTransaction(notify));
    }
  }

  /**
   * The Call-ID of a Replaces value as a URI header carries it: escaped
   * ({@code abc%40host%3Bto-tag%3D1%3Bfrom-tag%3D2}), the Call-ID before the first {@code ;}.
   * The tags are not compared: a Call-ID names one of our dialogs already.
   */
  static String replacedCallId(String replaces) {
    String value = replaces;
    try {
      value = java.net.URLDecoder.decode(replaces.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      // as it came
    }
    int semi = value.indexOf(';');
    return (semi < 0 ? value : value.substring(0, semi)).strip();
  }
}
