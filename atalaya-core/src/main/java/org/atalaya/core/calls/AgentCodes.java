package org.atalaya.core.calls;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.atalaya.core.prompts.Prompts;
import org.atalaya.core.routing.Acd;
import org.atalaya.media.MediaEngine;
import org.atalaya.sip.HangupCause;
import org.atalaya.sip.InboundCall;
import org.atalaya.sip.LegListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's own feature codes, dialled from its phone: {@code *41} log in, {@code *42} log out,
 * {@code *43} and a digit pause for the tenant's reason of that number (1 for the first), and
 * {@code *44} ready (ends a pause or the wrap-up). The INVITE is digest-authenticated, so the
 * code acts on the phone's own extension; Atalaya answers, says what it did, and hangs up.
 */
public final class AgentCodes implements CallControl.FeatureCodeHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AgentCodes.class);

  private final Acd acd;
  private final MediaEngine media;
  private final Prompts prompts;
  private final String tenantId;
  private final String language;
  private final Executor executor;

  public AgentCodes(Acd acd, MediaEngine media, Prompts prompts, String tenantId, String language, Executor executor) {
    this.acd = acd;
    this.media = media;
    this.prompts = prompts;
    this.tenantId = tenantId;
    this.language = language;
    this.executor = executor;
  }

  @Override
  public boolean handles(String dialledUser) {
    return dialledUser != null && dialledUser.matches("\\*4[124]|\\*43[1-9]");
  }

  @Override
  public void onFeatureCode(InboundCall inbound) {
    executor.execute(() -> run(inbound));
  }

  private void run(InboundCall inbound) {
    String code = inbound.toUser();
    String ext = inbound.authenticatedUser();
    if (ext == null || acd.agent(ext).isEmpty()) {
      LOG.info("agent code {} from {} refused: not a registered agent's phone", code, ext);
      inbound.reject(403, "Forbidden");
      return;
    }
    String prompt;
    try {
      prompt = switch (code.substring(0, 3)) {
        case "*41" -> {
          acd.login(ext);
          yield "agent-logged-in";
        }
        case "*42" -> {
          acd.logout(ext);
          yield "agent-logged-out";
        }
        case "*44" -> {
          acd.ready(ext);
          yield "agent-ready";
        }
        default -> {
          List<String> reasons = acd.pauseReasons();
          int n = code.charAt(3) - '0';
          if (n > reasons.size()) {
            inbound.reject(404, "Not Found"); // no reason with that number
            yield null;
          }
          acd.pause(ext, reasons.get(n - 1));
          yield "agent-paused";
        }
      };
    } catch (IllegalStateException e) {
      LOG.info("agent code {} from {} refused: {}", code, ext, e.getMessage());
      inbound.reject(409, "Conflict"); // e.g. a pause while logged out
      return;
    }
    if (prompt == null) {
      return;
    }
    LOG.info("agent {}: {} by phone", ext, code);
    confirm(inbound, prompt);
  }

  /** Answers, plays what was done, and hangs up. */
  private void confirm(InboundCall inbound, String prompt) {
    CallerSide leg = new CallerSide(inbound);
    inbound.setListener(new LegListener() {
      @Override
      public void onHangup(HangupCause cause) {
        leg.hungUp();
        leg.close();
      }

      @Override
      public String onReoffer(String sdpOffer) {
        // A confirmation lasts two seconds: no hold or address change is worth following.
        throw new IllegalStateException("re-INVITE during a feature code's confirmation");
      }
    });
    if (!leg.accept(() -> media.open(this), "agent-code")) {
      return;
    }
    leg.announce(prompts.get(tenantId, language, prompt), () -> executor.execute(leg::close));
  }

  /** What the digit after {@code *43} means for this tenant, for documentation and the agent page. */
  public Optional<String> pauseReason(int digit) {
    List<String> reasons = acd.pauseReasons();
    return digit >= 1 && digit <= reasons.size() ? Optional.of(reasons.get(digit - 1)) : Optional.empty();
  }
}
