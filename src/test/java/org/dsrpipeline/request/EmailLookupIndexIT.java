package org.dsrpipeline.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import org.dsrpipeline.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The lookups by address (the DPO's search, earlier requests) compare lower(email), which PostgreSQL indexes. */
class EmailLookupIndexIT extends IntegrationTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;

  @Test
  void postgresqlAnswersLookupsByAddressFromTheIndexOnLowerEmail() {
    var product = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
    assumeThat(product).as("an index on an expression is PostgreSQL's (CI runs on it)").isEqualTo("PostgreSQL");

    assertThat(jdbc.queryForList("select indexdef from pg_indexes where tablename = 'dsr_request'", String.class))
        .anySatisfy(definition -> assertThat(definition).contains("dsr_request_email_lower_idx").contains("lower((email)::text)"));
    var plan = transactions.execute(tx -> {
      jdbc.execute("set local enable_seqscan = off");
      return String.join("\n", jdbc.queryForList(
          "explain select * from dsr_request where lower(email) = lower('Someone@Example.org')", String.class));
    });
    assertThat(plan).contains("dsr_request_email_lower_idx");
  }
}
