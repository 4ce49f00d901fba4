package dev.signet.cli;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/** Reads a {@code --kubeconfig} file into a fabric8 {@link Config}, turning every problem into a usage error. */
final class Kubeconfigs {
  private Kubeconfigs() {}

  /**
   * @param file the kubeconfig file given with {@code --kubeconfig}
   * @return the client configuration of its current context
   * @throws Main.UsageException (exit 64) naming the file and the problem: it does not exist, is not readable,
   *     is not YAML (with line and column), is not a kubeconfig, or names no usable current context
   */
  static Config load(Path file) {
    String name = "--kubeconfig " + file;
    if (!Files.exists(file)) {
      throw new Main.UsageException(name + " does not exist");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new Main.UsageException(name + " is not a readable file");
    }
    Config config;
    try {
      if (Files.size(file) == 0) {
        throw new Main.UsageException(name + " is empty");
      }
      config = Config.fromKubeconfig(file.toFile());
    } catch (IOException e) {
      throw new Main.UsageException(name + " cannot be read: " + e.getMessage());
    } catch (RuntimeException e) {
      if (e instanceof Main.UsageException u) {
        throw u;
      }
      throw new Main.UsageException(name + " is not a valid kubeconfig: " + problem(e));
    }
    if (config.getCurrentContext() == null || config.getMasterUrl() == null) {
      throw new Main.UsageException(name + " has no usable current-context (a context naming a cluster with a "
          + "server address)");
    }
    return config;
  }

  /**
   * The YAML problem with its line and column (fabric8 parses kubeconfigs with Jackson 3 YAML, i.e. SnakeYAML
   * Engine, whose errors carry a problem and a 0-based mark), or the first line of the error, without the parser's
   * multi-line snippet.
   */
  private static String problem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYamlEngineException y && y.getProblem() != null) {
        String at = y.getProblemMark().map(Kubeconfigs::position).orElse("");
        return "not YAML: " + y.getProblem() + at;
      }
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (message.startsWith("Cannot deserialize") || message.contains("JsonToken")) {
      return "not a kubeconfig document (expected a mapping with clusters, users and contexts)";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static String position(Mark mark) {
    return " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }
}
