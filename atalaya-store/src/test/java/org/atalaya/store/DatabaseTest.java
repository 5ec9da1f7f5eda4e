package org.atalaya.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.atalaya.core.agents.Agent;
import org.atalaya.store.agents.JdbiAgentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default embedded URL: a file database another process can write while the server has it open. */
class DatabaseTest {
  @TempDir Path dataDir;

  @Test
  void anotherProcessCanAddAnAgentWhileTheServerRuns() throws Exception {
    String url = Database.h2FileUrl(dataDir);
    try (Database server = Database.open(url, "sa", "")) {
      // A real second JVM, as the CLI would be: it reaches the file through H2's auto server.
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process cli = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
              AddAgentMain.class.getName(), url, "1001")
          .redirectErrorStream(true)
          .start();
      assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(cli.exitValue()).as(new String(cli.getInputStream().readAllBytes())).isZero();
      assertThat(new JdbiAgentRepository(server.jdbi()).byExtension("1001")).isPresent();
    }
    try (Database again = Database.open(url, "sa", "")) {
      assertThat(new JdbiAgentRepository(again.jdbi()).list("t")).hasSize(1);
    }
  }

  /** The second process of the test above. */
  public static final class AddAgentMain {
    public static void main(String[] args) throws Exception {
      try (Database db = Database.open(args[0], "sa", "")) {
        new JdbiAgentRepository(db.jdbi()).insert(new Agent(0, "t", args[1], "Ana", "00", Instant.EPOCH));
      }
    }
  }
}
