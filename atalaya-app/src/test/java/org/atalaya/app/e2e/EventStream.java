package org.atalaya.app.e2e;

import static org.atalaya.app.e2e.MonitoringWebE2ETest.HTTP;
import static org.atalaya.app.e2e.MonitoringWebE2ETest.basic;
import static org.atalaya.app.e2e.MonitoringWebE2ETest.uri;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** An event stream (SSE) as a user, its lines collected. */
final class EventStream implements AutoCloseable {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private CompletableFuture<?> stream;

  static EventStream open(String user, String password) {
    EventStream s = new EventStream();
    s.stream = HTTP.sendAsync(HttpRequest.newBuilder(uri("/api/v1/events"))
            .header("Authorization", basic(user, password)).header("Accept", "text/event-stream").build(),
            HttpResponse.BodyHandlers.ofLines())
        .thenAccept(r -> r.body().forEach(s.lines::add));
    return s;
  }

  List<String> lines() {
    return lines;
  }

  @Override
  public void close() {
    stream.cancel(true);
  }
}
