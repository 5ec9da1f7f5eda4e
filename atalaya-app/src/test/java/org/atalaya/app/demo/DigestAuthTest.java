package org.atalaya.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DigestAuthTest {
  @Test
  void answersTheRfc2617ExampleWithQopAuth() {
    Map<String, String> challenge = DigestAuth.parseChallenge(
        "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
            + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
    String auth = DigestAuth.authorization(challenge, "GET", "/dir/index.html", "Mufasa",
        "Circle Of Life", "0a4f113b", 1);
    assertThat(auth).contains("response=\"6629fae49393a05397450978507c4ef1\"")
        .contains("qop=auth, nc=00000001, cnonce=\"0a4f113b\"")
        .contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
  }

  @Test
  void withoutQopUsesTheRfc2069Response() {
    Map<String, String> challenge = DigestAuth.parseChallenge("Digest realm=\"atalaya\", nonce=\"abc\", algorithm=MD5");
    String auth = DigestAuth.authorization(challenge, "REGISTER", "sip:127.0.0.1:5060", "1001", "secret", "x", 1);
    String ha1 = DigestAuth.md5("1001:atalaya:secret");
    String ha2 = DigestAuth.md5("REGISTER:sip:127.0.0.1:5060");
    assertThat(auth).contains("response=\"" + DigestAuth.md5(ha1 + ":abc:" + ha2) + "\"").doesNotContain("qop");
  }
}
