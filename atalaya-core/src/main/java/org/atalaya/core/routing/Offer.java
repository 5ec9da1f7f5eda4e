package org.atalaya.core.routing;

/**
 * An agent the ACD reserved for a waiting call: ring {@code contactUri} over {@code transport}.
 */
public record Offer(String extension, String contactUri, String transport) {}
