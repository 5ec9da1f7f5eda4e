package org.atalaya.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.atalaya.core.library.Library;
import org.atalaya.core.library.LibraryItem;
import org.atalaya.core.library.Note;
import org.atalaya.core.library.Tag;
import org.atalaya.core.users.Role;
import org.atalaya.web.ApiException;
import org.atalaya.web.Json;
import org.atalaya.web.auth.Principal;

/**
 * Search and annotations: {@code GET /api/v1/recordings} with filters, notes, tags, the QA score
 * and collections on {@code /api/v1/recordings/{id}/...}, and the tag vocabulary.
 */
public final class LibraryRoutes {
  /** A recording in a search result. */
  public record ItemView(String id, String callId, String from, String to, String agent, String queue, String direction,
      Instant start, long durationSeconds, long durationMillis, long sizeBytes, String status, Integer score,
      List<String> tags, int notes, List<String> collections) {
    static ItemView of(LibraryItem i) {
      var r = i.recording();
      return new ItemView(r.id(), r.callId(), r.fromNumber(), r.toNumber(), r.agentExtension(), i.queue(), i.direction(),
          r.startedAt(), r.durationMillis() / 1000, r.durationMillis(), r.sizeBytes(), r.status().name(), i.score(),
          i.tags().stream().map(Tag::toString).toList(), i.notes(), i.collections());
    }
  }

  public record NoteView(long id, long atMillis, String author, String text, Instant createdAt) {
    static NoteView of(Note n) {
      return new NoteView(n.id(), n.atMillis(), n.author(), n.text(), n.createdAt());
    }
  }

  private final RecordingAccess access;
  private final Library library;
  private final ObjectMapper mapper;

  public LibraryRoutes(RecordingAccess access, Library library, ObjectMapper mapper) {
    this.access = access;
    this.library = library;
    this.mapper = mapper;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/recordings", this::search);
    routes.get("/api/v1/tags", ctx -> ctx.json(Arrays.stream(Tag.Kind.values())
        .collect(java.util.stream.Collectors.toMap(Tag.Kind::label, Tag.Kind::suggested))));
    routes.get("/api/v1/recordings/{id}/notes", ctx -> {
      var v = access.find(ctx);
      ctx.json(library.notes(v.principal().tenantId(), v.recording().id()).stream().map(NoteView::of).toList());
    });
    routes.post("/api/v1/recordings/{id}/notes", this::addNote);
    routes.delete("/api/v1/recordings/{id}/notes/{noteId}", this::deleteNote);
    routes.get("/api/v1/recordings/{id}/tags", ctx -> {
      var v = access.find(ctx);
      ctx.json(library.tags(v.principal().tenantId(), v.recording().id()).stream().map(Tag::toString).toList());
    });
    routes.post("/api/v1/recordings/{id}/tags", ctx -> {
      var v = access.annotate(ctx);
      JsonNode body = Json.body(ctx, mapper, JsonNode.class);
      Tag tag = new Tag(Tag.Kind.parse(body.path("kind").asText("")), body.path("tag").asText(""));
      boolean added = library.addTag(v.principal().tenantId(), v.recording().id(), tag, v.principal().login());
      ctx.status(added ? 201 : 200).json(library.tags(v.principal().tenantId(), v.recording().id()).stream()
          .map(Tag::toString).toList());
    });
    routes.delete("/api/v1/recordings/{id}/tags/{kind}/{tag}", ctx -> {
      var v = access.annotate(ctx);
      Tag tag = new Tag(Tag.Kind.parse(ctx.pathParam("kind")), ctx.pathParam("tag"));
      if (!library.removeTag(v.principal().tenantId(), v.recording().id(), tag, v.principal().login())) {
        throw ApiException.notFound("tag");
      }
      ctx.status(204);
    });
    routes.put("/api/v1/recordings/{id}/score", ctx -> {
      var v = access.annotate(ctx);
      JsonNode score = Json.body(ctx, mapper, JsonNode.class).path("score");
      if (!score.isNull() && !score.isIntegralNumber()) {
        throw ApiException.badRequest("score: a whole number 0 to 100, or null to clear");
      }
      library.setScore(v.principal().tenantId(), v.recording().id(), score.isNull() ? null : score.asInt(),
          v.principal().login());
      ctx.json(Map.of("score", score));
    });
    routes.put("/api/v1/recordings/{id}/collections/{name}", ctx -> collect(ctx, true));
    routes.delete("/api/v1/recordings/{id}/collections/{name}", ctx -> collect(ctx, false));
  }

  private void search(Context ctx) {
    Principal p = access.principal(ctx);
    Paging page = Paging.from(ctx);
    var query = SearchParams.parse(ctx);
    List<ItemView> items = library.search(p.tenantId(), p.agentFilter(), query, page.offset(), page.limit()).stream()
        .map(ItemView::of).toList();
    ctx.json(new Views.Page<>(items, page.offset(), page.limit()));
  }

  private void addNote(Context ctx) {
    var v = access.annotate(ctx);
    JsonNode body = Json.body(ctx, mapper, JsonNode.class);
    if (!body.path("atMillis").isIntegralNumber()) {
      throw ApiException.badRequest("atMillis: the moment of the recording in milliseconds");
    }
    Note note = library.addNote(v.principal().tenantId(), v.recording().id(), body.path("atMillis").asLong(),
        body.path("text").asText(""), v.principal().login(), v.recording().durationMillis());
    ctx.status(201).json(NoteView.of(note));
  }

  private void deleteNote(Context ctx) {
    var v = access.annotate(ctx);
    long noteId;
    try {
      noteId = Long.parseLong(ctx.pathParam("noteId"));
    } catch (NumberFormatException e) {
      throw ApiException.notFound("note");
    }
    try {
      if (!library.deleteNote(v.principal().tenantId(), v.recording().id(), noteId, v.principal().login(),
          v.principal().role() == Role.ADMIN)) {
        throw ApiException.notFound("note");
      }
    } catch (SecurityException e) {
      throw ApiException.forbidden();
    }
    ctx.status(204);
  }

  private void collect(Context ctx, boolean in) {
    var v = access.annotate(ctx);
    library.collect(v.principal().tenantId(), v.recording().id(), ctx.pathParam("name"), in, v.principal().login());
    ctx.json(Map.of("collections", library.collections(v.principal().tenantId(), v.recording().id())));
  }
}
