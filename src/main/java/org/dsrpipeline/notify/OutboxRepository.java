package org.dsrpipeline.notify;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface OutboxRepository extends JpaRepository<OutboxEmail, Long> {

  @Query("""
      select e.id from OutboxEmail e
      where e.status = org.dsrpipeline.notify.OutboxEmail.Status.PENDING
        and e.nextAttemptAt <= :now
        and (e.claimedUntil is null or e.claimedUntil < :now)
      order by e.nextAttemptAt, e.id""")
  List<Long> findDue(@Param("now") Instant now, Pageable page);

  /** Takes the email for this node; 0 rows means another node (or an earlier run) has it. */
  @Modifying
  @Query("""
      update OutboxEmail e set e.claimedUntil = :until
      where e.id = :id
        and e.status = org.dsrpipeline.notify.OutboxEmail.Status.PENDING
        and (e.claimedUntil is null or e.claimedUntil < :now)""")
  int claim(@Param("id") Long id, @Param("now") Instant now, @Param("until") Instant until);

  /**
   * Only while the claim is held ({@code claim}: the claimed-until time this node wrote). The body carries
   * the one-time links: it is dropped once the mail has gone.
   */
  @Modifying
  @Query("""
      update OutboxEmail e set e.status = org.dsrpipeline.notify.OutboxEmail.Status.SENT,
        e.sentAt = :now, e.body = null, e.claimedUntil = null, e.attempts = e.attempts + 1,
        e.lastError = null
      where e.id = :id and e.claimedUntil = :claim""")
  int markSent(@Param("id") Long id, @Param("now") Instant now, @Param("claim") Instant claim);

  /** Only while the claim is held, like {@link #markSent}. */
  @Modifying
  @Query("""
      update OutboxEmail e set e.status = :status, e.attempts = e.attempts + 1,
        e.nextAttemptAt = :next, e.claimedUntil = null, e.lastError = :error
      where e.id = :id and e.claimedUntil = :claim""")
  int markFailedAttempt(@Param("id") Long id, @Param("status") OutboxEmail.Status status,
      @Param("next") Instant next, @Param("error") String error, @Param("claim") Instant claim);

  @Modifying
  @Query("""
      update OutboxEmail e set e.status = org.dsrpipeline.notify.OutboxEmail.Status.PENDING,
        e.nextAttemptAt = :now, e.claimedUntil = null
      where e.id = :id and e.status = org.dsrpipeline.notify.OutboxEmail.Status.FAILED""")
  int retry(@Param("id") Long id, @Param("now") Instant now);

  long countByStatus(OutboxEmail.Status status);

  List<OutboxEmail> findByStatusNotOrderByIdAsc(OutboxEmail.Status status);

  List<OutboxEmail> findByRequestIdOrderByIdAsc(Long requestId);
}
