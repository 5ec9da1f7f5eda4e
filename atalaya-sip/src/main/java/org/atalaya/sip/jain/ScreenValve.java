package org.atalaya.sip.jain;

import gov.nist.javax.sip.header.MaxForwards;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.SipStack;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate of the SIP edge: the stack hands it every request before making a transaction of it.
 * A request the parser found malformed ({@link Malformed}) or one {@link RequestScreen} refuses is
 * answered here, statelessly, from the address and port it came from (and over the connection it
 * came on), and goes no further; a blocked password guesser gets no answer at all. A request that
 * passes goes on to {@link JainSipService}, with what the stack needs to make a transaction of it
 * and a TCP connection's fallback address, where the stack reconnects when the connection is gone,
 * set to the address the request came from instead of the Via's host, which it resolved in DNS
 * (RFC 3261 18.2.2: the received address, the sent-by port).
 *
 * <p>Named in the stack's properties and built by the stack, hence public with no arguments; it
 * finds its edge in {@link EdgeRegistry}. Threading: called on the stack's receiving threads.
 */
public final class ScreenValve implements SIPMessageValve {
  private static final Logger LOG = LoggerFactory.getLogger(ScreenValve.class);
  private static final Field FALLBACK_HOST = fallbackHost();

  private volatile EdgeRegistry.Edge edge = new EdgeRegistry.Edge(source -> false);

  @Override
  public void init(SipStack stack) {
    edge = EdgeRegistry.lookup(stack.getStackName());
  }

  @Override
  public void destroy() {}

  @Override
  public boolean processResponse(Response response, MessageChannel channel) {
    return true; // stray responses are dropped by the stack (REJECT_STRAY_RESPONSES)
  }

  @Override
  public boolean processRequest(SIPRequest request, MessageChannel channel) {
    InetAddress source = channel.getPeerPacketSourceAddress();
    boolean stream = channel instanceof ConnectionOrientedMessageChannel;
    if (stream) {
      pinFallbackToSource(channel);
    }
    if (request.getApplicationData() instanceof Malformed m) {
      answerMalformed(m, channel, source, stream);
      return false;
    }
    if (RequestScreen.check(request) instanceof RequestScreen.Verdict.Refuse refuse) {
      refuse(request, refuse, channel, source);
      return false;
    }
    if (request.getMaxForwards() == null && !Request.ACK.equals(request.getMethod())) {
      // RFC 2543 had no Max-Forwards (RFC 4475 3.4.1) and the stack makes no transaction without
      // one; an endpoint never forwards, so the value only has to be there.
      request.setHeader(maxForwards());
    }
    if (Request.INVITE.equals(request.getMethod()) && request.getContactHeader() == null) {
      // RFC 2543 did not require a Contact (RFC 4475 3.4.1) and the stack makes no dialog without
      // one: the caller is reached where the request came from, never at a host it names.
      addContactOfSource(request, channel);
    }
    try {
      request.checkHeaders(); // what the stack needs to make a transaction: otherwise it throws, unanswered
    } catch (ParseException missing) {
      refuse(request, new RequestScreen.Verdict.Refuse(400, missing.getMessage(), Map.of()), channel, source);
      return false;
    }
    return true;
  }

  private void answerMalformed(Malformed m, MessageChannel channel, InetAddress source, boolean stream) {
    String from = source == null ? "?" : source.getHostAddress();
    RawResponse answer = edge.blocked().test(from) ? null : Refusals.malformed(m);
    LOG.info("malformed SIP request from {} ({} {})", from, m.raw().method(),
        answer == null ? "not answered" : "answered " + m.status());
    LOG.debug("malformed SIP request from {}: {}", from, m.detail());
    if (answer != null) {
      send(answer, channel);
    }
    if (stream && m.framingLost()) {
      // RFC 4475 3.1.2.3: over a stream the next message's start is unknown; only closing is safe.
      // A moment later, once the stack has read what is left: a close with unread input resets
      // the connection, and the peer would lose the 400 just sent.
      CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(channel::close);
    }
  }

  private void refuse(SIPRequest request, RequestScreen.Verdict.Refuse refuse, MessageChannel channel,
      InetAddress source) {
    String from = source == null ? "?" : source.getHostAddress();
    if (edge.blocked().test(from)) {
      return; // a blocked guesser learns nothing, not even that its request was wrong
    }
    if (request.getCallId() == null || request.getCSeq() == null || request.getFrom() == null || request.getTo() == null
        || request.getTopmostVia() == null) {
      LOG.info("SIP {} from {} dropped: {}, and no answer can be addressed without it", request.getMethod(), from,
          refuse.why());
      return;
    }
    LOG.info("SIP {} from {} refused with {}: {}", request.getMethod(), from, refuse.status(), refuse.why());
    try {
      send(Refusals.refuse(request, refuse), channel);
    } catch (ParseException | RuntimeException e) {
      LOG.info("cannot build the {} for a {} from {}: {}", refuse.status(), request.getMethod(), from, e.toString());
    }
  }

  /** Over UDP to the packet's source address and port; over a stream on its own connection. */
  private static void send(SIPMessage response, MessageChannel channel) {
    try {
      if (channel instanceof ConnectionOrientedMessageChannel) {
        channel.sendMessage(response);
      } else {
        channel.sendMessage(response, channel.getPeerPacketSourceAddress(), channel.getPeerPacketSourcePort());
      }
    } catch (java.io.IOException | RuntimeException e) {
      LOG.info("cannot answer {}:{}: {}", channel.getPeerAddress(), channel.getPeerPacketSourcePort(), e.toString());
    }
  }

  private static void addContactOfSource(SIPRequest request, MessageChannel channel) {
    try {
      InetAddress source = channel.getPeerPacketSourceAddress();
      String host = source instanceof java.net.Inet6Address ? "[" + source.getHostAddress() + "]" : source.getHostAddress();
      String user = request.getFrom().getAddress().getURI() instanceof javax.sip.address.SipURI s && s.getUser() != null
          ? s.getUser() + "@" : "";
      request.setHeader(StringMsgParser.parseSIPHeader("Contact: <sip:" + user + host + ":"
          + channel.getPeerPacketSourcePort() + ">"));
    } catch (ParseException | RuntimeException e) {
      LOG.debug("cannot give an RFC 2543 INVITE a Contact", e);
    }
  }

  private static MaxForwards maxForwards() {
    try {
      return new MaxForwards(70);
    } catch (javax.sip.InvalidArgumentException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static void pinFallbackToSource(MessageChannel channel) {
    if (FALLBACK_HOST == null) {
      return;
    }
    try {
      FALLBACK_HOST.set(channel, channel.getPeerPacketSourceAddress().getHostAddress());
    } catch (IllegalAccessException | RuntimeException e) {
      LOG.debug("cannot pin the connection's fallback address", e);
    }
  }

  /** The stack's field for it; there is no setter. Absent in another stack version: nothing pinned. */
  private static Field fallbackHost() {
    try {
      Field f = ConnectionOrientedMessageChannel.class.getDeclaredField("peerAddressAdvertisedInHeaders");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LoggerFactory.getLogger(ScreenValve.class).warn("the SIP stack has no TCP fallback address to pin: {}", e.toString());
      return null;
    }
  }
}
