package dev.signet.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/**
 * Reads option defaults from the environment: {@code SIGNET_} + the long option name in upper case with
 * {@code -} as {@code _} ({@code --metrics-port} → {@code SIGNET_METRICS_PORT}). A flag given on the
 * command line wins.
 */
final class EnvDefaultProvider implements CommandLine.IDefaultValueProvider {
  private final Map<String, String> env;

  EnvDefaultProvider(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
    if (!(argSpec instanceof CommandLine.Model.OptionSpec option)) {
      return null;
    }
    String value = env.get(variableName(option.longestName()));
    return value != null ? value : option.defaultValue();
  }

  /**
   * @param longName e.g. {@code --metrics-port}
   * @return e.g. {@code SIGNET_METRICS_PORT}
   */
  static String variableName(String longName) {
    String bare = longName.replaceFirst("^-+", "");
    return "SIGNET_" + bare.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
