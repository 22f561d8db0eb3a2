package org.dsrpipeline.datamap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dsrpipeline.datamap.IdentityType.COOKIE_ID;
import static org.dsrpipeline.datamap.IdentityType.CUSTOMER_ID;
import static org.dsrpipeline.datamap.IdentityType.EMAIL;
import static org.dsrpipeline.datamap.IdentityType.PHONE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The graph's traversal on stores kept in memory; JdbcConnectorTest runs it on real databases. */
class IdentityGraphTest {

  private final IdentityGraph graph = new IdentityGraph(10, 50);

  private final Store accounts = new Store("accounts",
      record(EMAIL, "ann@example.gr", CUSTOMER_ID, "1", PHONE, "+306912345678"),
      record(EMAIL, "joann@example.gr", CUSTOMER_ID, "2", PHONE, "+30691234567"));
  private final Store tracking = new Store("tracking",
      record(CUSTOMER_ID, "1", COOKIE_ID, "ck-1"),
      record(COOKIE_ID, "ck-1"),
      record(CUSTOMER_ID, "2", COOKIE_ID, "ck-2"));
  private final Store messages = new Store("messages",
      record(PHONE, "+306912345678", EMAIL, "anna.work@example.gr"),
      record(PHONE, "+30691234567"));

  @Test
  void identitiesAreFollowedAcrossStoresToAFixpoint() {
    var result = graph.resolve(SubjectIdentities.of(EMAIL, "Ann@Example.gr"), List.of(accounts, tracking, messages));

    assertThat(result.identities().of(EMAIL)).containsExactlyInAnyOrder("ann@example.gr", "anna.work@example.gr");
    assertThat(result.identities().of(CUSTOMER_ID)).containsExactly("1");
    assertThat(result.identities().of(PHONE)).containsExactly("+306912345678");
    assertThat(result.identities().of(COOKIE_ID)).containsExactly("ck-1");
    assertThat(result.rounds()).isEqualTo(3);
    assertThat(result.unavailable()).isEmpty();
  }

  @Test
  void eachRoundAsksOnlyAboutValuesNewSinceTheRoundBefore() {
    graph.resolve(SubjectIdentities.of(EMAIL, "ann@example.gr"), List.of(accounts, tracking, messages));

    assertThat(accounts.asked).hasSize(3);
    assertThat(accounts.asked.get(0).of(EMAIL)).containsExactly("ann@example.gr");
    assertThat(accounts.asked.get(1).of(EMAIL)).doesNotContain("ann@example.gr");
    assertThat(accounts.asked.get(1).of(CUSTOMER_ID)).containsExactly("1");
  }

  @Test
  void aStoreThatCannotBeReachedIsReportedAndTheOthersStillAnswer() {
    var down = new IdentitySource() {
      @Override
      public String name() {
        return "crm";
      }

      @Override
      public SubjectIdentities identitiesLinkedTo(SubjectIdentities known) throws Exception {
        throw new java.io.IOException("store crm (http://crm.example): cannot be reached");
      }
    };

    var result = graph.resolve(SubjectIdentities.of(EMAIL, "ann@example.gr"), List.of(down, accounts));

    assertThat(result.identities().of(CUSTOMER_ID)).containsExactly("1");
    assertThat(result.unavailable()).containsOnlyKeys("crm");
    assertThat(result.unavailable().get("crm")).contains("cannot be reached");
  }

  @Test
  void tooManyValuesOfOneTypeStopTheGraph() {
    var switchboard = new ArrayList<Map<IdentityType, String>>();
    for (int i = 0; i < 60; i++) {
      switchboard.add(record(PHONE, "+302310000000", EMAIL, "employee" + i + "@company.example"));
    }
    var shared = new Store("contacts", switchboard.toArray(Map[]::new));

    assertThatThrownBy(() -> graph.resolve(SubjectIdentities.of(PHONE, "+302310000000"), List.of(shared)))
        .isInstanceOf(IdentityGraph.IdentityGraphLimitException.class)
        .hasMessageStartingWith("The subject's identities grew past 50 email values in round 1")
        .hasMessageNotContaining("employee");
  }

  @Test
  void aChainThatDoesNotEndStopsTheGraph() {
    var chain = new ArrayList<Map<IdentityType, String>>();
    for (int i = 0; i < 20; i++) {
      chain.add(record(CUSTOMER_ID, Integer.toString(i), COOKIE_ID, "ck-" + i));
      chain.add(record(COOKIE_ID, "ck-" + i, CUSTOMER_ID, Integer.toString(i + 1)));
    }
    var store = new Store("chain", chain.toArray(Map[]::new));

    assertThatThrownBy(() -> new IdentityGraph(3, 50).resolve(SubjectIdentities.of(CUSTOMER_ID, "0"), List.of(store)))
        .isInstanceOf(IdentityGraph.IdentityGraphLimitException.class)
        .hasMessageStartingWith("The subject's identities still grew after 3 rounds");
  }

  @Test
  void nothingFoundEndsAfterOneRound() {
    var result = graph.resolve(SubjectIdentities.of(EMAIL, "nobody@example.gr"), List.of(accounts, tracking));

    assertThat(result.identities()).isEqualTo(SubjectIdentities.of(EMAIL, "nobody@example.gr"));
    assertThat(result.rounds()).isEqualTo(1);
  }

  @SuppressWarnings("unchecked")
  private static Map<IdentityType, String> record(Object... typesAndValues) {
    var record = new HashMap<IdentityType, String>();
    for (int i = 0; i < typesAndValues.length; i += 2) {
      record.put((IdentityType) typesAndValues[i], (String) typesAndValues[i + 1]);
    }
    return record;
  }

  /** Records as identity values only; a record matches when one of its values is known, exactly. */
  private static final class Store implements IdentitySource {

    private final String name;
    private final List<Map<IdentityType, String>> records;
    final List<SubjectIdentities> asked = new ArrayList<>();

    @SafeVarargs
    Store(String name, Map<IdentityType, String>... records) {
      this.name = name;
      this.records = List.of(records);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public SubjectIdentities identitiesLinkedTo(SubjectIdentities known) {
      asked.add(known);
      var found = new HashMap<IdentityType, Set<String>>();
      for (var record : records) {
        if (record.entrySet().stream().anyMatch(e -> known.has(e.getKey(), e.getValue()))) {
          record.forEach((type, value) -> found.computeIfAbsent(type, t -> new HashSet<>()).add(value));
        }
      }
      return new SubjectIdentities(found);
    }
  }
}
