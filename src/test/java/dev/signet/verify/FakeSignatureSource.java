package dev.signet.verify;

import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** In-memory signature listing: records per digest, a call counter, injectable failure and latency. */
public final class FakeSignatureSource implements SignatureSource {
  private final Map<String, List<SignatureRecord>> byDigest = new ConcurrentHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile BackendException failure;
  private volatile long sleepMillis;
  private volatile Runnable onList = () -> { };

  @Override
  public List<SignatureRecord> list(OcirRepository repository, Digest digest, String compartmentId,
      boolean compartmentIdInSubtree) throws BackendException {
    calls.incrementAndGet();
    onList.run();
    if (sleepMillis > 0) {
      try {
        Thread.sleep(sleepMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failure != null) {
      throw failure;
    }
    return List.copyOf(byDigest.getOrDefault(digest.toString(), List.of()));
  }

  /** Adds signature records for a digest. */
  public FakeSignatureSource add(Digest digest, SignatureRecord... records) {
    byDigest.computeIfAbsent(digest.toString(), d -> new ArrayList<>()).addAll(List.of(records));
    return this;
  }

  /** Replaces the signature records of a digest. */
  public void set(Digest digest, SignatureRecord... records) {
    byDigest.put(digest.toString(), new ArrayList<>(List.of(records)));
  }

  /** @param status HTTP status for every call, or 0 to stop failing */
  public void fail(int status) {
    failure = status == 0 ? null : new BackendException("ListContainerImageSignatures", status, "injected", null);
  }

  /** @param millis how long each call takes */
  public void sleep(long millis) {
    sleepMillis = millis;
  }

  /** @param action runs at each call (e.g. to move a test clock) */
  public void onList(Runnable action) {
    onList = action;
  }

  /** @return how many listings were made */
  public int calls() {
    return calls.get();
  }
}
