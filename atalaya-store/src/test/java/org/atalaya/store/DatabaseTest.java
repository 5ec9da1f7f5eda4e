package org.atalaya.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.atalaya.core.agents.Agent;
import org.atalaya.store.agents.JdbiAgentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default embedded database: a file another process can write while the node has it open. */
class DatabaseTest {
  @TempDir Path dataDir;

  @Test
  void anotherProcessCanAddAnAgentWhileTheServerRuns() throws Exception {
    String url = EmbeddedH2.fileUrl(dataDir);
    try (Database server = Database.open(url, "sa", ""); EmbeddedH2 shared = EmbeddedH2.share(dataDir)) {
      String client = EmbeddedH2.clientUrl(dataDir);
      assertThat(client).as("the running node's server").startsWith("jdbc:h2:tcp://127.0.0.1:");
      // A real second JVM, as the CLI would be: it reaches the file through the node's server.
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process cli = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
              AddAgentMain.class.getName(), client, "1001")
          .redirectErrorStream(true)
          .start();
      assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(cli.exitValue()).as(new String(cli.getInputStream().readAllBytes())).isZero();
      assertThat(new JdbiAgentRepository(server.jdbi()).byExtension("1001")).isPresent();
    }
    assertThat(EmbeddedH2.clientUrl(dataDir)).as("no node: the file itself").isEqualTo(url);
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
