package org.atalaya.store.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.atalaya.core.calls.CallRecord;
import org.atalaya.core.calls.CallRecordRepository;
import org.atalaya.core.calls.Disposition;
import org.atalaya.core.library.LibraryItem;
import org.atalaya.core.library.LibraryRepository;
import org.atalaya.core.library.RecordingQuery;
import org.atalaya.core.library.Share;
import org.atalaya.core.library.Tag;
import org.atalaya.core.recording.RecordingInfo;
import org.atalaya.core.recording.RecordingRepository;
import org.junit.jupiter.api.Test;

/** Library search and annotations; every filter, tenant scoping and the agent's view. */
public interface LibraryRepositoryContract {
  LibraryRepository library();

  RecordingRepository recordings();

  CallRecordRepository calls();

  Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

  private void seed(String tenant, String id, String agent, String from, String queue, int minute, long durationMs) {
    Instant start = T0.plusSeconds(60L * minute);
    recordings().insert(new RecordingInfo(id, tenant, "call-" + id, from, "900100200", agent, start, 0, 0, 8000, 2,
        tenant + "/" + id + ".pcm", null, RecordingInfo.Status.RECORDING));
    recordings().complete(id, durationMs, durationMs * 32, "00".repeat(32));
    calls().insert(new CallRecord("call-" + id, tenant, "sip-" + id, from, "", "900100200", queue, agent, start,
        start.plusSeconds(2), start.plusMillis(durationMs), Disposition.ANSWERED, "customer", id));
  }

  private void seedAll() {
    seed("t1", "a1", "1001", "+34600111222", "sales", 0, 30_000);
    seed("t1", "a2", "1001", "+34600333444", "support", 10, 300_000);
    seed("t1", "b1", "1002", "+34600111999", "sales", 20, 90_000);
    seed("t2", "x1", "1001", "+34600111222", "sales", 5, 60_000);
  }

  private List<String> ids(String tenant, String agent, RecordingQuery q) {
    return library().search(tenant, agent, q, 0, 50).stream().map(i -> i.recording().id()).toList();
  }

  private static RecordingQuery number(String n) {
    return new RecordingQuery(null, null, null, null, n, null, null, null, null, null, null, null, null);
  }

  private static RecordingQuery q() {
    return RecordingQuery.ALL;
  }

  @Test
  default void searchFiltersByEveryFieldWithinTheTenantNewestFirst() {
    seedAll();
    assertThat(ids("t1", null, q())).containsExactly("b1", "a2", "a1");
    assertThat(ids("t2", null, q())).containsExactly("x1");
    assertThat(ids("t1", null, new RecordingQuery(T0.plusSeconds(300), T0.plusSeconds(1200), null, null, null, null,
        null, null, null, null, null, null, null))).containsExactly("a2");
    assertThat(ids("t1", null, new RecordingQuery(null, null, "1001", null, null, null, null, null, null, null, null, null,
        null))).containsExactly("a2", "a1");
    assertThat(ids("t1", null, new RecordingQuery(null, null, null, "sales", null, null, null, null, null, null, null, null,
        null))).containsExactly("b1", "a1");
    // A number matches by its end: the whole number, its last digits, or the end of the dialled number.
    assertThat(ids("t1", null, number("+34600111222"))).containsExactly("a1");
    assertThat(ids("t1", null, number("111999"))).containsExactly("b1");
    assertThat(ids("t1", null, number("100200"))).containsExactly("b1", "a2", "a1");
    assertThat(ids("t1", null, number("600111"))).as("digits in the middle are not an end").isEmpty();
    assertThat(ids("t1", null, new RecordingQuery(null, null, null, null, null, "inbound", null, null, null, null, null,
        null, null))).containsExactly("b1", "a2", "a1");
    assertThat(ids("t1", null, new RecordingQuery(null, null, null, null, null, "outbound", null, null, null, null, null,
        null, null))).isEmpty();
    assertThat(ids("t1", null, new RecordingQuery(null, null, null, null, null, null, 60, 120, null, null, null, null,
        null))).containsExactly("b1");
    LibraryItem item = library().search("t1", null, q(), 0, 1).get(0);
    assertThat(item.queue()).isEqualTo("sales");
    assertThat(item.direction()).isEqualTo("inbound");
    assertThat(library().search("t1", null, q(), 1, 1)).extracting(i -> i.recording().id()).containsExactly("a2");
  }

  @Test
  default void tagsNotesScoresAndCollectionsFilterAndComeWithTheItems() {
    seedAll();
    Tag sale = new Tag(Tag.Kind.TYPE, "sale");
    Tag excellent = new Tag(Tag.Kind.QUALITY, "excellent");
    assertThat(library().addTag("t1", "a1", sale, "qa", T0)).isTrue();
    assertThat(library().addTag("t1", "a1", sale, "qa", T0)).isFalse();
    library().addTag("t1", "a1", excellent, "qa", T0);
    library().addTag("t1", "b1", sale, "qa", T0);
    library().addTag("t2", "x1", sale, "qa", T0);
    assertThat(ids("t1", null, new RecordingQuery(null, null, null, null, null, null, null, null, List.of(sale), null,
        null, null, null))).containsExactly("b1", "a1");
    assertThat(ids("t1", null, new RecordingQuery(null, null, null, null, null, null, null, null, List.of(sale, excellent),
        null, null, null, null))).containsExactly("a1");
    assertThat(library().tags("t1", "a1")).containsExactly(excellent, sale);
    assertThat(library().tags("t2", "a1")).isEmpty();
    assertThat(library().removeTag("t2", "a1", sale)).isFalse();
    assertThat(library().removeTag("t1", "b1", sale)).isTrue();

    var note = library().addNote("t1", "a2", 12_500, "qa", "promete reembolso", T0);
    library().addNote("t1", "a2", 2_000, "qa", "saludo", T0);
    assertThat(library().notes("t1", "a2")).extracting(n -> n.atMillis()).containsExactly(2_000L, 12_500L);
    assertThat(library().notes("t2", "a2")).isEmpty();
    assertThat(library().note("t1", note.id())).hasValueSatisfying(n -> assertThat(n.text()).isEqualTo("promete reembolso"));
    assertThat(library().note("t2", note.id())).isEmpty();
    assertThat(ids("t1", null, new RecordingQuery(null, null, null, null, null, null, null, null, null, true, null, null,
        null))).containsExactly("a2");
    assertThat(ids("t1", null, new RecordingQuery(null, null, null, null, null, null, null, null, null, false, null, null,
        null))).containsExactly("b1", "a1");

    assertThat(library().setScore("t1", "a1", 92)).isTrue();
    assertThat(library().setScore("t2", "a1", 10)).isFalse();
    library().setScore("t1", "b1", 55);
    assertThat(ids("t1", null, new RecordingQuery(null, null, null, null, null, null, null, null, null, null, 80, null,
        null))).containsExactly("a1");
    assertThat(ids("t1", null, new RecordingQuery(null, null, null, null, null, null, null, null, null, null, null, 60,
        null))).containsExactly("b1");

    assertThat(library().addToCollection("t1", "a1", "best-practices", "sup", T0)).isTrue();
    assertThat(ids("t1", null, new RecordingQuery(null, null, null, null, null, null, null, null, null, null, null, null,
        "best-practices"))).containsExactly("a1");
    LibraryItem a1 = library().search("t1", null, q(), 2, 1).get(0);
    assertThat(a1.recording().id()).isEqualTo("a1");
    assertThat(a1.score()).isEqualTo(92);
    assertThat(a1.tags()).containsExactly(excellent, sale);
    assertThat(a1.collections()).containsExactly("best-practices");
    assertThat(library().search("t1", null, q(), 1, 1).get(0).notes()).isEqualTo(2);
    assertThat(library().search("t1", null, q(), 1, 1).get(0).score()).as("never scored").isNull();
    assertThat(library().deleteNote("t2", note.id())).isFalse();
    assertThat(library().deleteNote("t1", note.id())).isTrue();
  }

  @Test
  default void anAgentSeesOwnRecordingsAndTheBestPracticesCollection() {
    seedAll();
    assertThat(ids("t1", "1002", q())).containsExactly("b1");
    library().addToCollection("t1", "a1", "best-practices", "sup", T0);
    assertThat(ids("t1", "1002", q())).containsExactly("b1", "a1");
    assertThat(ids("t1", "", q())).containsExactly("a1");
    assertThat(library().removeFromCollection("t1", "a1", "best-practices")).isTrue();
    assertThat(ids("t1", "1002", q())).containsExactly("b1");
  }

  @Test
  default void sharesAreFoundByTokenHashAndRevokedWithinTheirTenant() {
    seedAll();
    Share s = new Share("sh1", "t1", "a1", "sup", T0, T0.plusSeconds(3600), null);
    library().insertShare(s, "ab".repeat(32));
    assertThat(library().shareByTokenHash("ab".repeat(32))).contains(s);
    assertThat(library().shareByTokenHash("cd".repeat(32))).isEmpty();
    assertThat(library().shares("t1", "a1")).containsExactly(s);
    assertThat(library().revokeShare("t2", "sh1", T0)).isFalse();
    assertThat(library().revokeShare("t1", "sh1", T0.plusSeconds(5))).isTrue();
    assertThat(library().revokeShare("t1", "sh1", T0.plusSeconds(6))).isFalse();
    assertThat(library().shareByTokenHash("ab".repeat(32)).orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(5));
  }
}
