package org.atalaya.core.monitoring;

/** How a supervisor joined: the browser's WebSocket, or a SIP phone (feature code or call-me). */
public enum Via { BROWSER, PHONE }
