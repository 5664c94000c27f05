package dev.ofg.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.finance.FinanceEvent;
import dev.ofg.store.BankImportLines.Claim;
import dev.ofg.store.BankImportLines.ClaimKind;
import dev.ofg.store.BankImportLines.Outcome;
import dev.ofg.store.BankImportLines.Settlement;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Claims and settlements of imported statement lines against real PostgreSQL. */
@ExtendWith(VertxExtension.class)
class BankImportLinesTest {
  private static TestDatabase testDatabase;
  private static Database database;
  private static BankImportLines lines;

  @BeforeAll
  static void open(Vertx vertx, VertxTestContext test) {
    testDatabase = TestDatabase.create();
    Database.open(vertx, testDatabase.config()).onComplete(test.succeeding(opened -> {
      database = opened;
      lines = new BankImportLines(database.pool(), Duration.ofMinutes(1));
      test.completeNow();
    }));
  }

  @AfterAll
  static void close(VertxTestContext test) {
    testDatabase.close(database).onComplete(test.succeedingThenComplete());
  }

  private static String id(String name) {
    return "NL00TEST0000000001:2024-03-01:ASR:" + name + "-" + UUID.randomUUID();
  }

  private static Future<Map<String, Claim>> claim(List<String> ids, long journal, UUID token) {
    return lines.claim(ids, "stmt-test", journal, token, "corr-" + token);
  }

  private static List<ClaimKind> kinds(Map<String, Claim> claims) {
    return claims.values().stream().map(Claim::kind).toList();
  }

  @Test
  void aLineClaimedByARunningImportIsBusyForEveryOther(VertxTestContext test) {
    String a = id("a");
    String b = id("b");
    String c = id("c");
    claim(List.of(a, b), 1, UUID.randomUUID())
        .compose(first -> claim(List.of(a, b, c), 1, UUID.randomUUID()).map(second -> List.of(first, second)))
        .onComplete(test.succeeding(claims -> test.verify(() -> {
          assertThat(kinds(claims.get(0))).containsExactly(ClaimKind.FRESH, ClaimKind.FRESH);
          assertThat(kinds(claims.get(1))).containsExactly(ClaimKind.BUSY, ClaimKind.BUSY, ClaimKind.FRESH);
          test.completeNow();
        })));
  }

  @Test
  void doneLinesStayDoneAndRejectedOrReleasedLinesCanBeClaimedAgain(VertxTestContext test) {
    String done = id("done");
    String rejected = id("rejected");
    String released = id("released");
    UUID token = UUID.randomUUID();
    claim(List.of(done, rejected, released), 1, token)
        .compose(claimed -> lines.settle(token, List.of(new Settlement(done, Outcome.DONE, 41L, null),
            new Settlement(rejected, Outcome.REJECTED, null, "Odoo said no"),
            new Settlement(released, Outcome.RELEASED, null, null)), List.of()))
        .compose(v -> claim(List.of(done, rejected, released), 2, UUID.randomUUID()))
        .compose(again -> lines.imported(List.of(done, rejected)).map(imported -> Map.entry(again, imported)))
        .onComplete(test.succeeding(result -> test.verify(() -> {
          assertThat(kinds(result.getKey())).containsExactly(ClaimKind.DONE, ClaimKind.FRESH, ClaimKind.FRESH);
          assertThat(result.getKey().get(done).odooId()).isEqualTo(41L);
          assertThat(result.getValue()).containsExactly(Map.entry(done, 41L));
          test.completeNow();
        })));
  }

  @Test
  void uncertainAndStaleClaimsAreTakenOverToBeSearchedInTheirFirstJournal(VertxTestContext test) {
    String uncertain = id("uncertain");
    String stale = id("stale");
    UUID first = UUID.randomUUID();
    claim(List.of(uncertain, stale), 5, first)
        .compose(claimed -> lines.settle(first, List.of(new Settlement(uncertain, Outcome.UNCERTAIN, null, null)),
            List.of()))
        .compose(v -> database.pool().preparedQuery("UPDATE bank_import_lines SET claimed_at = now() - interval "
            + "'1 hour' WHERE import_id = $1").execute(Tuple.of(stale)))
        .compose(v -> claim(List.of(uncertain, stale), 7, UUID.randomUUID()))
        .onComplete(test.succeeding(claims -> test.verify(() -> {
          assertThat(kinds(claims)).containsExactly(ClaimKind.TAKEN_OVER, ClaimKind.TAKEN_OVER);
          assertThat(claims.values()).extracting(Claim::journalId).containsOnly(5L);
          test.completeNow();
        })));
  }

  @Test
  void onlyTheOwnerOfAClaimCanSettleIt(VertxTestContext test) {
    String line = id("owned");
    UUID owner = UUID.randomUUID();
    claim(List.of(line), 1, owner)
        .compose(claimed -> lines.settle(UUID.randomUUID(), List.of(new Settlement(line, Outcome.DONE, 9L, null)),
            List.of()))
        .compose(v -> claim(List.of(line), 1, UUID.randomUUID()))
        .onComplete(test.succeeding(claims -> test.verify(() -> {
          assertThat(kinds(claims)).containsExactly(ClaimKind.BUSY);
          test.completeNow();
        })));
  }

  @Test
  void eventsAreAppendedWithTheSettlementAndOnlyOnce(VertxTestContext test) {
    String line = id("event");
    UUID token = UUID.randomUUID();
    FinanceEvent event = new FinanceEvent(UUID.randomUUID(), "bank.statement.line.imported", 1, "statement",
        "stmt-test", "bank-import", line, "corr", Instant.now(), new JsonObject().put("odooId", 3), null);
    claim(List.of(line), 1, token)
        .compose(claimed -> lines.settle(token, List.of(new Settlement(line, Outcome.DONE, 3L, null)), List.of(event)))
        .compose(v -> lines.settle(token, List.of(), List.of(event)))
        .compose(v -> database.pool().preparedQuery("SELECT count(*) FROM outbox WHERE event_id = $1")
            .execute(Tuple.of(event.id())))
        .onComplete(test.succeeding(rows -> test.verify(() -> {
          assertThat(rows.iterator().next().getLong(0)).isEqualTo(1L);
          test.completeNow();
        })));
  }

  @Test
  void concurrentImportsOfTheSameLinesGiveEachLineExactlyOneOwner(VertxTestContext test) {
    List<String> ids = IntStream.range(0, 50).mapToObj(i -> id("race" + i)).toList();
    List<Future<Map<String, Claim>>> attempts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      attempts.add(claim(ids, 1, UUID.randomUUID()));
    }
    Future.all(attempts).onComplete(test.succeeding(all -> test.verify(() -> {
      Map<String, Integer> owners = new HashMap<>();
      for (Future<Map<String, Claim>> attempt : attempts) {
        attempt.result().values().stream().filter(claim -> claim.kind() == ClaimKind.FRESH)
            .forEach(claim -> owners.merge(claim.importId(), 1, Integer::sum));
      }
      assertThat(owners).hasSize(50);
      assertThat(owners.values()).containsOnly(1);
      test.completeNow();
    })));
  }
}
