package org.atalaya.app.demo;

import java.util.Objects;

/** A simulated agent: the extension and password it registers with, and its display name. */
public record DemoAgent(String extension, String password, String name) {
  public DemoAgent {
    Objects.requireNonNull(extension, "extension");
    Objects.requireNonNull(password, "password");
    name = name == null ? extension : name;
  }
}
