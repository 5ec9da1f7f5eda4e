package org.atalaya.core.monitoring;

import java.time.Instant;
import org.atalaya.media.MonitorMode;

/** A live monitoring session as the dashboard and API show it. */
public record SessionView(
    String sessionId, String tenantId, String callId, String supervisor, MonitorMode mode, Via via, Instant startedAt) {}
