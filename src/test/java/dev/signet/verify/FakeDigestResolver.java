package dev.signet.verify;

import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** In-memory tag → digest table with a call counter, injectable failure and latency. */
public final class FakeDigestResolver implements DigestResolver {
  private final Map<String, Digest> tags = new ConcurrentHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile BackendException failure;
  private volatile long sleepMillis;

  @Override
  public Digest resolve(OcirRepository repository, String tag, String compartmentId, boolean compartmentIdInSubtree)
      throws ImageNotFoundException, BackendException {
    calls.incrementAndGet();
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
    Digest d = tags.get(tag);
    if (d == null) {
      throw new ImageNotFoundException("no image tagged " + tag + " in " + repository.repositoryName());
    }
    return d;
  }

  /** Points a tag at a digest. */
  public FakeDigestResolver tag(String tag, Digest digest) {
    tags.put(tag, digest);
    return this;
  }

  /** @param status HTTP status for every call, or 0 to stop failing */
  public void fail(int status) {
    failure = status == 0 ? null : new BackendException("ListContainerImages", status, "injected", null);
  }

  /** @param millis how long each call takes */
  public void sleep(long millis) {
    sleepMillis = millis;
  }

  /** @return how many lookups were made */
  public int calls() {
    return calls.get();
  }
}
