package org.atalaya.media;

/** SDP media direction of a leg, from the point of view of the remote party's offer or answer. */
public enum Direction {
  SENDRECV,
  SENDONLY,
  RECVONLY,
  INACTIVE;

  /** Whether the remote party sends media under this direction (as it declared it). */
  public boolean remoteSends() {
    return this == SENDRECV || this == SENDONLY;
  }

  /** Whether the remote party wants to receive media under this direction (as it declared it). */
  public boolean remoteReceives() {
    return this == SENDRECV || this == RECVONLY;
  }
}
