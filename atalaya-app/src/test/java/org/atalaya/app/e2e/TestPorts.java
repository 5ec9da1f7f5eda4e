package org.atalaya.app.e2e;

import java.io.IOException;

/** Free ports for tests outside this package. */
public final class TestPorts {
  private TestPorts() {}

  public static int freePort() throws IOException {
    return NodeHarness.freePort();
  }
}
