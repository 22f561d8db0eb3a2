package org.dsrpipeline.request;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.ZoneId;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.springframework.stereotype.Component;

/**
 * Draws the next request number from a database sequence, so that every engine node sharing the
 * database hands out unique, gap-tolerant references such as {@code DSR-2026-000042}.
 */
@Component
class RequestNumbers {

  record RequestNumber(long id, String reference) {
  }

  private final EntityManager entityManager;
  private final String nextValueSql;

  RequestNumbers(EntityManager entityManager) {
    this.entityManager = entityManager;
    var dialect = entityManager.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class)
        .getJdbcServices().getDialect();
    this.nextValueSql = dialect.getSequenceSupport().getSequenceNextValString("dsr_request_seq");
  }

  RequestNumber next(Instant receivedAt, ZoneId zone) {
    long id = ((Number) entityManager.createNativeQuery(nextValueSql).getSingleResult()).longValue();
    int year = receivedAt.atZone(zone).getYear();
    return new RequestNumber(id, "DSR-%d-%06d".formatted(year, id));
  }
}
