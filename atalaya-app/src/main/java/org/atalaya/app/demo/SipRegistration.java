package org.atalaya.app.demo;

import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sip.ClientTransaction;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A softphone's binding at a registrar: REGISTER with digest auth, refreshed before it expires.
 *
 * <p>Threading: {@link #register} and {@link #unregister} block their caller until the registrar
 * answers; responses arrive on JAIN-SIP's threads and refreshes run on the phone's scheduler. All
 * mutable state is guarded by this object's monitor; nothing blocks while holding it.
 */
final class SipRegistration {
  private static final long ANSWER_TIMEOUT_MS = 5_000;

  private final SoftPhone phone;
  private final String registrarHost;
  private final int registrarPort;
  private final String password;
  private final String callId = UUID.randomUUID() + "@atalaya-demo";
  private long cseq;
  private int requestedExpires;
  private int challenges;
  private int nonceCount;
  private CompletableFuture<Integer> pending;
  private ScheduledFuture<?> refresh;
  private boolean stopped;

  SipRegistration(SoftPhone phone, String registrarHost, int registrarPort, String password) {
    this.phone = phone;
    this.registrarHost = registrarHost;
    this.registrarPort = registrarPort;
    this.password = password;
  }

  /** Registers for {@code expires} seconds and keeps the binding fresh; true when the registrar said 2xx. */
  boolean register(int expires) {
    return send(expires) > 0;
  }

  /** Stops refreshing and removes the binding (best effort, bounded wait). */
  void unregister() {
    synchronized (this) {
      stopped = true;
      if (refresh != null) {
        refresh.cancel(false);
      }
    }
    send(0);
  }

  private int send(int expires) {
    CompletableFuture<Integer> result = new CompletableFuture<>();
    synchronized (this) {
      pending = result;
      requestedExpires = expires;
      challenges = 0;
      try {
        sendRequest(null);
      } catch (ParseException | SipException e) {
        result.complete(-1);
      }
    }
    try {
      return result.get(ANSWER_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    } catch (ExecutionException | TimeoutException e) {
      return -1;
    }
  }

  private void sendRequest(Header authorization) throws ParseException, SipException {
    try {
      buildAndSend(authorization);
    } catch (javax.sip.InvalidArgumentException e) {
      throw new SipException("bad REGISTER", e);
    }
  }

  private void buildAndSend(Header authorization)
      throws ParseException, SipException, javax.sip.InvalidArgumentException {
    var af = phone.addresses;
    var hf = phone.headers;
    SipURI aor = af.createSipURI(phone.user(), registrarHost + ":" + registrarPort);
    Address aorAddress = af.createAddress(aor);
    if (!phone.displayName().isEmpty()) {
      aorAddress.setDisplayName(phone.displayName());
    }
    SipURI registrar = af.createSipURI(null, registrarHost + ":" + registrarPort);
    ViaHeader via = hf.createViaHeader(phone.host(), phone.port(), "udp", null);
    Request req = phone.messages.createRequest(registrar, Request.REGISTER,
        hf.createCallIdHeader(callId), hf.createCSeqHeader(++cseq, Request.REGISTER),
        hf.createFromHeader(aorAddress, Long.toHexString(System.nanoTime())),
        hf.createToHeader(aorAddress, null), List.of(via), hf.createMaxForwardsHeader(70));
    req.addHeader(phone.contactHeader(phone.user()));
    req.addHeader(hf.createExpiresHeader(requestedExpires));
    if (authorization != null) {
      req.addHeader(authorization);
    }
    ClientTransaction ct = phone.provider.getNewClientTransaction(req);
    ct.setApplicationData(this);
    ct.sendRequest();
  }

  synchronized void onResponse(Response response) {
    int status = response.getStatusCode();
    if (status < 200 || pending == null) {
      return;
    }
    if ((status == 401 || status == 407) && challenges++ < 2) {
      try {
        sendRequest(credentials(response, Request.REGISTER, "sip:" + registrarHost + ":" + registrarPort));
        return;
      } catch (ParseException | SipException | IllegalArgumentException e) {
        // fall through: report the failure
      }
    }
    CompletableFuture<Integer> done = pending;
    pending = null;
    if (status >= 300) {
      done.complete(-status);
      return;
    }
    int granted = grantedExpires(response);
    done.complete(Math.max(granted, requestedExpires == 0 ? 1 : 0));
    if (requestedExpires > 0 && granted > 0 && !stopped) {
      // Refresh well before expiry so a slow registrar or a lost packet never lets the binding lapse.
      scheduleRefresh(Math.max(1_000L, granted * 800L));
    }
  }

  private void scheduleRefresh(long delayMs) {
    int expires = requestedExpires;
    // The refresh blocks on the registrar's answer, so it runs on its own virtual thread rather than
    // on the phone's scheduler, which also times answers.
    refresh = phone.timer.schedule(() -> Thread.ofVirtual().name("demo-reregister").start(() -> {
      if (!stopped() && !register(expires)) {
        synchronized (this) {
          if (!stopped) {
            scheduleRefresh(10_000L);
          }
        }
      }
    }), delayMs, TimeUnit.MILLISECONDS);
  }

  /** The Authorization (or Proxy-Authorization) header answering a 401 (or 407) for this account. */
  synchronized Header credentials(Response challenge, String method, String uri) throws ParseException {
    boolean proxy = challenge.getStatusCode() == 407;
    Header h = challenge.getHeader(proxy ? "Proxy-Authenticate" : WWWAuthenticateHeader.NAME);
    if (h == null) {
      throw new IllegalArgumentException("challenge without authenticate header");
    }
    String value = h.toString();
    value = value.substring(value.indexOf(':') + 1).strip();
    Map<String, String> params = DigestAuth.parseChallenge(value);
    String credentials = DigestAuth.authorization(params, method, uri, phone.user(), password,
        UUID.randomUUID().toString().replace("-", ""), ++nonceCount);
    return phone.headers.createHeader(proxy ? "Proxy-Authorization" : "Authorization", credentials);
  }

  synchronized void onTimeout() {
    if (pending != null) {
      pending.complete(-408);
      pending = null;
    }
  }

  synchronized boolean stopped() {
    return stopped;
  }

  private int grantedExpires(Response response) {
    ContactHeader contact = (ContactHeader) response.getHeader(ContactHeader.NAME);
    if (contact != null && contact.getExpires() >= 0) {
      return contact.getExpires();
    }
    ExpiresHeader expires = response.getExpires();
    return expires != null ? expires.getExpires() : requestedExpires;
  }
}
