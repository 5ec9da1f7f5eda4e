package org.atalaya.store.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.atalaya.core.ivr.IvrRepository;
import org.junit.jupiter.api.Test;

/** What every IvrRepository must do; implemented once per database. */
public interface IvrRepositoryContract {
  IvrRepository ivr();

  @Test
  default void flowsAreSavedReplacedListedAndDeletedPerTenant() {
    Instant t = Instant.parse("2026-11-23T10:00:00Z");
    String big = "{\"id\": \"main\", \"note\": \"" + "x".repeat(20_000) + "\"}";
    ivr().saveFlow("t1", "main", big, "admin", t);
    ivr().saveFlow("t1", "after-hours", "{\"v\": 1}", "admin", t);
    ivr().saveFlow("t2", "main", "{\"tenant\": 2}", "other", t);
    assertThat(ivr().flowIds("t1")).containsExactly("after-hours", "main");
    assertThat(ivr().flow("t1", "main")).contains(big);
    ivr().saveFlow("t1", "main", "{\"v\": 2}", "admin", t.plusSeconds(1));
    assertThat(ivr().flow("t1", "main")).contains("{\"v\": 2}");
    assertThat(ivr().flow("t2", "main")).contains("{\"tenant\": 2}");
    assertThat(ivr().deleteFlow("t2", "after-hours")).as("another tenant's flow").isFalse();
    assertThat(ivr().deleteFlow("t1", "after-hours")).isTrue();
    assertThat(ivr().flowIds("t1")).containsExactly("main");
    assertThat(ivr().flow("t3", "main")).isEmpty();
  }

  @Test
  default void businessHoursPerTenant() {
    Instant t = Instant.parse("2026-11-23T10:00:00Z");
    assertThat(ivr().hours("t1")).isEmpty();
    ivr().saveHours("t1", "{\"zone\": \"Europe/Madrid\"}", "admin", t);
    ivr().saveHours("t1", "{\"zone\": \"Atlantic/Canary\"}", "admin", t);
    assertThat(ivr().hours("t1")).contains("{\"zone\": \"Atlantic/Canary\"}");
    assertThat(ivr().hours("t2")).isEmpty();
  }

  @Test
  default void routingPerTenant() {
    Instant t = Instant.parse("2026-11-23T10:00:00Z");
    assertThat(ivr().routing("t1")).isEmpty();
    ivr().saveRouting("t1", "{\"queues\": []}", "admin", t);
    ivr().saveRouting("t1", "{\"queues\": [{\"name\": \"finance\"}]}", "admin", t);
    assertThat(ivr().routing("t1")).contains("{\"queues\": [{\"name\": \"finance\"}]}");
    assertThat(ivr().routing("t2")).isEmpty();
    assertThat(ivr().hours("t1")).as("a separate document").isEmpty();
  }
}
