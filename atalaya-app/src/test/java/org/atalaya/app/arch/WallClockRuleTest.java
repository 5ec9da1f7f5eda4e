package org.atalaya.app.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Business time comes only from the injected {@link Clock}: no production class reads the
 * machine's clock itself ({@code Instant.now()}, {@code LocalDate.now()},
 * {@code System.currentTimeMillis()}, {@code Clock.systemUTC()}, ...), except the wiring that
 * makes the one clock: {@code Main} and the CLI commands. {@code System.nanoTime()} measures
 * durations and stays allowed. A test suite that passed last week and fails today came from
 * exactly such a read.
 */
class WallClockRuleTest {
  private static final Set<String> DATED = Set.of("java.time.Instant", "java.time.LocalDate",
      "java.time.LocalDateTime", "java.time.LocalTime", "java.time.ZonedDateTime", "java.time.OffsetDateTime",
      "java.time.OffsetTime", "java.time.Year", "java.time.YearMonth", "java.time.MonthDay");

  /** A call that reads the machine's clock instead of a {@link Clock} handed in. */
  static final DescribedPredicate<JavaCall<?>> READS_THE_WALL_CLOCK =
      DescribedPredicate.describe("reads the machine's clock", WallClockRuleTest::readsWallClock);

  static final ArchRule RULE = noClasses()
      .that().resideOutsideOfPackages("org.atalaya.app.cli..")
      .and().doNotHaveFullyQualifiedName("org.atalaya.app.Main")
      .should().callCodeUnitWhere(READS_THE_WALL_CLOCK)
      .because("business time comes from the injected Clock (CONVENTIONS.md, 'Time is an input')");

  @Test
  void noProductionClassReadsTheMachinesClock() {
    JavaClasses production = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.atalaya");
    assertThat(production.size()).as("the production classes were found").isGreaterThan(300);
    RULE.check(production);
  }

  @Test
  void theRuleCatchesEachKindOfRead() {
    JavaClasses offenders = new ClassFileImporter().importClasses(ReadsTheClock.class, UsesTheClock.class);
    EvaluationResult result = RULE.evaluate(offenders);
    assertThat(result.getFailureReport().getDetails())
        .as("each read is named")
        .anyMatch(d -> d.contains("Instant.now()"))
        .anyMatch(d -> d.contains("System.currentTimeMillis()"))
        .anyMatch(d -> d.contains("Clock.systemUTC()"))
        .anyMatch(d -> d.contains("LocalDate.now(java.time.ZoneId)"))
        .allMatch(d -> !d.contains(UsesTheClock.class.getSimpleName()));
  }

  private static boolean readsWallClock(JavaCall<?> call) {
    String owner = call.getTargetOwner().getName();
    String name = call.getName();
    var params = call.getTarget().getRawParameterTypes();
    if (owner.equals("java.lang.System")) {
      return name.equals("currentTimeMillis");
    }
    if (owner.equals("java.time.Clock")) {
      return name.equals("systemUTC") || name.equals("systemDefaultZone") || name.equals("system");
    }
    if ((owner.equals("java.util.Date") || owner.equals("java.util.GregorianCalendar")) && name.equals("<init>")) {
      return params.isEmpty() || owner.endsWith("GregorianCalendar") && params.size() <= 2;
    }
    if (owner.equals("java.util.Calendar") && name.equals("getInstance")) {
      return true;
    }
    if (DATED.contains(owner) && name.equals("now")) {
      // now(Clock) is the allowed form: the clock is the injected one.
      return params.stream().noneMatch(p -> p.isEquivalentTo(Clock.class));
    }
    return false;
  }

  /** Fixture: reads the machine's clock in four ways. */
  static final class ReadsTheClock {
    Object[] reads() {
      return new Object[] {Instant.now(), System.currentTimeMillis(), Clock.systemUTC(),
          java.time.LocalDate.now(java.time.ZoneOffset.UTC)};
    }
  }

  /** Fixture: takes its time from a clock handed in, as production code must. */
  static final class UsesTheClock {
    Object[] reads(Clock clock) {
      return new Object[] {clock.instant(), Instant.now(clock), java.time.LocalDate.now(clock)};
    }
  }
}
