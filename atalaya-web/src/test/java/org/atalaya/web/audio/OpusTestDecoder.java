package org.atalaya.web.audio;

/** Decodes an Ogg/Opus download back to PCM per channel, for tests outside this package. */
public final class OpusTestDecoder {
  private OpusTestDecoder() {}

  public static short[][] decode(byte[] ogg, int channels) throws Exception {
    return OggOpusWriterTest.split(OggOpusWriterTest.decode(OggPages.parse(ogg), channels), channels);
  }
}
