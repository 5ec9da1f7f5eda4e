package org.atalaya.sip.jain;

/**
 * Why a request cannot be served as it came, found while parsing it: the status to answer with
 * (400, 501 or 505), what was wrong (for the DEBUG log only, never the wire) and the request's
 * own octets, whose header fields the answer echoes.
 *
 * @param framingLost over a stream, whether the message's end is unknown: the connection must close
 */
record Malformed(int status, String detail, RawRequest raw, boolean framingLost) {}
