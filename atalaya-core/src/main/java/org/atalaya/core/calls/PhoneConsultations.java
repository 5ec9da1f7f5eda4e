package org.atalaya.core.calls;

import org.atalaya.core.routing.Acd;
import org.atalaya.sip.InboundCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's phone dialling another agent's extension while it has a customer: the first half of
 * an attended transfer made on the phone (the agent holds the customer, calls the colleague,
 * then presses transfer, which sends REFER with Replaces). The consultation belongs to the
 * customer's call ({@link CallTransfer#consultFromPhone}); Atalaya places no agent-to-agent call
 * outside one, so without a customer the INVITE is refused.
 *
 * <p>Dialling an agent's extension is authenticated like a feature code: the phone must prove
 * which agent it is.
 */
final class PhoneConsultations implements CallControl.FeatureCodeHandler {
  private static final Logger LOG = LoggerFactory.getLogger(PhoneConsultations.class);
  private final Acd acd;
  private final java.util.function.Function<String, CustomerCall> callOfAgent;

  PhoneConsultations(Acd acd, java.util.function.Function<String, CustomerCall> callOfAgent) {
    this.acd = acd;
    this.callOfAgent = callOfAgent;
  }

  @Override
  public boolean handles(String dialledUser) {
    return dialledUser != null && dialledUser.matches("[0-9]{2,10}") && acd.agent(dialledUser).isPresent();
  }

  @Override
  public void onFeatureCode(InboundCall inbound) {
    String agent = inbound.authenticatedUser();
    CustomerCall call = agent == null ? null : callOfAgent.apply(agent);
    if (call == null) {
      LOG.info("{} dialled agent {} without a customer call to consult on: refused", agent, inbound.toUser());
      inbound.reject(403, "Forbidden");
      return;
    }
    call.mailbox.post(() -> call.transfers.consultFromPhone(inbound, agent, inbound.toUser()));
  }
}
