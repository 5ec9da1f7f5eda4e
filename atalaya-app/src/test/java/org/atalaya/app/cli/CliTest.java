package org.atalaya.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.atalaya.app.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against a real embedded database: what an admin types on day one. */
class CliTest {
  @TempDir Path dir;

  @Test
  void agentsAndUsersAreAddedListedAndBadInputIsAClearError() throws Exception {
    Path config = dir.resolve("atalaya.properties");
    Files.writeString(config, "data.dir=" + dir.resolve("data") + "\n");
    String c = config.toString();

    assertThat(run("agent", "add", "-c", c, "--ext", "1001", "--password", "S3cret", "--name", "Ana")).startsWith("0|");
    assertThat(run("agent", "list", "-c", c)).contains("1001").contains("Ana");
    assertThat(run("agent", "add", "-c", c, "--ext", "1001", "--password", "S3cret")).startsWith("2|");
    assertThat(run("agent", "add", "-c", c, "--ext", "10a1", "--password", "S3cret"))
        .startsWith("2|").contains("extension must be 2 to 10 digits");
    String user = run("user", "add", "-c", c, "--login", "admin", "--role", "admin");
    assertThat(user).startsWith("0|").contains("password: ");
    assertThat(run("user", "add", "-c", c, "--login", "x", "--role", "boss")).startsWith("2|").contains("unknown role");
    assertThat(run("user", "list", "-c", c)).contains("admin");
    assertThat(run("user", "unlock", "-c", c, "--login", "admin")).as("nothing locked: nothing to clear")
        .startsWith("0|").contains("admin: 0 locked or counting address(es) cleared");
  }

  @Test
  void anUnknownConfigKeyIsRefusedByName() throws Exception {
    Path config = dir.resolve("bad.properties");
    Files.writeString(config, "sip.prot=5070\n");
    assertThat(run("agent", "list", "-c", config.toString())).startsWith("2|").contains("unknown key 'sip.prot'");
  }

  /** Runs the CLI and returns "exitCode|stdout+stderr". */
  private static String run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(captured, true);
    System.setOut(ps);
    System.setErr(ps);
    try {
      int code = Main.execute(args);
      return code + "|" + captured;
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
