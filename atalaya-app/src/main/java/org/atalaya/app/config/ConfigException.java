package org.atalaya.app.config;

/** Bad configuration: the message names the key and what is wrong, for a clean exit. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
