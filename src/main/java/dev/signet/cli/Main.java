package dev.signet.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Signet's command line: {@code serve}, {@code verify}, {@code sign}, {@code audit}, {@code emulator}.
 * Exit codes: 0 success, 1 not verified, 2 could not decide, 3 violations (audit), 64 bad usage or input.
 */
@Command(name = "signet", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Admission controller for container images signed with OCI Vault keys.",
    subcommands = {ServeCommand.class, VerifyCommand.class, SignCommand.class, AuditCommand.class,
        EmulatorCommand.class})
public final class Main implements Runnable {
  /** Exit code for bad usage or bad input. */
  public static final int EXIT_USAGE = 64;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /**
   * Runs the command line and exits with its exit code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    configureLogging(args, System.getenv());
    System.exit(run(args));
  }

  /**
   * Runs the command line without exiting (for tests and embedding).
   *
   * @param args the arguments
   * @return the exit code
   */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /**
   * Runs the command line with its output captured (for tests and embedding).
   *
   * @param out where commands print their results
   * @param err where usage errors and diagnostics go
   * @param args the arguments
   * @return the exit code
   */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    try {
      return cl.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** @return the configured picocli command line (env defaults, exit code 64 on bad usage) */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setDefaultValueProvider(new EnvDefaultProvider(System.getenv()));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("signet: " + ex.getMessage());
      c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
      return EXIT_USAGE;
    });
    cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
      if (ex instanceof UsageException) {
        c.getErr().println("signet: " + ex.getMessage());
        return EXIT_USAGE;
      }
      c.getErr().println("signet: " + ex);
      return 2;
    });
    return cl;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** Picks the logback configuration before the first logger exists: JSON by default, text on request. */
  private static void configureLogging(String[] args, Map<String, String> env) {
    List<String> list = List.of(args);
    // JSON lines for machines by default; the interactive demo defaults to text so its help stays readable.
    String format = env.getOrDefault("SIGNET_LOG_FORMAT", list.contains("--demo") ? "text" : "json");
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).equals("--log-format") && i + 1 < list.size()) {
        format = list.get(i + 1);
      } else if (list.get(i).startsWith("--log-format=")) {
        format = list.get(i).substring("--log-format=".length());
      }
    }
    boolean serve = !list.isEmpty() && list.get(0).equals("serve");
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile",
          serve && !"text".equalsIgnoreCase(format) ? "logback-json.xml" : "logback-text.xml");
    }
    if (!serve && System.getProperty("signet.log.level") == null) {
      System.setProperty("signet.log.level", "WARN");
    }
  }

  /** Thrown by commands for bad usage or input that picocli cannot see; exits 64. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  /** Reports the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"signet " + (v == null ? "dev" : v)};
    }
  }
}
