package org.atalaya.media;

/** The audio codecs Atalaya speaks on a leg, with their static RTP payload types. */
public enum Codec {
  PCMU(0, "PCMU"),
  PCMA(8, "PCMA");

  private final int payloadType;
  private final String encodingName;

  Codec(int payloadType, String encodingName) {
    this.payloadType = payloadType;
    this.encodingName = encodingName;
  }

  public int payloadType() {
    return payloadType;
  }

  public String encodingName() {
    return encodingName;
  }
}
