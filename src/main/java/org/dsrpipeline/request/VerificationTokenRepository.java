package org.dsrpipeline.request;

import java.util.Optional;
import java.time.Instant;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface VerificationTokenRepository extends JpaRepository<VerificationToken, Long> {

  Optional<VerificationToken> findByTokenHash(String tokenHash);

  Optional<VerificationToken> findFirstByRequestIdOrderByExpiresAtDesc(Long requestId);

  /** Marks the link used unless it already is: 1 for the one caller that claimed it, 0 for any other. */
  @Modifying(flushAutomatically = true)
  @Query("update VerificationToken t set t.usedAt = :now where t.id = :id and t.usedAt is null")
  int claim(@Param("id") Long id, @Param("now") Instant now);
}
