package org.atalaya.sip;

/** Told when users register and unregister (or their binding expires). Called on a SIP thread. */
public interface RegistrationListener {
  void registered(Registration registration);

  void unregistered(String user);
}
