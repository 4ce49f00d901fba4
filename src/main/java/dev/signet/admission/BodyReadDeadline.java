package dev.signet.admission;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.EagerContentHandler.RetainedContentLoaderFactory.RetainedContentLoader;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads {@code POST} bodies before any worker thread sees the request, and gives up on bodies that do not arrive in
 * time (slow-body "Slowloris" defence). Built on Jetty 12's {@link EagerContentHandler}: the body is collected
 * asynchronously (no thread waits on the network) up to the size limit plus a margin, and only a complete body (or
 * one already over the limit, which the review route rejects with 400) is dispatched to Javalin. When the whole
 * body has not arrived within the deadline, the request is answered {@code 408} with
 * {@code {"error": "request body not received within <deadline>"}} and {@code Connection: close}. A declared
 * {@code Content-Length} over the limit is dispatched at once, so the route rejects it without reading it.
 */
final class BodyReadDeadline implements EagerContentHandler.ContentLoaderFactory {
  private final long maxBytes;
  private final Duration deadline;

  private BodyReadDeadline(long maxBytes, Duration deadline) {
    this.maxBytes = maxBytes;
    this.deadline = deadline;
  }

  /**
   * @param maxBytes the largest accepted body in bytes; larger ones are dispatched once this much (plus a margin)
   *     has arrived, for the route to reject
   * @param deadline the longest time from the request headers to the end of its body
   * @return the handler to insert in front of Javalin (applies to {@code POST} only)
   */
  static EagerContentHandler handler(long maxBytes, Duration deadline) {
    EagerContentHandler eager = new EagerContentHandler(new BodyReadDeadline(maxBytes, deadline));
    eager.includeMethod("POST");
    return eager;
  }

  @Override
  public String getApplicableMimeType() {
    return null; // every content type
  }

  @Override
  public EagerContentHandler.ContentLoader newContentLoader(String contentType, String mimeType, Handler handler,
      Request request, Response response, Callback callback) {
    if (request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH) > maxBytes) {
      return null; // rejected by its declared size without reading it
    }
    return new Loader(handler, request, response, callback);
  }

  /** Collects the body; whichever comes first, the complete body or the deadline, settles the request. */
  private final class Loader extends RetainedContentLoader {
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile Scheduler.Task timer;

    Loader(Handler handler, Request request, Response response, Callback callback) {
      super(handler, request, response, callback, maxBytes + 64 * 1024, -1, false);
    }

    @Override
    protected void load() {
      timer = getRequest().getComponents().getScheduler().schedule(this::expire, deadline.toMillis(),
          TimeUnit.MILLISECONDS);
      super.load();
    }

    @Override
    protected void handle(Request request, Response response, Callback callback) {
      if (settled.compareAndSet(false, true)) {
        Scheduler.Task t = timer;
        if (t != null) {
          t.cancel();
        }
        super.handle(request, response, callback);
      }
    }

    private void expire() {
      if (!settled.compareAndSet(false, true)) {
        return;
      }
      Response response = getResponse();
      String json = "{\"error\":\"request body not received within " + AdmissionHandler.format(deadline) + "\"}";
      response.setStatus(HttpStatus.REQUEST_TIMEOUT_408);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
      response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), getCallback());
    }
  }
}
