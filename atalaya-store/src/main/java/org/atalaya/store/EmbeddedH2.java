package org.atalaya.store;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Properties;
import org.h2.tools.Server;

/**
 * The embedded H2 database of a node's data directory, and how a second process (the CLI adding an
 * agent while the node runs) reaches it.
 *
 * <p>H2's own AUTO_SERVER would do the sharing, but H2 allows it only with its JVM shutdown hook on
 * ({@code DB_CLOSE_ON_EXIT}), and that hook closes the database while the node is still ending
 * calls and finalizing recordings. So the node opens the file with the hook off and shares it the
 * way AUTO_SERVER does: a TCP server on loopback that knows the database only under a random key,
 * written to a file beside the database that only the node's user can read.
 */
public final class EmbeddedH2 implements AutoCloseable {
  private static final String FILE = "atalaya";
  private static final String SERVER_FILE = "atalaya.server";

  private final Server server;
  private final Path serverFile;

  private EmbeddedH2(Server server, Path serverFile) {
    this.server = server;
    this.serverFile = serverFile;
  }

  /**
   * The URL the node itself opens: the file, written through at every commit (WRITE_DELAY=0: a
   * kill -9 loses no commit), and closed by the node, never by H2's exit hook.
   */
  public static String fileUrl(Path dbDir) {
    return "jdbc:h2:file:" + dbDir.toAbsolutePath().resolve(FILE) + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
  }

  /**
   * The URL another process opens: the running node's server when one answers, else the file
   * itself (no node running, or one that was killed and left its server file behind).
   */
  public static String clientUrl(Path dbDir) {
    Path file = dbDir.resolve(SERVER_FILE);
    if (Files.isReadable(file)) {
      Properties p = new Properties();
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(in);
        int port = Integer.parseInt(p.getProperty("port", ""));
        String key = p.getProperty("key", "");
        if (!key.isEmpty() && answers(port)) {
          return "jdbc:h2:tcp://127.0.0.1:" + port + "/" + key;
        }
      } catch (IOException | NumberFormatException stale) {
        // An unreadable or stale file: the database is not served; open the file.
      }
    }
    return fileUrl(dbDir);
  }

  /** Shares the database the node has open (at {@link #fileUrl}) with other processes on this host. */
  public static EmbeddedH2 share(Path dbDir) throws IOException {
    String key = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    String path = dbDir.toAbsolutePath().resolve(FILE).toString();
    Server server;
    try {
      // Loopback only (no -tcpAllowOthers), daemon threads, never creates a database.
      server = Server.createTcpServer("-tcpPort", "0", "-tcpDaemon", "-ifExists", "-key", key, path).start();
    } catch (SQLException e) {
      throw new IOException("cannot share the embedded database: " + e.getMessage(), e);
    }
    Path file = dbDir.resolve(SERVER_FILE);
    try {
      Path tmp = Files.createTempFile(dbDir, SERVER_FILE, ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Elsewhere the data directory's own permissions protect it.
      }
      Properties p = new Properties();
      p.setProperty("port", Integer.toString(server.getPort()));
      p.setProperty("key", key);
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(out, "the running node's database server, for the CLI; removed when it stops");
      }
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      server.stop();
      throw e;
    }
    return new EmbeddedH2(server, file);
  }

  private static boolean answers(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops sharing: the CLI opens the file from now on, once the node has closed it. */
  @Override
  public void close() throws IOException {
    try {
      Files.deleteIfExists(serverFile);
    } finally {
      server.stop();
    }
  }
}
