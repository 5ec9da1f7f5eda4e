package org.atalaya.core.calls;

import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.atalaya.core.ivr.IvrFlow;
import org.atalaya.core.ivr.IvrSession;

/** What a call's IVR reaches of the node: its mailbox and timers, prompts, flows and hours. */
final class IvrHost implements CallerIvr.Host {
  private final CallContext ctx;
  private final String tenantId;
  private final BiFunction<Long, Runnable, ScheduledFuture<?>> scheduler;
  private final Consumer<Runnable> mailbox;

  /** {@code scheduler} runs its task in the call's mailbox after the delay; {@code mailbox} posts. */
  IvrHost(CallContext ctx, String tenantId, BiFunction<Long, Runnable, ScheduledFuture<?>> scheduler,
      Consumer<Runnable> mailbox) {
    this.ctx = ctx;
    this.tenantId = tenantId;
    this.scheduler = scheduler;
    this.mailbox = mailbox;
  }

  @Override
  public void post(Runnable task) {
    mailbox.accept(task);
  }

  @Override
  public ScheduledFuture<?> schedule(long millis, Runnable task) {
    return scheduler.apply(millis, task);
  }

  @Override
  public short[] prompt(String name) {
    return ctx.prompts().get(tenantId, ctx.settings().promptLanguage(), name);
  }

  @Override
  public Optional<IvrFlow> flow(String id) {
    return ctx.ivr().flow(tenantId, id);
  }

  @Override
  public IvrSession session(IvrFlow flow) {
    return new IvrSession(flow, ctx.ivr().hours(tenantId), ctx.clock());
  }
}
