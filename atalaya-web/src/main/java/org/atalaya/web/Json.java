package org.atalaya.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import org.atalaya.web.sla.SlaJson;

/** The API's JSON conventions: ISO-8601 instants, strict request bodies. */
public final class Json {
  private Json() {}

  public static ObjectMapper mapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .registerModule(SlaJson.module())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }

  /** Parses the request body; malformed JSON or a wrong shape is the client's error (400). */
  public static <T> T body(Context ctx, ObjectMapper mapper, Class<T> type) {
    String body = ctx.body();
    if (body.isBlank()) {
      throw ApiException.badRequest("request body must be a JSON object");
    }
    try {
      T value = mapper.readValue(body, type);
      if (value == null) {
        throw ApiException.badRequest("request body must be a JSON object");
      }
      return value;
    } catch (JacksonException e) {
      throw ApiException.badRequest("invalid JSON: " + e.getOriginalMessage());
    }
  }
}
