package org.atalaya.core.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The domain speaks to SIP and HTTP only through its own ports: no stack type may leak in. */
class NoSipOrHttpInCoreTest {
  @Test
  void coreSourcesImportNoSipStackOrWebFrameworkType() throws IOException {
    Path main = Path.of("src/main/java");
    assertThat(main).isDirectory();
    List<String> offenders;
    try (Stream<Path> files = Files.walk(main)) {
      offenders = files.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> {
            try {
              return Files.readAllLines(f).stream().anyMatch(l -> l.startsWith("import javax.sip")
                  || l.startsWith("import gov.nist") || l.startsWith("import io.javalin")
                  || l.startsWith("import jakarta.servlet") || l.startsWith("import org.eclipse.jetty"));
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          })
          .map(Path::toString)
          .toList();
    }
    assertThat(offenders).isEmpty();
  }
}
