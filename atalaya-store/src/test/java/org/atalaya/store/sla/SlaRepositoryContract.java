package org.atalaya.store.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.atalaya.core.sla.SlaAlert;
import org.atalaya.core.sla.SlaComparator;
import org.atalaya.core.sla.SlaDefinition;
import org.atalaya.core.sla.SlaMetric;
import org.atalaya.core.sla.SlaPeriod;
import org.atalaya.core.sla.SlaRepository;
import org.atalaya.core.sla.WebhookConfig;
import org.atalaya.core.sla.WebhookDelivery;
import org.junit.jupiter.api.Test;

/** What every SlaRepository must do; implemented once per database. */
public interface SlaRepositoryContract {
  SlaRepository sla();

  Instant T = Instant.parse("2026-11-23T09:00:00Z");
  ZoneId MADRID = ZoneId.of("Europe/Madrid");
  SlaDefinition SL = new SlaDefinition("sl-80-20", "Nivel de servicio 80/20", SlaMetric.SERVICE_LEVEL,
      SlaComparator.AT_LEAST, 80, 20, "ventas", SlaPeriod.HOUR, MADRID, 10);
  SlaDefinition ASA = new SlaDefinition("asa", "ASA ≤ 30 s", SlaMetric.ASA, SlaComparator.AT_MOST, 30.5, null, null,
      SlaPeriod.DAY, ZoneId.of("UTC"), 0);

  @Test
  default void definitionsAreSavedReplacedListedAndDeletedPerTenant() {
    assertThat(sla().saveDefinition("t1", SL, "admin", T)).as("created").isTrue();
    assertThat(sla().saveDefinition("t1", ASA, "admin", T)).isTrue();
    assertThat(sla().saveDefinition("t2", ASA, "other", T)).isTrue();
    assertThat(sla().definitions("t1")).containsExactly(ASA, SL);
    assertThat(sla().definition("t1", "sl-80-20")).contains(SL);
    SlaDefinition stricter = new SlaDefinition("sl-80-20", "Nivel de servicio 90/20", SlaMetric.SERVICE_LEVEL,
        SlaComparator.AT_LEAST, 90, 20, null, SlaPeriod.MIN_15, MADRID, 5);
    assertThat(sla().saveDefinition("t1", stricter, "admin", T.plusSeconds(1))).as("replaced").isFalse();
    assertThat(sla().definition("t1", "sl-80-20")).contains(stricter);
    assertThat(sla().definition("t2", "sl-80-20")).isEmpty();
    assertThat(sla().tenantsWithDefinitions()).containsExactly("t1", "t2");
    assertThat(sla().deleteDefinition("t2", "sl-80-20")).as("another tenant's").isFalse();
    assertThat(sla().deleteDefinition("t1", "sl-80-20")).isTrue();
    assertThat(sla().definitions("t1")).containsExactly(ASA);
  }

  @Test
  default void aPeriodHasOneBreachAndBreachesOutliveTheirDefinition() {
    sla().saveDefinition("t1", SL, "admin", T);
    SlaAlert b = new SlaAlert("b-1", "t1", SlaAlert.Kind.BREACH, SL, T, T.plusSeconds(3600), 62.5, 16,
        T.plusSeconds(3605));
    assertThat(sla().saveBreach(b)).isTrue();
    assertThat(sla().saveBreach(new SlaAlert("b-2", "t1", SlaAlert.Kind.BREACH, SL, T, T.plusSeconds(3600), 61, 16,
        T.plusSeconds(3700)))).as("the same period again").isFalse();
    assertThat(sla().saveBreach(new SlaAlert("b-3", "t1", SlaAlert.Kind.BREACH, SL, T.plusSeconds(3600),
        T.plusSeconds(7200), 70, 12, T.plusSeconds(7205)))).isTrue();
    assertThat(sla().saveBreach(new SlaAlert("b-4", "t2", SlaAlert.Kind.BREACH, SL, T, T.plusSeconds(3600), 10, 12,
        T.plusSeconds(3605)))).as("another tenant's own").isTrue();
    sla().deleteDefinition("t1", SL.id());
    assertThat(sla().breaches("t1", T, T.plusSeconds(3600))).containsExactly(b);
    assertThat(sla().breaches("t1", T.minusSeconds(1), T.plusSeconds(7200))).extracting(SlaAlert::id)
        .containsExactly("b-1", "b-3");
    assertThat(sla().breaches("t3", T, T.plusSeconds(7200))).isEmpty();
  }

  @Test
  default void aWebhookPerTenantAndItsDeliveriesNewestFirst() {
    assertThat(sla().webhook("t1")).isEmpty();
    WebhookConfig c = new WebhookConfig(List.of(URI.create("https://crm.example.com/hooks/sla"),
        URI.create("http://10.0.0.5:8080/sla")), "s3cret-s3cret-s3cret");
    sla().saveWebhook("t1", c, "admin", T);
    sla().saveWebhook("t1", c, "admin", T.plusSeconds(1));
    assertThat(sla().webhook("t1")).contains(c);
    assertThat(sla().webhook("t2")).isEmpty();
    sla().saveDelivery(new WebhookDelivery("d1", "t1", "b-1", "https://crm.example.com/hooks/sla", 1, T, 500,
        "HTTP 500", false));
    sla().saveDelivery(new WebhookDelivery("d2", "t1", "b-1", "https://crm.example.com/hooks/sla", 2,
        T.plusSeconds(2), null, "x".repeat(800), false));
    sla().saveDelivery(new WebhookDelivery("d3", "t1", "b-1", "https://crm.example.com/hooks/sla", 3,
        T.plusSeconds(6), 204, null, true));
    sla().saveDelivery(new WebhookDelivery("d4", "t2", "b-9", "https://other.example.com/", 1, T, 200, null, true));
    List<WebhookDelivery> d = sla().deliveries("t1", 10);
    assertThat(d).extracting(WebhookDelivery::id).containsExactly("d3", "d2", "d1");
    assertThat(d.get(0).status()).isEqualTo(204);
    assertThat(d.get(0).delivered()).isTrue();
    assertThat(d.get(1).status()).isNull();
    assertThat(d.get(1).error()).as("long errors are cut, not refused").hasSize(500);
    assertThat(sla().deliveries("t1", 1)).hasSize(1);
  }
}
