package org.atalaya.app.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The RFC 4475 torture messages, read where the project keeps them: {@code shared/external/rfc4475}
 * beside the checkout, never copied into it (some have no licence). Found by walking up from the
 * working directory, so it works from the repository root and from a module alike.
 */
final class TortureCorpus {
  static final String WHERE = "shared/external/rfc4475";

  /** One line of EXPECTED.tsv: the message's file name (without .dat) and what the RFC says of it. */
  record Row(String name, String section, String title, String validity, String rfcExpectation) {
    @Override
    public String toString() {
      return name + " (" + section + ")";
    }
  }

  private final Path dir;

  private TortureCorpus(Path dir) {
    this.dir = dir;
  }

  /** The corpus beside the checkout, if there is one. */
  static Optional<TortureCorpus> find() {
    for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve(WHERE);
      if (Files.isRegularFile(candidate.resolve("EXPECTED.tsv"))) {
        return Optional.of(new TortureCorpus(candidate));
      }
    }
    return Optional.empty();
  }

  /** CI has the corpus: there its absence is a failure, elsewhere a reason to skip. */
  static boolean required() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  List<Row> rows() throws IOException {
    return Files.readAllLines(dir.resolve("EXPECTED.tsv"), StandardCharsets.UTF_8).stream()
        .skip(1)
        .filter(l -> !l.isBlank())
        .map(l -> l.split("\t", 5))
        .map(f -> new Row(f[0], f[1], f[2], f[3], f.length > 4 ? f[4] : ""))
        .toList();
  }

  byte[] message(String name) throws IOException {
    return Files.readAllBytes(dir.resolve(name + ".dat"));
  }

  Path dir() {
    return dir;
  }
}
