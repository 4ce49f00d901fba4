package dev.signet.emulator;

import java.util.HashMap;
import java.util.Map;

/** The active {@link EmulatorFault}s, at most one per operation (a new one replaces the old). Thread-safe. */
final class FaultInjector {
  private final Map<String, EmulatorFault> faults = new HashMap<>();
  private final Map<String, Integer> remaining = new HashMap<>();

  synchronized void add(EmulatorFault fault) {
    faults.put(fault.operation(), fault);
    remaining.put(fault.operation(), fault.count());
  }

  synchronized void clear() {
    faults.clear();
    remaining.clear();
  }

  /**
   * Takes one use of the fault for {@code operation}, if any.
   *
   * @return the fault to apply, or {@code null}
   */
  synchronized EmulatorFault take(String operation) {
    EmulatorFault fault = faults.get(operation);
    if (fault == null) {
      return null;
    }
    int left = remaining.get(operation);
    if (left != -1) {
      if (left <= 1) {
        faults.remove(operation);
        remaining.remove(operation);
      } else {
        remaining.put(operation, left - 1);
      }
    }
    return fault;
  }
}
