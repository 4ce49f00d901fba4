package dev.signet.emulator;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Query parameters common to OCI list operations: {@code limit} (1-1000, default 100), {@code page}
 * (the opaque token from a previous {@code opc-next-page}), {@code sortBy}
 * ({@code TIMECREATED} default descending, or {@code DISPLAYNAME} default ascending) and {@code sortOrder}
 * ({@code ASC|DESC}), plus typed access to the others. Bad values are 400 {@code InvalidParameter}.
 */
final class ListQuery {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final Context ctx;
  private int remaining;

  ListQuery(Context ctx) {
    this.ctx = ctx;
  }

  /** @return the parameter, or {@code null} when absent or empty */
  String param(String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isEmpty() ? null : v;
  }

  /** @return the parameter; 400 when absent */
  String required(String name) {
    String v = param(name);
    if (v == null) {
      throw OciError.invalidParameter(name + " is required");
    }
    return v;
  }

  /** @return the boolean parameter, {@code false} when absent; 400 when not {@code true|false} */
  boolean flag(String name) {
    String v = param(name);
    if (v == null) {
      return false;
    }
    if (!v.equals("true") && !v.equals("false")) {
      throw OciError.invalidParameter(name + " must be true or false");
    }
    return Boolean.parseBoolean(v);
  }

  /** @return whether {@code value} passes the filter (an absent filter passes everything) */
  boolean matches(String name, String value) {
    String want = param(name);
    return want == null || want.equals(value);
  }

  /**
   * OCIR's repository name filter: exact, or a prefix when it ends with {@code *}.
   *
   * @return whether {@code repositoryName} passes
   */
  boolean matchesRepository(String repositoryName) {
    String want = param("repositoryName");
    if (want == null) {
      return true;
    }
    return want.endsWith("*") ? repositoryName.startsWith(want.substring(0, want.length() - 1))
        : want.equals(repositoryName);
  }

  /**
   * Sorts, pages and sets the {@code opc-next-page} header when more items follow.
   *
   * @param items all matching items
   * @param displayName display name of an item
   * @param timeCreated creation time of an item
   * @param id id of an item (tie-breaker)
   * @return the items of the requested page
   */
  <T> List<T> page(List<T> items, Function<T, String> displayName, Function<T, Instant> timeCreated,
      Function<T, String> id) {
    String sortBy = upper(param("sortBy"));
    String sortOrder = upper(param("sortOrder"));
    boolean byName = "DISPLAYNAME".equals(sortBy);
    if (sortBy != null && !byName && !"TIMECREATED".equals(sortBy)) {
      throw OciError.invalidParameter("sortBy must be TIMECREATED or DISPLAYNAME");
    }
    if (sortOrder != null && !"ASC".equals(sortOrder) && !"DESC".equals(sortOrder)) {
      throw OciError.invalidParameter("sortOrder must be ASC or DESC");
    }
    Comparator<T> order = byName ? Comparator.comparing(displayName) : Comparator.comparing(timeCreated);
    order = order.thenComparing(id);
    boolean descending = sortOrder == null ? !byName : "DESC".equals(sortOrder);
    List<T> sorted = items.stream().sorted(descending ? order.reversed() : order).toList();
    int limit = limit();
    int offset = offset();
    if (offset > sorted.size()) {
      throw OciError.invalidParameter("page token is out of range");
    }
    int end = Math.min(sorted.size(), offset + limit);
    remaining = sorted.size() - end;
    if (end < sorted.size()) {
      ctx.header("opc-next-page", Integer.toString(end));
    }
    return sorted.subList(offset, end);
  }

  /** @return how many matching items follow the page returned by the last {@link #page} call */
  int remaining() {
    return remaining;
  }

  private int limit() {
    String v = param("limit");
    if (v == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(v);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw OciError.invalidParameter("limit must be an integer between 1 and " + MAX_LIMIT);
  }

  private int offset() {
    String v = param("page");
    if (v == null) {
      return 0;
    }
    try {
      int offset = Integer.parseInt(v);
      if (offset >= 0) {
        return offset;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw OciError.invalidParameter("page is not a valid page token");
  }

  private static String upper(String s) {
    return s == null ? null : s.toUpperCase(Locale.ROOT);
  }
}
