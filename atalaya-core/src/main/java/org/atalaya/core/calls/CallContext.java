package org.atalaya.core.calls;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.atalaya.core.ivr.IvrDirectory;
import org.atalaya.core.prompts.Prompts;
import org.atalaya.core.recording.RecordingService;
import org.atalaya.core.routing.Acd;
import org.atalaya.media.MediaEngine;
import org.atalaya.sip.SipService;

/** What every call's control needs from the node, handed in by {@link CallControl}. */
record CallContext(
    CallSettings settings,
    MediaEngine media,
    SipService sip,
    Acd acd,
    RecordingService recordings,
    CallRecordRepository records,
    Prompts prompts,
    Clock clock,
    ScheduledExecutorService timers,
    Executor executor,
    Consumer<CustomerCall> onEnded,
    CallObserver observer,
    RecordingPolicies policies,
    IvrDirectory ivr) {}
