package dev.signet.emulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Requests received per OCI operation name. Thread-safe. */
final class OperationStats {
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  void count(String operation) {
    counts.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
  }

  /** @return operation → requests, sorted by name; operations never called are absent */
  Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> {
      if (v.get() > 0) {
        out.put(k, v.get());
      }
    });
    return out;
  }

  void reset() {
    counts.clear();
  }
}
