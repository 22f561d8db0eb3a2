package org.dsrpipeline.request;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface VerificationTokenRepository extends JpaRepository<VerificationToken, Long> {

  Optional<VerificationToken> findByTokenHash(String tokenHash);

  Optional<VerificationToken> findFirstByRequestIdOrderByExpiresAtDesc(Long requestId);
}
