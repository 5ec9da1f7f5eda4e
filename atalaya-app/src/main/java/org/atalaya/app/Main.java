package org.atalaya.app;

import org.atalaya.app.cli.AgentCommand;
import org.atalaya.app.cli.AuditCommand;
import org.atalaya.app.cli.KeysCommand;
import org.atalaya.app.cli.PurgeCommand;
import org.atalaya.app.cli.RunCommand;
import org.atalaya.app.cli.UserCommand;
import org.atalaya.app.cli.VerifyCommand;
import org.atalaya.app.config.ConfigException;
import org.atalaya.core.agents.AgentRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The one entry point: {@code atalaya run|demo|agent|user|verify|keys|purge}. */
@Command(
    name = "atalaya",
    mixinStandardHelpOptions = true,
    version = "Atalaya 0.1.0",
    description = "Contact-center call recording and live monitoring.",
    subcommands = {RunCommand.class, RunCommand.Demo.class, AgentCommand.class, UserCommand.class,
        VerifyCommand.class, KeysCommand.class, PurgeCommand.class, AuditCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code (for tests). */
  public static int execute(String... args) {
    return new CommandLine(new Main())
        .setExecutionExceptionHandler((e, cmd, parse) -> {
          if (e instanceof IllegalArgumentException || e instanceof ConfigException
              || e instanceof AgentRepository.DuplicateException) {
            cmd.getErr().println("error: " + e.getMessage());
            return 2;
          }
          throw e;
        })
        .execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
