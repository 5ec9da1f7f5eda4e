package org.atalaya.sip;

import java.time.Instant;

/**
 * A live binding of a SIP user to a contact.
 *
 * @param user the authenticated user (extension)
 * @param contactUri where to send requests for this user (its Contact, e.g. sip:1001@10.0.0.5:5062)
 * @param transport "udp" or "tcp"
 * @param userAgent the User-Agent header, if any
 * @param expires when the binding lapses
 */
public record Registration(String user, String contactUri, String transport, String userAgent, Instant expires) {}
